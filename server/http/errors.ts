/**
 * Every failure leaves the hub as a HubErrorBody: the protocol's code, an English message, and for
 * a refused body the fields at fault. Unexpected errors are logged here and answered 500 without
 * their text (it may name tables or values).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HubErrorBody } from '../../shared/sync/protocol';
import { HubError } from '../errors';
import { RetryLaterError } from './failures';

export function invalidRequest(error: z.ZodError, what: string): HubError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return new HubError('invalid_request', 400, `The ${what} does not fit the protocol: nothing was applied.`, issues);
}

/** Parses with a shared schema, or throws a 400 naming the fields at fault. */
export function parseOrReject<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error, what);
  return parsed.data;
}

function asHubError(error: FastifyError | HubError | Error): HubError | null {
  if (error instanceof HubError) return error;
  if (error instanceof z.ZodError) return invalidRequest(error, 'request');
  const { code, statusCode } = error as FastifyError;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new HubError('body_too_large', 413, 'The request body is larger than this route accepts: nothing was applied.');
  // Fastify's own refusals of a request (unreadable JSON, a wrong content type…) are the caller's fault.
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return new HubError('invalid_request', statusCode, error.message);
  return null;
}

export function sendHubError(error: FastifyError | HubError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = asHubError(error);
  if (!known) request.log.error({ err: error }, 'request failed');
  const hubError = known ?? new HubError('hub_unavailable', 500, 'The hub met an unexpected error; nothing was lost. Try again later.');
  const body: HubErrorBody = { error: hubError.code, message: hubError.message };
  if (hubError.details !== undefined) body.details = hubError.details;
  if (hubError instanceof RetryLaterError) reply.header('retry-after', String(hubError.retryAfterSeconds));
  return reply.code(hubError.status).send(body);
}
