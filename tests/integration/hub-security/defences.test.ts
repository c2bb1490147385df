/**
 * The hub's defences over real HTTP on PGlite: failed enrolments locked out per account and per
 * address (429 with Retry-After, a success resets), forged tokens per address, security headers
 * on every answer, limits on bodies, JSON shapes and headers, and a hub behind a named TLS proxy
 * serving nobody else.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport, relaisErrorOfHub } from '../../../electron/core/sync/http-transport';
import { RelaisError } from '../../../shared/errors';
import { fr } from '../../../shared/i18n/fr';
import type { HubDatabase } from '../../../server/db/database';
import { JSON_LIMITS, MAX_HEADER_BYTES } from '../../../server/http/input-limits';
import { revokeDevice } from '../../../server/users/devices';
import { newDeviceToken } from '../../../server/users/secrets';
import { addUser, issueEnrolmentCode } from '../../../server/users/users';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { openTestHubDatabase } from '../../fixtures/postgres';
import { call, enrolledDevice, listenHub, someUser, type TestHub } from '../hub-http/hub';

const WINDOW_MS = 60_000;
const NO_RATE_LIMIT = { perToken: 10_000, enrolPerAddress: 10_000, windowMs: WINDOW_MS };
const WRONG_CODE = 'ABCD-EFGH-JKMN-PQRS-TVWX';

let db: HubDatabase;
beforeAll(async () => {
  db = await openTestHubDatabase('pglite');
});
afterAll(() => db.close());

describe('brute-force protection', () => {
  let hub: TestHub;
  let clock = new Date('2026-11-20T10:00:00.000Z');
  beforeAll(async () => {
    hub = await listenHub({ db, now: () => clock, trustProxy: true, rateLimits: NO_RATE_LIMIT, failureLimits: { perAccount: 3, perAddress: 5, windowMs: WINDOW_MS } });
  });
  afterAll(() => hub.close());

  const enrol = (email: string, code: string, from: string) =>
    call(hub, 'POST', '/v1/enrol', { json: { email, code, deviceName: 'Portable', protocol: PROTOCOL_VERSION }, headers: { 'x-forwarded-for': from } });

  it('locks an account after its failed enrolments, even for the right code, until the window ends', async () => {
    const person = someUser();
    const { code } = await addUser(db, person, clock);
    const statuses = [];
    // From three addresses: the account's count does not depend on where attempts come from.
    for (const from of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) statuses.push((await enrol(person.email, WRONG_CODE, from)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const locked = await enrol(person.email.toUpperCase(), code, '10.0.1.4');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: 'rate_limited' });
    expect(locked.headers.get('retry-after')).toBe('60');

    clock = new Date(clock.getTime() + 30_000);
    expect((await enrol(person.email, code, '10.0.1.4')).headers.get('retry-after')).toBe('30');
    clock = new Date(clock.getTime() + 30_000);
    expect((await enrol(person.email, code, '10.0.1.4')).status).toBe(200);
  });

  it('tells a person on a desk, in their language, why they must wait', async () => {
    const person = someUser();
    await addUser(db, person, clock);
    const desk = new HttpTransport({ hubUrl: hub.url, token: () => null });
    const attempt = () => desk.enrol({ email: person.email, code: WRONG_CODE, deviceName: 'Portable', protocol: PROTOCOL_VERSION }).catch((error: unknown) => relaisErrorOfHub(error, hub.url));
    for (let i = 0; i < 3; i += 1) expect(await attempt()).toMatchObject({ code: 'hub_enrolment_refused' });
    const locked = await attempt();
    expect(locked).toBeInstanceOf(RelaisError);
    expect(locked).toMatchObject({ code: 'hub_rate_limited' });
    expect(fr.errors.hub_rate_limited).toContain('Attendez 15 minutes');
  });

  it('resets an account’s count on a success', async () => {
    const person = someUser();
    const { user, code } = await addUser(db, person, clock);
    expect([(await enrol(person.email, WRONG_CODE, '10.0.2.1')).status, (await enrol(person.email, WRONG_CODE, '10.0.2.1')).status]).toEqual([401, 401]);
    expect((await enrol(person.email, code, '10.0.2.1')).status).toBe(200);
    const second = await issueEnrolmentCode(db, user.id, clock);
    expect([(await enrol(person.email, WRONG_CODE, '10.0.2.1')).status, (await enrol(person.email, WRONG_CODE, '10.0.2.1')).status]).toEqual([401, 401]);
    expect((await enrol(person.email, second.code, '10.0.2.1')).status).toBe(200);
  });

  it('locks an address that tries codes across accounts, and only that address', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await enrol(someUser().email, WRONG_CODE, '10.0.3.1')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const person = someUser();
    const { code } = await addUser(db, person, clock);
    const locked = await enrol(person.email, code, '10.0.3.1');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await enrol(person.email, code, '10.0.3.2')).status).toBe(200);
  });

  it('locks an address that sends forged tokens; real tokens, expired or revoked, do not count', async () => {
    const desk = await enrolledDevice(db, hub);
    const revoked = await enrolledDevice(db, hub);
    await revokeDevice(db, revoked.deviceId, clock);
    const me = (token: string, from: string) => call(hub, 'GET', '/v1/me', { token, headers: { 'x-forwarded-for': from } });

    for (let i = 0; i < 8; i += 1) expect((await me(revoked.token, '10.0.4.1')).body).toMatchObject({ error: 'device_revoked' });
    expect((await me(desk.token, '10.0.4.1')).status).toBe(200);

    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await me(newDeviceToken(), '10.0.4.2')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await me(desk.token, '10.0.4.2');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: 'rate_limited' });
    expect(locked.headers.get('retry-after')).toBeTruthy();
    expect((await me(desk.token, '10.0.4.3')).status).toBe(200);
  });
});

describe('security headers and input limits', () => {
  let hub: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await listenHub({ db, rateLimits: NO_RATE_LIMIT });
    token = (await enrolledDevice(db, hub)).token;
  });
  afterAll(() => hub.close());

  it('sends security headers on every answer, a success, a refusal or an unknown route', async () => {
    const answers = [await call(hub, 'GET', '/v1/health'), await call(hub, 'GET', '/v1/me'), await call(hub, 'GET', '/v1/me', { token }), await call(hub, 'GET', '/nothing')];
    for (const { headers } of answers) {
      expect(headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it('refuses JSON too deep, lists too long, texts too long, too many keys and prototype poisoning with a 400 before any schema', async () => {
    const deep = JSON.stringify(Array.from({ length: JSON_LIMITS.depth + 1 }).reduce<unknown>((inner) => [inner], 1));
    const bodies = [
      deep,
      JSON.stringify({ protocol: PROTOCOL_VERSION, list: new Array(JSON_LIMITS.arrayItems + 1).fill(0) }),
      JSON.stringify({ protocol: PROTOCOL_VERSION, text: 'x'.repeat(JSON_LIMITS.stringChars + 1) }),
      JSON.stringify(Object.fromEntries(Array.from({ length: JSON_LIMITS.objectKeys + 1 }, (_, i) => [`k${i}`, 0]))),
      '{"protocol": 1, "__proto__": {"admin": true}}',
    ];
    for (const body of bodies) {
      // Push accepts 16 MB: each body fits, and only its shape is refused.
      const answer = await call(hub, 'POST', '/v1/push', { token, body, headers: { 'content-type': 'application/json' } });
      expect(answer.status, body.slice(0, 40)).toBe(400);
      expect(answer.body).toMatchObject({ error: 'invalid_request' });
    }
    // The stack survives nesting far beyond the limit: refused, not crashed.
    const abyss = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect((await call(hub, 'POST', '/v1/push', { token, body: abyss, headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await call(hub, 'GET', '/v1/health')).status).toBe(200);
  });

  it('refuses headers above the limit (431) and a route parameter too long (414), and goes on serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${hub.url}/v1/health`, { headers: { 'x-filler': 'x'.repeat(MAX_HEADER_BYTES + 1) } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(431);
    expect((await call(hub, 'GET', `/v1/blobs/${'a'.repeat(200)}`, { token })).status).toBe(414);
    expect((await call(hub, 'GET', '/v1/health')).status).toBe(200);
  });
});

describe('a hub behind a named TLS proxy', () => {
  it('believes and serves only the proxy, and only what came to it over HTTPS', async () => {
    const direct = await listenHub({ db, trustProxy: ['10.9.9.9'], rateLimits: NO_RATE_LIMIT });
    const proxied = await listenHub({ db, trustProxy: ['127.0.0.0/8', '::1'], rateLimits: NO_RATE_LIMIT, failureLimits: { perAccount: 10, perAddress: 1, windowMs: WINDOW_MS } });
    try {
      const refused = await call(direct, 'GET', '/v1/health', { headers: { 'x-forwarded-proto': 'https' } });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('HTTPS proxy only') });

      const https = { 'x-forwarded-proto': 'https' };
      expect((await call(proxied, 'GET', '/v1/health', { headers: https })).status).toBe(200);
      const plain = await call(proxied, 'GET', '/v1/health', { headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.status).toBe(403);
      expect(plain.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('HTTPS only') });
      // The forwarded address is the caller's: one address locked does not lock the next.
      const forged = (from: string) => call(proxied, 'GET', '/v1/me', { token: newDeviceToken(), headers: { ...https, 'x-forwarded-for': from } }).then((a) => a.status);
      expect([await forged('192.0.2.1'), await forged('192.0.2.1'), await forged('192.0.2.2')]).toEqual([401, 429, 401]);
    } finally {
      await direct.close();
      await proxied.close();
    }
  });
});
