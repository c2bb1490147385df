/**
 * The service as the app and the browser host start it: rounds in the sync worker thread, on its
 * own connection to the case file, against the real hub over HTTP (PGlite), with progress and the
 * summary in sync.status; changes made on the screen meanwhile wait for the next round.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeBackup } from '../../../electron/core/backup/take';
import { FileSecretStore } from '../../../electron/core/sync/secret-store';
import { startSyncService } from '../../../electron/core/sync/sync-client';
import type { SyncService } from '../../../electron/core/sync/service';
import { seedHubDemo } from '../../../server/demo/seed';
import { createTestContext, type TestContext } from '../fixtures/core-context';
import { startTestHub, type TestHub } from './hub';

describe('rounds in the sync worker', () => {
  let hub: TestHub;
  let desk: TestContext;
  let service: SyncService;

  beforeAll(async () => {
    hub = await startTestHub('pglite');
    await seedHubDemo(hub.db, { count: 4, seed: 3 });
    desk = createTestContext();
    service = startSyncService(desk.ctx, new FileSecretStore(desk.ctx.dataDir));
  });
  afterAll(async () => {
    service.stop();
    await service.settled();
    desk.dispose();
    await hub.close();
  });

  it('signs in, pulls the dossiers, then pushes a change made on the screen', async () => {
    const { code } = await hub.addUser('worker@example.org', 'administrateur');
    await desk.call('sync.login', { hubUrl: hub.url, email: 'worker@example.org', code });
    // Started by the host, the service runs a round as soon as the account exists.
    await service.settled();
    const first = await desk.call('sync.status', {});
    expect(first).toMatchObject({ state: 'idle', lastError: null, lastSummary: { pulled: 4, pushed: 0 }, pending: 0 });
    expect(first.nextAttemptAt).not.toBeNull();

    const { rows } = await desk.call('dossiers.list', { limit: 10 });
    expect(rows).toHaveLength(4);
    await desk.call('dossiers.setFollowed', { id: rows[0]!.id, followed: true });
    expect((await desk.call('sync.status', {})).pending).toBe(1);

    await desk.call('sync.now', {});
    await service.settled();
    const second = await desk.call('sync.status', {});
    expect(second).toMatchObject({ state: 'idle', lastSummary: { pushed: 1, pending: 0 }, pending: 0 });
    const { items } = await desk.call('sync.outbox', { states: ['applied'] });
    expect(items).toMatchObject([{ name: 'dossier.setFollowed', dossierId: rows[0]!.id, dossierNumber: rows[0]!.number, state: 'applied', reason: null }]);
  });

  it('holds the case file only during a round: a backup is restored from the screen between rounds', async () => {
    const backup = takeBackup(desk.ctx.db, { dataDir: desk.ctx.dataDir, key: desk.ctx.caseFileKey, reason: 'daily' });
    const { rows } = await desk.call('dossiers.list', { limit: 10 });
    await desk.call('dossiers.setFollowed', { id: rows[1]!.id, followed: true });
    await desk.call('sync.now', {});
    await service.settled();

    const { restored } = await desk.call('backups.restore', { name: backup.name });
    expect(restored).toBe(backup.name);
    const after = await desk.call('dossiers.list', { limit: 10 });
    expect(after.rows.find((row) => row.id === rows[1]!.id)?.followed).toBe(false);
  });
});

