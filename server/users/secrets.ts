/**
 * The hub's two secrets: one-time enrolment codes (typed by a person) and device tokens (kept by
 * a desk). Both carry enough randomness that a plain SHA-256 is a safe thing to store.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Crockford's base 32: no I, L, O or U, so that a code read aloud or copied by hand survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_GROUPS = 5;
const CODE_GROUP_LENGTH = 4;

/** 20 characters of 5 bits each: 100 random bits, as `XXXX-XXXX-XXXX-XXXX-XXXX`. */
export function newEnrolmentCode(): string {
  const groups = Array.from({ length: CODE_GROUPS }, () =>
    Array.from({ length: CODE_GROUP_LENGTH }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join(''),
  );
  return groups.join('-');
}

/** 256 random bits in base64url: 43 characters. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
