/**
 * The hub over HTTP (`/v1/…`): enrolment, the caller's account, push, pull and blobs, and device
 * revocation for administrators. Bodies are checked against the shared protocol schemas before
 * anything runs; every answer that is not a success is a HubErrorBody. Defences: rate limits,
 * failed enrolments and forged tokens locked out (failures.ts), input limits (input-limits.ts),
 * security headers, and, behind a TLS proxy, nobody but the proxy served (proxy.ts).
 */
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { Id } from '../../shared/domain/dossier';
import { EnrolRequest, MAX_PUSH_BYTES, PROTOCOL_VERSION, PullQuery, PushRequest, type MeResponse } from '../../shared/sync/protocol';
import type { HubDatabase } from '../db/database';
import { HubError } from '../errors';
import { hubIdOf } from '../hub-meta';
import { pullEvents } from '../sync/pull';
import { applyPush } from '../sync/push';
import { DEFAULT_TOKEN_TTL_MS, deviceById, enrolDevice, revokeDevice } from '../users/devices';
import { principalOf, requireDeviceToken, requireRole } from './auth';
import { registerBlobRoutes } from './blobs';
import { registerDsStatusRoute } from './ds-status';
import { parseOrReject, sendHubError } from './errors';
import { DEFAULT_FAILURE_LIMITS, accountKey, addressKey, failureCounters, type FailureLimits } from './failures';
import { SERVER_LIMITS, registerJsonLimits } from './input-limits';
import { serveThroughProxyOnly, type TrustedProxies } from './proxy';

/** Any body but a push or a blob chunk: enrolment, revocation. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

export interface HubRateLimits {
  /** Calls per window for one device token (or one address without a token). */
  perToken: number;
  /** Enrolment attempts per window from one address: codes cannot be guessed by volume. */
  enrolPerAddress: number;
  windowMs: number;
}

/** Generous for a desk pulling thousands of pieces in a minute, low enough to stop a loop. */
export const DEFAULT_RATE_LIMITS: HubRateLimits = { perToken: 10_000, enrolPerAddress: 20, windowMs: 60_000 };

export interface HubAppOptions {
  db: HubDatabase;
  tokenTtlMs?: number;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  rateLimits?: HubRateLimits;
  failureLimits?: FailureLimits;
  /**
   * Behind a reverse proxy or a load balancer: the caller's address is read from X-Forwarded-For,
   * so that limits per address apply to each desk rather than to the proxy. Given as the proxy's
   * addresses, only they are believed and served (proxy.ts).
   */
  trustProxy?: TrustedProxies;
}

/**
 * A desk speaking an older protocol must be updated before it sends anything more (checked before
 * the body's shape, which may have changed since); a desk newer than the hub waits for the hub.
 */
export function checkProtocol(body: unknown): void {
  const protocol = (body as { protocol?: unknown } | null)?.protocol;
  if (typeof protocol !== 'number') return;
  if (protocol < PROTOCOL_VERSION) {
    throw new HubError('protocol_outdated', 426, `This desk speaks protocol ${protocol}; the hub speaks ${PROTOCOL_VERSION}. Update Relais, then sync again.`);
  }
  if (protocol > PROTOCOL_VERSION) {
    throw new HubError('invalid_request', 400, `This hub speaks protocol ${PROTOCOL_VERSION}, older than the desk's ${protocol}: the hub must be updated.`);
  }
}

/**
 * What a log line says of a request: no headers (the token travels in one), no body (the
 * enrolment code does), no query string (a client may put anything there).
 */
function requestForLog(request: FastifyRequest): Record<string, string> {
  return { method: request.method, path: request.url.split('?')[0]!, remoteAddress: request.ip };
}

/** Should some future line carry them anyway, these fields are blanked (pino's redaction). */
const REDACTED_LOG_PATHS = ['req.headers.authorization', 'headers.authorization', 'authorization', 'token', '*.token', 'code', '*.code', 'dsToken', '*.dsToken'];

/**
 * An API answers JSON to desks, never pages to a browser: nothing may be framed, sniffed, cached
 * or load anything. HSTS is the TLS proxy's to send (README), but sent here too for a hub
 * reached directly over HTTPS.
 */
