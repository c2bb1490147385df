/**
 * 'sync.dsStatus' against a real hub over HTTP (PostgreSQL): an administrateur's desk reads the
 * connector's status as the hub answers it, token never in it; other accounts, a hub out of
 * reach, a revoked device and a role taken away are each a state the page explains, not an error.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importDossiers } from '../../../electron/core/dossiers/import';
import { FileSecretStore } from '../../../electron/core/sync/secret-store';
import { attachSyncService, SyncService } from '../../../electron/core/sync/service';
import { DsStatus } from '../../../shared/sync/ds-status';
import { DS_DEMARCHE, DS_ENDPOINT, ERROR_MESSAGE, FAILED_NUMBER, FAILED_REASON, REVIEW_NUMBER, seedDsRows } from '../../e2e/ds-hub-rows';
import { createTestContext, type TestContext } from '../fixtures/core-context';
import { makeDossier } from '../fixtures/core-dossiers';
import { startTestHub, type TestHub } from '../sync-service/hub';
import { ZERO_SUMMARY } from '../sync-service/summary';

describe('the DS status on a desk', () => {
  let hub: TestHub;
  let desk: TestContext;
  let secrets: FileSecretStore;

  beforeAll(async () => {
    hub = await startTestHub('postgresql');
    await seedDsRows(hub.db, [1001, 1002, 1003]);
  });
  afterAll(() => hub.close());

  beforeEach(() => {
    desk = createTestContext();
    secrets = new FileSecretStore(desk.ctx.dataDir);
    attachSyncService(desk.ctx, new SyncService(desk.ctx, { secrets, runner: async () => ZERO_SUMMARY }));
  });
  afterEach(() => desk.dispose());

  async function signIn(email: string, role: 'administrateur' | 'instructeur', url = hub.url, on = hub): Promise<void> {
    const { code } = await on.addUser(email, role);
    await desk.call('sync.login', { hubUrl: url, email, code });
  }

  it('gives an administrateur the hub’s status as the hub answers it, without the token', async () => {
    await signIn('admin-ready@example.gouv.fr', 'administrateur');
    // The desk holds the dossier to review, not the failed one: only the first can be opened from the page.
    const held = makeDossier({ number: REVIEW_NUMBER });
    importDossiers(desk.ctx, [held]);
    const answer = await desk.call('sync.dsStatus', {});
    if (answer.state !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(answer)}`);
    expect(answer.hubUrl).toBe(hub.url);
    expect(answer.readAt).toBe(desk.ctx.clock().toISOString());
    expect(answer.local).toEqual([{ number: REVIEW_NUMBER, id: held.id }]);
    const { status } = answer;
    expect(status).toMatchObject({ configured: true, endpoint: DS_ENDPOINT, demarches: [DS_DEMARCHE] });
    expect(status.counts).toMatchObject({ dossiers: 4, deleted: 1, pushReview: 1, pushFailed: 1, pushPending: 1 });
    expect(status.pushes.map((push) => [push.number, push.state])).toEqual(
      expect.arrayContaining([
        [REVIEW_NUMBER, 'review'],
        [FAILED_NUMBER, 'failed'],
      ]),
    );
    expect(status.pushes.find((push) => push.state === 'failed')?.lastError).toBe(FAILED_REASON);
    expect(status.errors.map((error) => error.message)).toEqual(expect.arrayContaining([ERROR_MESSAGE, FAILED_REASON]));

    // The desk carries the hub's answer as it is: the same as asking the hub directly.
    const token = secrets.get()!;
    const direct = await fetch(`${hub.url}/v1/admin/ds/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(direct.status).toBe(200);
    expect(status).toEqual(DsStatus.parse(await direct.json()));
    expect(JSON.stringify(answer)).not.toContain(token);
  });

  it('says so, without asking the hub, when signed out or not an administrateur', async () => {
    expect(await desk.call('sync.dsStatus', {})).toEqual({ state: 'signed_out' });
    await signIn('instr-ds@example.gouv.fr', 'instructeur');
    expect(await desk.call('sync.dsStatus', {})).toEqual({ state: 'not_administrator' });
  });

  it('says not an administrateur when the hub took the role away after sign-in', async () => {
    await signIn('admin-demoted@example.gouv.fr', 'administrateur');
    await hub.db.query(`UPDATE hub_user SET role = 'instructeur' WHERE email = $1`, ['admin-demoted@example.gouv.fr']);
    expect(await desk.call('sync.dsStatus', {})).toEqual({ state: 'not_administrator' });
  });

  it('asks to sign in again when the hub revoked the device, or the token is gone', async () => {
    await signIn('admin-revoked@example.gouv.fr', 'administrateur');
    await hub.db.query(
      `UPDATE hub_device SET revoked_at = now() WHERE user_id = (SELECT id FROM hub_user WHERE email = $1)`,
      ['admin-revoked@example.gouv.fr'],
    );
    expect(await desk.call('sync.dsStatus', {})).toEqual({ state: 'login_required' });
    secrets.delete();
    expect(await desk.call('sync.dsStatus', {})).toEqual({ state: 'login_required' });
  });

  it('says the hub is out of reach when it does not answer', async () => {
    const gone = await startTestHub('postgresql');
    await signIn('admin-offline@example.gouv.fr', 'administrateur', gone.url, gone);
    await gone.close();
    expect(await desk.call('sync.dsStatus', {})).toEqual({ state: 'offline', hubUrl: gone.url });
  });
});
