/**
 * Push and pull over real HTTP, on PostgreSQL and PGlite: a change pushed once whatever the
 * retries and pulled by another desk; malformed, oversized, too long, outdated or unauthenticated
 * pushes refused whole with nothing applied; bad and foreign cursors refused.
 */
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { HubErrorBody, MAX_PUSH_BYTES, MAX_PUSH_ITEMS, PROTOCOL_VERSION, PullResponse, PushResponse, type EnrolResponse, type PushItem } from '../../../shared/sync/protocol';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';
import { importDossier } from '../hub/hub-fixture';
import { call, enrolledDevice, listenHub, someUser, type TestHub } from './hub';

describe.each(HUB_DATABASE_KINDS)('hub HTTP push and pull on %s', (kind) => {
  let db: HubDatabase;
  let hub: TestHub;
  let anne: EnrolResponse;
  let bruno: EnrolResponse;
  let dossierId: string;
  let seq = 0;

  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
    hub = await listenHub({ db });
    dossierId = (await importDossier(db)).id;
    anne = await enrolledDevice(db, hub, someUser('instructeur', ['ti-0088']));
    bruno = await enrolledDevice(db, hub, someUser('instructeur', ['ti-0088']));
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  const label = (text: string): PushItem => ({
    mutationId: uuidv7(),
    clientSeq: ++seq,
    name: 'dossier.addLabel',
    args: { id: dossierId, label: text },
    dossierId,
    base: {},
    at: new Date().toISOString(),
  });
  const push = (token: string, items: unknown[], protocol = PROTOCOL_VERSION) => call(hub, 'POST', '/v1/push', { token, json: { protocol, appVersion: '0.1.0', items } });
  const eventCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hub_event')).rows[0]!.n;

  it('applies a pushed change once whatever the retries, and another desk pulls it', async () => {
    const item = label('Prioritaire');
    const first = await push(anne.token, [item]);
    expect(first.status).toBe(200);
    const [result] = PushResponse.parse(first.body).results;
    expect(result).toMatchObject({ mutationId: item.mutationId, status: 'applied' });
    const retried = await push(anne.token, [item]);
    expect(retried.body).toEqual(first.body);

    const pulled = await call(hub, 'GET', '/v1/pull?limit=1000', { token: bruno.token });
    expect(pulled.status).toBe(200);
    const page = PullResponse.parse(pulled.body);
    expect(page.events.filter((event) => event.mutationId === item.mutationId)).toEqual([
      expect.objectContaining({ name: 'dossier.addLabel', deviceId: anne.deviceId, actor: { id: anne.user.id, name: anne.user.name } }),
    ]);
    const after = await call(hub, 'GET', `/v1/pull?cursor=${encodeURIComponent(page.cursor)}`, { token: bruno.token });
    expect(PullResponse.parse(after.body).events).toEqual([]);
  });

  it('refuses a push with one malformed item whole (400 with the field at fault): nothing applied', async () => {
    const before = await eventCount();
    const { clientSeq: _dropped, ...withoutSeq } = label('B');
    const answer = await push(anne.token, [label('A'), withoutSeq]);
    expect(answer.status).toBe(400);
    const body = HubErrorBody.parse(answer.body);
    expect(body.error).toBe('invalid_request');
    expect(body.details).toEqual([expect.objectContaining({ path: 'items.1.clientSeq' })]);
    expect(await eventCount()).toBe(before);
  });

  it('refuses more items than a push may hold, and a body above the push limit (413): nothing applied', async () => {
    const before = await eventCount();
    const tooMany = await push(anne.token, Array.from({ length: MAX_PUSH_ITEMS + 1 }, (_, i) => label(`L${i}`)));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: 'invalid_request' });

    const padded = { ...label('Gros'), args: { id: dossierId, label: 'x', padding: 'x'.repeat(MAX_PUSH_BYTES) } };
    const oversized = await push(anne.token, [padded]);
    expect(oversized.status).toBe(413);
    expect(oversized.body).toMatchObject({ error: 'body_too_large' });
    expect(await eventCount()).toBe(before);
  });

  it('refuses arguments that break the mutation’s own schema as a rejected result, and an unknown mutation', async () => {
    const bad = { ...label('x'), args: { id: 'not-an-id', label: 42 } };
    const unknown = { ...label('y'), name: 'dossier.explode' };
    const answer = await push(anne.token, [bad, unknown]);
    expect(answer.status).toBe(200);
    expect(PushResponse.parse(answer.body).results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['invalid_args', 'unknown_mutation']);
  });

  it('tells a desk of an older protocol to update (426) and applies nothing; a newer desk is refused too', async () => {
    const before = await eventCount();
    const older = await push(anne.token, [label('Ancien')], PROTOCOL_VERSION - 1);
    expect(older.status).toBe(426);
    expect(older.body).toMatchObject({ error: 'protocol_outdated' });
    const newer = await push(anne.token, [label('Futur')], PROTOCOL_VERSION + 1);
    expect(newer.status).toBe(400);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a push without a token, with a forged one, or from a revoked device: nothing applied', async () => {
    const before = await eventCount();
    const carl = await enrolledDevice(db, hub, someUser('instructeur', ['ti-0088']));
    const admin = await enrolledDevice(db, hub, someUser('administrateur', []));
    expect((await call(hub, 'POST', `/v1/admin/devices/${carl.deviceId}/revoke`, { token: admin.token })).status).toBe(200);
    const answers = [
      await call(hub, 'POST', '/v1/push', { json: { protocol: PROTOCOL_VERSION, appVersion: '0.1.0', items: [label('Anonyme')] } }),
      await push(carl.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), [label('Forgé')]),
      await push(carl.token, [label('Révoqué')]),
    ];
    expect(answers.map((a) => [a.status, (a.body as HubErrorBody).error])).toEqual([
      [401, 'token_missing'],
      [401, 'token_invalid'],
      [401, 'device_revoked'],
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a cursor of another hub, a malformed cursor and a page too large', async () => {
    const foreign = await call(hub, 'GET', `/v1/pull?cursor=${randomUUID()}:3`, { token: bruno.token });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ error: 'cursor_foreign' });
    const malformed = await call(hub, 'GET', '/v1/pull?cursor=yesterday', { token: bruno.token });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'invalid_request', details: [expect.objectContaining({ path: 'cursor' })] });
    const tooLarge = await call(hub, 'GET', '/v1/pull?limit=100000', { token: bruno.token });
    expect(tooLarge.status).toBe(400);
  });
});