const SECURITY_HEADERS = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

const DeviceParams = z.strictObject({ id: Id });

export function buildHubApp({
  db,
  tokenTtlMs = DEFAULT_TOKEN_TTL_MS,
  now = () => new Date(),
  logger = false,
  rateLimits = DEFAULT_RATE_LIMITS,
  failureLimits = DEFAULT_FAILURE_LIMITS,
  trustProxy = false,
}: HubAppOptions): FastifyInstance {
  const app = Fastify({
    logger: logger ? { ...(typeof logger === 'object' ? logger : {}), serializers: { req: requestForLog }, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } } : false,
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    ...SERVER_LIMITS,
    forceCloseConnections: true,
    trustProxy: typeof trustProxy === 'boolean' ? trustProxy : [...trustProxy],
  });
  app.setErrorHandler((error, request, reply) => sendHubError(error as Error, request, reply));
  app.setNotFoundHandler((request, reply) => sendHubError(new HubError('not_found', 404, `No route ${request.method} ${request.url.split('?')[0]}.`), request, reply));
  if (typeof trustProxy !== 'boolean') serveThroughProxyOnly(app, trustProxy);
  registerJsonLimits(app);
  app.register(helmet, SECURITY_HEADERS);
  // Answers carry dossiers and tokens: no cache on the way may keep them.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const failures = failureCounters(failureLimits, () => now().getTime());

  app.register(rateLimit, {
    max: rateLimits.perToken,
    timeWindow: rateLimits.windowMs,
    // Keyed by the token's hash, not the token: the limiter's memory holds no secret.
    keyGenerator: (request) => {
      const authorization = request.headers.authorization;
      return authorization ? `token:${createHash('sha256').update(authorization).digest('hex')}` : `address:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => new HubError('rate_limited', 429, `Too many calls: try again in ${context.after}.`),
  });

  app.register(async (open) => {
    open.get('/v1/health', async () => ({ ok: true, hubId: await hubIdOf(db), protocol: PROTOCOL_VERSION }));

    open.post(
      '/v1/enrol',
      { config: { rateLimit: { max: rateLimits.enrolPerAddress, timeWindow: rateLimits.windowMs, keyGenerator: (request) => `enrol:${request.ip}` } } },
      async (request) => {
        checkProtocol(request.body);
        const enrolment = parseOrReject(EnrolRequest, request.body, 'enrolment request');
        const keys = [accountKey(enrolment.email), addressKey(request.ip)];
        failures.enrolment.check(keys, 'enrolments for this account or from this address');
        try {
          const enrolled = await enrolDevice(db, enrolment, now(), tokenTtlMs);
          failures.enrolment.succeed(keys);
          return enrolled;
        } catch (error) {
          if (error instanceof HubError && error.code === 'enrolment_invalid') failures.enrolment.fail(keys);
          throw error;
        }
      },
    );
  });

  app.register(async (guarded) => {
    requireDeviceToken(guarded, db, now, failures.tokens);

    guarded.get('/v1/me', async (request): Promise<MeResponse> => {
      const { user, deviceId } = principalOf(request);
      const device = await deviceById(db, deviceId);
      return { hubId: await hubIdOf(db), user, device: { id: deviceId, name: device!.name, expiresAt: device!.expiresAt } };
    });

    guarded.post('/v1/admin/devices/:id/revoke', async (request) => {
      requireRole(principalOf(request), 'administrateur');
      const { id } = parseOrReject(DeviceParams, request.params, 'device id');
      return revokeDevice(db, id, now());
    });

    guarded.post('/v1/push', { bodyLimit: MAX_PUSH_BYTES }, async (request) => {
      checkProtocol(request.body);
      return applyPush(db, principalOf(request), parseOrReject(PushRequest, request.body, 'push'), now());
    });

    guarded.get('/v1/pull', async (request) => pullEvents(db, principalOf(request), parseOrReject(PullQuery, request.query, 'pull query')));

    registerBlobRoutes(guarded, db);
    registerDsStatusRoute(guarded, db);
  });

  return app;
}
