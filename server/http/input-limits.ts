/**
 * Limits on what a caller may send, before any schema runs: the size of headers and of a URL
 * parameter, how long a request may take, and the shape of a JSON body (nesting, array length,
 * string length, keys per object), so that a body within the byte limit cannot still cost the
 * hub a deep recursion or millions of tiny values to check. Each protocol schema then sets its
 * own, tighter limits field by field.
 */
import type { FastifyInstance } from 'fastify';
import { HubError } from '../errors';

export const JSON_LIMITS = {
  depth: 32,
  arrayItems: 10_000,
  /** Above the longest text a mutation's schema accepts (100,000 characters). */
  stringChars: 200_000,
  objectKeys: 1_000,
} as const;

/** Node answers 431 past this; a desk's largest header is its 51-character Authorization. */
export const MAX_HEADER_BYTES = 16 * 1024;

export const SERVER_LIMITS = {
  http: { maxHeaderSize: MAX_HEADER_BYTES },
  /** A blob id is 64 characters, a device id 36. */
  routerOptions: { maxParamLength: 100 },
  /** Long enough for an 8 MB blob chunk over a slow link; a request trickled slower is cut. */
  requestTimeout: 5 * 60_000,
};

function tooLarge(what: string): HubError {
  return new HubError('invalid_request', 400, `The request body holds ${what}: nothing was applied.`);
}

/** Walks a parsed body without recursion, so that its own depth cannot overflow the stack. */
export function checkJsonShape(value: unknown): void {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.length > JSON_LIMITS.stringChars) throw tooLarge(`a text longer than ${JSON_LIMITS.stringChars} characters`);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > JSON_LIMITS.depth) throw tooLarge(`values nested deeper than ${JSON_LIMITS.depth} levels`);
    if (Array.isArray(current)) {
      if (current.length > JSON_LIMITS.arrayItems) throw tooLarge(`a list of more than ${JSON_LIMITS.arrayItems} items`);
      for (const item of current) pending.push([item, depth + 1]);
      continue;
    }
    const keys = Object.keys(current);
    if (keys.length > JSON_LIMITS.objectKeys) throw tooLarge(`an object of more than ${JSON_LIMITS.objectKeys} keys`);
    for (const key of keys) {
      if (key.length > JSON_LIMITS.stringChars) throw tooLarge(`a key longer than ${JSON_LIMITS.stringChars} characters`);
      pending.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
}

/** Fastify's own JSON parser (which refuses __proto__ and constructor poisoning), then the shape check. */
export function registerJsonLimits(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, body as string, (error, parsed) => {
      if (error) return done(error, undefined);
      try {
        checkJsonShape(parsed);
      } catch (refusal) {
        return done(refusal as Error, undefined);
      }
      done(null, parsed);
    });
  });
}
