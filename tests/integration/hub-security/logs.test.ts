/**
 * No secret in the hub's logs: a whole day of a hub on PostgreSQL, with its logger at its most
 * talkative and captured, and its DS connector running against the fake DS (once with the right
 * token, once with a token DS refuses): enrolments right and wrong, every route, forged and
 * garbled tokens, a token put in a query string, a revocation. No device token, enrolment code,
 * DS token nor Authorization header appears in any line.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { HubDatabase } from '../../../server/db/database';
import { saveDsConfig } from '../../../server/ds/config';
import { defaultMapping } from '../../../server/ds/mapping';
import { startDsScheduler } from '../../../server/ds/scheduler';
import { dsStatus } from '../../../server/ds/status';
import { buildHubApp } from '../../../server/http/app';
import { addUser } from '../../../server/users/users';
import { PROTOCOL_VERSION, type EnrolResponse } from '../../../shared/sync/protocol';
import { startFakeDs, tiDemarche, type FakeDs } from '../../fixtures/ds';
import { openTestHubDatabase } from '../../fixtures/postgres';
import { call, someUser, type TestHub } from '../hub-http/hub';

/** Polls `check` until it holds, failing with `what` past the deadline. */
async function until(what: string, check: () => Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the hub’s logs', () => {
  const lines: string[] = [];
  let db: HubDatabase;
  let app: FastifyInstance;
  let hub: TestHub;
  let fake: FakeDs;
  let keyDir: string;

  beforeAll(async () => {
    fake = await startFakeDs();
    await tiDemarche(fake, { dossiers: 2, seed: 11 });
    db = await openTestHubDatabase('postgresql');
    keyDir = mkdtempSync(path.join(os.tmpdir(), 'relais-hub-logs-'));
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = buildHubApp({ db, logger: { level: 'trace', stream } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    hub = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
    await fake.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('never hold a device token, an enrolment code, a DS token or an Authorization header', { timeout: 120_000 }, async () => {
    const secrets: string[] = [];
    const enrol = async (role: 'instructeur' | 'administrateur') => {
      const person = someUser(role, role === 'administrateur' ? [] : ['ti-0088']);
      const { code } = await addUser(db, person);
      secrets.push(code);
      await call(hub, 'POST', '/v1/enrol', { json: { email: person.email, code: code.replace(/.$/, '0'), deviceName: 'Portable', protocol: PROTOCOL_VERSION } });
      const answer = await call<EnrolResponse>(hub, 'POST', '/v1/enrol', { json: { email: person.email, code, deviceName: 'Portable', protocol: PROTOCOL_VERSION } });
      expect(answer.status).toBe(200);
      secrets.push(answer.body.token);
      // The same code again: refused, and logged as a refusal.
      await call(hub, 'POST', '/v1/enrol', { json: { email: person.email, code, deviceName: 'Portable', protocol: PROTOCOL_VERSION } });
      return answer.body;
    };
    const admin = await enrol('administrateur');
    const desk = await enrol('instructeur');

    // The DS connector, with the token DS gave, then with one it refuses.
    const keyFile = path.join(keyDir, 'hub.key');
    const config = { endpoint: fake.url, demarches: [fake.state.demarches[0]!.number], mapping: defaultMapping(), instructeurs: {} };
    await saveDsConfig(db, config, fake.token, keyFile);
    secrets.push(fake.token);
    const runs = () => dsStatus(db).then((status) => status.lastRun);
    let scheduler = startDsScheduler(db, { intervalMs: 3_600_000, log: app.log, connection: { keyFile } });
    await until('a DS run', async () => (await runs()) !== null);
    await scheduler.stop();
    const refusedToken = `ds-${randomBytes(12).toString('hex')}`;
    secrets.push(refusedToken);
    await saveDsConfig(db, config, refusedToken, keyFile);
    const before = JSON.stringify(await runs());
    scheduler = startDsScheduler(db, { intervalMs: 3_600_000, log: app.log, connection: { keyFile } });
    await until('a DS run refused by DS', async () => JSON.stringify(await runs()) !== before || lines.some((line) => line.includes('DS run stopped short')));
    await scheduler.stop();

    // Every route, as it should be called and as it should not.
    const bytes = randomBytes(100);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const octets = { 'content-type': 'application/octet-stream' };
    await call(hub, 'GET', '/v1/health');
    await call(hub, 'GET', '/v1/me', { token: desk.token });
    await call(hub, 'HEAD', '/v1/me', { token: desk.token });
    await call(hub, 'GET', `/v1/me?token=${desk.token}`);
    await call(hub, 'GET', '/v1/me', { headers: { authorization: `Bearer ${desk.token}!` } });
    await call(hub, 'GET', '/v1/me', { headers: { authorization: `Token ${desk.token}` } });
    await call(hub, 'POST', '/v1/push', {
      token: desk.token,
      json: { protocol: PROTOCOL_VERSION, appVersion: '0.1.0', items: [{ mutationId: uuidv7(), clientSeq: 1, name: 'nothing.known', args: { secret: desk.token }, dossierId: null, base: {}, at: new Date().toISOString() }] },
    });
    await call(hub, 'POST', '/v1/push', { token: desk.token, body: `{"token": "${desk.token}", `, headers: { 'content-type': 'application/json' } });
    await call(hub, 'GET', '/v1/pull', { token: desk.token });
    await call(hub, 'GET', `/v1/pull?cursor=${desk.token}`, { token: desk.token });
    await call(hub, 'PUT', `/v1/blobs/${sha}?offset=0&size=${bytes.length}`, { token: desk.token, body: bytes, headers: octets });
    await call(hub, 'HEAD', `/v1/blobs/${sha}`, { token: desk.token });
    await call(hub, 'GET', `/v1/blobs/${sha}`, { token: admin.token });
    await call(hub, 'GET', '/v1/admin/ds/status', { token: admin.token });
    await call(hub, 'GET', '/v1/admin/ds/status', { token: desk.token });
    await call(hub, 'POST', `/v1/admin/devices/${desk.deviceId}/revoke`, { token: admin.token });
    await call(hub, 'GET', '/v1/me', { token: desk.token });

    const log = lines.join('');
    expect(log).toContain('/v1/admin/ds/status');
    expect(log).toContain('DS run done');
    expect(log).toMatch(/DS run stopped short|could not start its run/);
    for (const secret of secrets) expect(log, 'a secret was logged').not.toContain(secret);
    expect(log).not.toMatch(/Bearer|authorization/i);
  });
});
