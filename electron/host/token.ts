/** The browser host's per-run secret: whoever holds it may call core, nobody else. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe so it travels in the `?token=` of the address. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares `Authorization: Bearer <token>` in constant time (digests hide the length too). */
export function bearerMatches(token: string, authorization: string | undefined): boolean {
  const presented = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token));
}
