/**
 * The hub's doors over real HTTP, on PostgreSQL and PGlite: one-time enrolment codes, device
 * tokens (forged, expired, revoked), roles, body checks and limits, protocol versions, rate limits.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../../server/http/app';
import { ENROLMENT_CODE_TTL_MS, addUser, listUsers } from '../../../server/users/users';
import { newDeviceToken } from '../../../server/users/secrets';
import { EnrolResponse, HubErrorBody, MeResponse, PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';
import { call, enrolledDevice, listenHub, someUser, type TestHub } from './hub';

const DAY_MS = 24 * 3600 * 1000;

describe.each(HUB_DATABASE_KINDS)('hub HTTP authentication on %s', (kind) => {
  let db: HubDatabase;
  let hub: TestHub;
  let clock = new Date('2026-03-02T09:00:00.000Z');

  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
    hub = await listenHub({ db, now: () => clock, tokenTtlMs: 30 * DAY_MS, rateLimits: { perToken: 1_000, enrolPerAddress: 1_000, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  const enrolBody = (email: string, code: string) => ({ email, code, deviceName: 'Portable', protocol: PROTOCOL_VERSION });

  it('answers health without a token', async () => {
    const { status, body } = await call(hub, 'GET', '/v1/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, protocol: PROTOCOL_VERSION });
  });

  it('trades a one-time code for a device token whose account /v1/me shows; only hashes are stored', async () => {
    const person = someUser('signataire', ['ti-0002', 'ti-0001']);
    const { user, code } = await addUser(db, person, clock);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    // A person may type the code in lower case and the address in another case.
    const enrol = await call(hub, 'POST', '/v1/enrol', { json: enrolBody(person.email.toUpperCase(), code.toLowerCase()) });
    expect(enrol.status).toBe(200);
    const enrolled = EnrolResponse.parse(enrol.body);
    expect(enrolled.user).toEqual({ ...user, territories: ['ti-0001', 'ti-0002'] });
    expect(enrolled.expiresAt).toBe(new Date(clock.getTime() + 30 * DAY_MS).toISOString());

    const me = await call(hub, 'GET', '/v1/me', { token: enrolled.token });
    expect(me.status).toBe(200);
    expect(MeResponse.parse(me.body)).toEqual({ hubId: enrolled.hubId, user: enrolled.user, device: { id: enrolled.deviceId, name: 'Portable', expiresAt: enrolled.expiresAt } });

    const stored = JSON.stringify((await db.query('SELECT * FROM hub_device')).rows) + JSON.stringify((await db.query('SELECT * FROM hub_enrolment')).rows);
    expect(stored).not.toContain(enrolled.token);
    expect(stored).not.toContain(code);
  });

  it('gives the same refusal to a used code, a wrong code, an expired code and a code given with another address', async () => {
    const person = someUser();
    const { code } = await addUser(db, person, clock);
    const other = someUser();
    const { code: otherCode } = await addUser(db, other, clock);
    expect((await call(hub, 'POST', '/v1/enrol', { json: enrolBody(person.email, code) })).status).toBe(200);

    const { code: lateCode } = await addUser(db, someUser(), new Date(clock.getTime() - ENROLMENT_CODE_TTL_MS - 1));
    const late = (await db.query<{ email: string }>(`SELECT u.email FROM hub_user u ORDER BY created_at LIMIT 1`)).rows[0]!;
    const attempts = [
      enrolBody(person.email, code), // used
      enrolBody(person.email, 'ABCD-EFGH-JKMN-PQRS-TVWX'), // never given
      enrolBody(person.email, otherCode), // another person's
      enrolBody(late.email, lateCode), // expired
    ];
    const answers = [];
    for (const json of attempts) answers.push(await call(hub, 'POST', '/v1/enrol', { json }));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(HubErrorBody.parse(answer.body)).toEqual(answers[0]!.body);
      expect(answer.body).toMatchObject({ error: 'enrolment_invalid' });
    }
    // The other person's code was not spent by the attempt made with the wrong address.
    expect((await call(hub, 'POST', '/v1/enrol', { json: enrolBody(other.email, otherCode) })).status).toBe(200);
  });

  it('lets one of two desks racing with one code enrol', async () => {
    const person = someUser();
    const { code } = await addUser(db, person, clock);
    const answers = await Promise.all([1, 2, 3].map(() => call(hub, 'POST', '/v1/enrol', { json: enrolBody(person.email, code) })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
  });

  it('refuses calls without a token, with a forged or garbled one, each with its code', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'token_missing'],
      [{ authorization: `Bearer ${newDeviceToken()}` }, 'token_invalid'],
      [{ authorization: 'Bearer not-a-token' }, 'token_invalid'],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, 'token_invalid'],
    ];
    for (const [headers, code] of cases) {
      const answer = await call(hub, 'GET', '/v1/me', { headers });
      expect(answer.status).toBe(401);
      expect(HubErrorBody.parse(answer.body).error).toBe(code);
    }
  });

  it('refuses an expired token, and the same token again once the device is enrolled anew', async () => {
    const device = await enrolledDevice(db, hub);
    const saved = clock;
    try {
      clock = new Date(saved.getTime() + 30 * DAY_MS);
      const answer = await call(hub, 'GET', '/v1/me', { token: device.token });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: 'token_expired' });
    } finally {
      clock = saved;
    }
    expect((await call(hub, 'GET', '/v1/me', { token: device.token })).status).toBe(200);
  });

  it('lets an administrator revoke a device, whose token then opens nothing; others may not revoke', async () => {
    const admin = await enrolledDevice(db, hub, someUser('administrateur', []));
    const desk = await enrolledDevice(db, hub);
    const byDesk = await call(hub, 'POST', `/v1/admin/devices/${admin.deviceId}/revoke`, { token: desk.token });
    expect(byDesk.status).toBe(403);
    expect(byDesk.body).toMatchObject({ error: 'forbidden' });

    const revoked = await call(hub, 'POST', `/v1/admin/devices/${desk.deviceId}/revoke`, { token: admin.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: desk.deviceId, revokedAt: clock.toISOString() });
    const replayed = await call(hub, 'GET', '/v1/me', { token: desk.token });
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ error: 'device_revoked' });

    const unknown = await call(hub, 'POST', '/v1/admin/devices/00000000-0000-4000-8000-000000000000/revoke', { token: admin.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found' });
    const badId = await call(hub, 'POST', '/v1/admin/devices/../revoke', { token: admin.token });
    expect(badId.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a malformed enrolment with the fields at fault, an oversized one with 413, and unreadable JSON', async () => {
    const before = (await db.query('SELECT count(*)::int AS n FROM hub_device')).rows[0];
    const malformed = await call(hub, 'POST', '/v1/enrol', { json: { email: 'not an address', code: 'x', protocol: PROTOCOL_VERSION } });
    expect(malformed.status).toBe(400);
    const body = HubErrorBody.parse(malformed.body);
    expect(body.error).toBe('invalid_request');
    expect((body.details as Array<{ path: string }>).map((issue) => issue.path).sort()).toEqual(['code', 'deviceName', 'email']);

    const huge = await call(hub, 'POST', '/v1/enrol', { json: { ...enrolBody('a@b.fr', 'ABCD-EFGH-JKMN-PQRS-TVWX'), deviceName: 'x'.repeat(DEFAULT_BODY_LIMIT_BYTES) } });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: 'body_too_large' });

    const garbled = await call(hub, 'POST', '/v1/enrol', { body: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(garbled.status).toBe(400);
    expect(garbled.body).toMatchObject({ error: 'invalid_request' });
    expect((await db.query('SELECT count(*)::int AS n FROM hub_device')).rows[0]).toEqual(before);
  });

  it('tells a desk of an older protocol to update (426), whatever else its body holds', async () => {
    const answer = await call(hub, 'POST', '/v1/enrol', { json: { protocol: PROTOCOL_VERSION - 1, somethingOld: true } });
    expect(answer.status).toBe(426);
    expect(answer.body).toMatchObject({ error: 'protocol_outdated' });
  });

  it('answers an unknown route with a HubErrorBody 404', async () => {
    const answer = await call(hub, 'GET', '/v1/nothing-here');
    expect(answer.status).toBe(404);
    expect(HubErrorBody.parse(answer.body).error).toBe('not_found');
  });

  it('refuses a second account for one address, whatever its case', async () => {
    const person = someUser();
    await addUser(db, person);
    await expect(addUser(db, { ...person, email: person.email.toUpperCase() })).rejects.toMatchObject({ code: 'hub_user_exists' });
    expect((await listUsers(db)).filter((u) => u.email.toLowerCase() === person.email.toLowerCase())).toHaveLength(1);
  });
});

describe('hub HTTP rate limits', () => {
  let db: HubDatabase;
  let hub: TestHub;
  beforeAll(async () => {
    db = await openTestHubDatabase('pglite');
    hub = await listenHub({ db, rateLimits: { perToken: 5, enrolPerAddress: 2, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  it('limits enrolment attempts per address more strictly than calls per token, answering 429 rate_limited', async () => {
    const wrong = { email: 'a@b.fr', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', deviceName: 'x', protocol: PROTOCOL_VERSION };
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await call(hub, 'POST', '/v1/enrol', { json: wrong })).status);
    expect(statuses).toEqual([401, 401, 429]);
    const limited = await call(hub, 'POST', '/v1/enrol', { json: wrong });
    expect(HubErrorBody.parse(limited.body).error).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });

  it('behind a proxy, counts enrolments per forwarded address', async () => {
    const proxied = await listenHub({ db, trustProxy: true, rateLimits: { perToken: 5, enrolPerAddress: 1, windowMs: 60_000 } });
    try {
      const wrong = { email: 'a@b.fr', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', deviceName: 'x', protocol: PROTOCOL_VERSION };
      const from = (address: string) => call(proxied, 'POST', '/v1/enrol', { json: wrong, headers: { 'x-forwarded-for': address } }).then((a) => a.status);
      expect([await from('10.0.0.1'), await from('10.0.0.1'), await from('10.0.0.2')]).toEqual([401, 429, 401]);
    } finally {
      await proxied.close();
    }
  });

  it('counts calls per token: one busy device does not stop another', async () => {
    const busy = newDeviceToken();
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call(hub, 'GET', '/v1/me', { token: busy })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await call(hub, 'GET', '/v1/me', { token: newDeviceToken() })).status).toBe(401);
  });
});

describe('hub HTTP logs', () => {
  it('never write a device token nor an enrolment code, even for refused or failing calls', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const db = await openTestHubDatabase('pglite');
    const hub = await listenHub({ db, logger: { level: 'trace', stream } });
    try {
      const person = someUser();
      const { code } = await addUser(db, person);
      const { token } = EnrolResponse.parse(
        (await call(hub, 'POST', '/v1/enrol', { json: { email: person.email, code, deviceName: 'Portable', protocol: PROTOCOL_VERSION } })).body,
      );
      await call(hub, 'POST', '/v1/enrol', { json: { email: person.email, code, deviceName: 'Portable', protocol: PROTOCOL_VERSION } });
      await call(hub, 'GET', '/v1/me', { token });
      await call(hub, 'GET', '/v1/pull?cursor=bad', { token });
      await call(hub, 'GET', `/v1/me?token=${token}`, { token: token.slice(1) });
      const log = lines.join('');
      expect(log).toContain('/v1/me');
      expect(log).not.toContain(code);
      expect(log).not.toContain(token.slice(1, 30));
    } finally {
      await hub.close();
      await db.close();
    }
  });
});
