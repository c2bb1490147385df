/**
 * Bearer authentication of every route but health and enrolment. The token is checked before the
 * body is parsed (nothing from an unknown caller is read), and after the rate limit (an
 * onRequest hook of each route), so that a flood of forged tokens is limited too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HubRole } from '../../shared/sync/protocol';
import type { HubDatabase, Principal } from '../db/database';
import { HubError } from '../errors';
import { authenticate } from '../users/devices';
import { addressKey, type FailureCounter } from './failures';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireDeviceToken on the routes it guards. */
    principal: Principal | null;
  }
}

/** The token of `Authorization: Bearer <token>`; an absent header is undefined, a garbled one ''. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  return /^Bearer (\S+)$/.exec(header)?.[1] ?? '';
}

/**
 * Guards every route registered on `scope` (and below) with the device token. Tokens the hub never
 * gave count as failures of the caller's address (`forged`): past the limit it is refused for a
 * while, whatever token it shows. Expired and revoked tokens do not count: they were real.
 */
export function requireDeviceToken(scope: FastifyInstance, db: HubDatabase, now: () => Date, forged: FailureCounter): void {
  scope.decorateRequest('principal', null);
  scope.addHook('preParsing', async (request) => {
    const keys = [addressKey(request.ip)];
    forged.check(keys, 'device tokens from this address');
    try {
      const token = bearerToken(request);
      if (token === '') throw new HubError('token_invalid', 401, 'The Authorization header must read “Bearer <device token>”.');
      request.principal = await authenticate(db, token, now());
    } catch (error) {
      if (error instanceof HubError && error.code === 'token_invalid') forged.fail(keys);
      throw error;
    }
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf called on a route without requireDeviceToken');
  return request.principal;
}

export function requireRole(principal: Principal, role: HubRole): void {
  if (principal.user.role !== role) throw new HubError('forbidden', 403, `This call is for the ${role} role.`);
}
