/**
 * Two desks on one hub (PGlite over HTTP), through the contract's sync channels: a field both
 * changed offline shows in the second desk's inbox with both values side by side (who and when
 * on the hub's side), its change is « in conflict » in the queue; keeping mine sends it again
 * over the hub's version and reaches the first desk, taking theirs puts the hub's value back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../electron/core/sync/secret-store';
import { attachSyncService, SyncService } from '../../../electron/core/sync/service';
import { inProcessRoundRunner } from '../../../electron/core/sync/sync-client';
import { seedHubDemo } from '../../../server/demo/seed';
import { createTestContext, type TestContext } from '../fixtures/core-context';
import { startTestHub, type TestHub } from './hub';

interface Desk {
  desk: TestContext;
  service: SyncService;
}

describe('conflicts through the sync channels', () => {
  let hub: TestHub;
  let camille: Desk;
  let dominique: Desk;
  let dossierId: string;

  async function signedInDesk(email: string, territories: string[]): Promise<Desk> {
    const desk = createTestContext();
    const service = attachSyncService(desk.ctx, new SyncService(desk.ctx, { secrets: new FileSecretStore(desk.ctx.dataDir), runner: inProcessRoundRunner(desk.ctx) }));
    const { code } = await hub.addUser(email, 'instructeur', territories);
    await desk.call('sync.login', { hubUrl: hub.url, email, code });
    await service.roundNow();
    return { desk, service };
  }

  beforeAll(async () => {
    hub = await startTestHub('pglite');
    await seedHubDemo(hub.db, { count: 2, seed: 5 });
    const { rows } = await hub.db.query<{ id: string; territory_id: string }>('SELECT id, territory_id FROM hub_dossier ORDER BY number LIMIT 1');
    dossierId = rows[0]!.id;
    camille = await signedInDesk('camille@example.org', [rows[0]!.territory_id]);
    dominique = await signedInDesk('dominique@example.org', [rows[0]!.territory_id]);
  });
  afterAll(async () => {
    camille.desk.dispose();
    dominique.desk.dispose();
    await hub.close();
  });

  it('shows both values side by side, and keeping mine sends it over the hub’s', async () => {
    await camille.desk.call('instruction.setRegime', { dossierId, regime: { kind: 'gber_art17' } });
    expect(await camille.service.roundNow()).toMatchObject({ pushed: 1, conflicts: 0 });
    await dominique.desk.call('instruction.setRegime', { dossierId, regime: { kind: 'de_minimis', priorAids: [] } });
    expect(await dominique.service.roundNow()).toMatchObject({ pushed: 0, conflicts: 1 });

    expect(await dominique.desk.call('sync.status', {})).toMatchObject({ conflicts: 1, pending: 0 });
    const [conflict, ...others] = await dominique.desk.call('sync.conflicts', {});
    expect(others).toEqual([]);
    const number = (await dominique.desk.call('dossiers.get', { id: dossierId })).number;
    expect(conflict).toMatchObject({
      name: 'instruction.setRegime',
      dossierId,
      dossierNumber: number,
      key: `instruction:${dossierId}:regime`,
      entity: 'instruction',
      field: 'regime',
      mine: { value: { kind: 'de_minimis', priorAids: [] }, by: null },
      theirs: { value: { kind: 'gber_art17' }, by: 'Agent camille' },
    });
    expect(conflict!.theirs.at).not.toBeNull();
    const { items } = await dominique.desk.call('sync.outbox', { states: ['conflict'] });
    expect(items).toMatchObject([{ mutationId: conflict!.mutationId, state: 'conflict', dossierNumber: number }]);

    await dominique.desk.call('sync.resolveConflict', { id: conflict!.id, choice: 'mine' });
    expect(await dominique.desk.call('sync.conflicts', {})).toEqual([]);
    expect(await dominique.service.roundNow()).toMatchObject({ pushed: 1, conflicts: 0, pending: 0 });
    await camille.service.roundNow();
    expect((await camille.desk.call('instruction.get', { dossierId })).regime).toEqual({ kind: 'de_minimis', priorAids: [] });
  });

  it('takes the hub’s value back when the person chooses theirs', async () => {
    await camille.desk.call('instruction.setRegime', { dossierId, regime: { kind: 'regional', zone: 'c' } });
    await camille.service.roundNow();
    await dominique.desk.call('instruction.setRegime', { dossierId, regime: null });
    expect(await dominique.service.roundNow()).toMatchObject({ conflicts: 1 });

    const [conflict] = await dominique.desk.call('sync.conflicts', {});
    expect(conflict).toMatchObject({ mine: { value: null }, theirs: { value: { kind: 'regional', zone: 'c' }, by: 'Agent camille' } });
    await dominique.desk.call('sync.resolveConflict', { id: conflict!.id, choice: 'theirs' });
    expect((await dominique.desk.call('instruction.get', { dossierId })).regime).toEqual({ kind: 'regional', zone: 'c' });
    expect(await dominique.desk.call('sync.status', {})).toMatchObject({ conflicts: 0, pending: 0 });
    expect(await dominique.service.roundNow()).toMatchObject({ pushed: 0, conflicts: 0 });
  });
});
