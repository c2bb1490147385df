/**
 * The service's schedule: full-jitter backoff within its bounds, offline while the hub does not
 * answer (a real closed port), progress in sync.status while a round runs, a sync.now during a
 * round runs another one after it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProgress, SyncSummary } from '../../../shared/channels/sync';
import { HttpTransport, relaisErrorOfHub } from '../../../electron/core/sync/http-transport';
import { FileSecretStore } from '../../../electron/core/sync/secret-store';
import { BACKOFF_CAP_MS, attachSyncService, backoffDelayMs, SyncService, type RoundJob, type RoundRunner } from '../../../electron/core/sync/service';
import { createTestContext, type TestContext } from '../fixtures/core-context';
import { ZERO_SUMMARY } from './summary';

describe('backoff with full jitter', () => {
  it('draws below a ceiling of 5 s doubling after each failure up to 5 minutes', () => {
    const ceilings = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000];
    ceilings.forEach((ceiling, index) => {
      const failures = index + 1;
      expect(backoffDelayMs(failures, () => 0)).toBe(0);
      expect(backoffDelayMs(failures, () => 0.5)).toBe(ceiling / 2);
      expect(backoffDelayMs(failures, () => 0.999999)).toBeLessThan(ceiling);
      expect(backoffDelayMs(failures, () => 0.999999)).toBeGreaterThanOrEqual(ceiling - 1);
    });
    expect(backoffDelayMs(1_000, () => 0.999999)).toBeLessThan(BACKOFF_CAP_MS);
  });
});

/** A runner the test drives: each round waits until the test finishes it. */
function heldRunner() {
  const rounds: Array<{ job: RoundJob; progress: (p: SyncProgress) => void; finish: (summary: SyncSummary) => void }> = [];
  const runner: RoundRunner = (job, progress) => new Promise((finish) => rounds.push({ job, progress, finish }));
  return { rounds, runner };
}

/** Signs the desk in without a hub: the account a sign-in would have written, and a token. */
function signedIn(desk: TestContext, hubUrl: string): FileSecretStore {
  desk.ctx.db
    .prepare(`INSERT INTO sync_state (key, value) VALUES ('account', ?)`)
    .run(JSON.stringify({ hubUrl, hubId: '0190a000-0000-7000-8000-00000000000a', deviceId: '0190a000-0000-7000-8000-00000000000b', userId: '0190a000-0000-7000-8000-00000000000c', email: 'camille@example.org', name: 'Camille', role: 'instructeur', territories: [] }));
  const secrets = new FileSecretStore(desk.ctx.dataDir);
  secrets.set('a-device-token-that-is-long-enough-to-look-real-000');
  return secrets;
}

describe('the sync service’s schedule', () => {
  let desk: TestContext;
  beforeEach(() => {
    desk = createTestContext();
  });
  afterEach(() => desk.dispose());

  it('is offline while nothing answers at the hub’s address, and tries again within 5 seconds', async () => {
    const secrets = signedIn(desk, 'http://127.0.0.1:9');
    const runner: RoundRunner = async (job) => {
      try {
        await new HttpTransport({ hubUrl: job.hubUrl, token: () => job.token }).me();
      } catch (error) {
        throw relaisErrorOfHub(error, job.hubUrl);
      }
      return ZERO_SUMMARY;
    };
    const service = attachSyncService(desk.ctx, new SyncService(desk.ctx, { secrets, runner, random: () => 0.5 }));
    service.start();
    await service.settled();
    const status = await desk.call('sync.status', {});
    expect(status).toMatchObject({ state: 'offline', lastError: { code: 'hub_unreachable', params: { hubUrl: 'http://127.0.0.1:9' } } });
    const delay = Date.parse(status.nextAttemptAt!) - desk.ctx.clock().getTime();
    expect(delay).toBe(2_500);
    service.stop();
    expect((await desk.call('sync.status', {})).nextAttemptAt).toBeNull();
  });

  it('shows a round’s progress in items and bytes, then its summary', async () => {
    const secrets = signedIn(desk, 'http://127.0.0.1:9');
    const { rounds, runner } = heldRunner();
    const service = attachSyncService(desk.ctx, new SyncService(desk.ctx, { secrets, runner }));
    await desk.call('sync.now', {});
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!.job).toEqual({ hubUrl: 'http://127.0.0.1:9', deviceId: '0190a000-0000-7000-8000-00000000000b', token: secrets.get() });
    rounds[0]!.progress({ phase: 'blobs_up', items: 1, itemsTotal: 3, bytes: 4_096, bytesTotal: 10_000 });
    expect(await desk.call('sync.status', {})).toMatchObject({ state: 'syncing', progress: { phase: 'blobs_up', items: 1, itemsTotal: 3, bytes: 4_096, bytesTotal: 10_000 } });

    rounds[0]!.finish({ ...ZERO_SUMMARY, pushed: 3, bytesUp: 10_000 });
    await service.settled();
    const done = await desk.call('sync.status', {});
    expect(done).toMatchObject({ state: 'idle', progress: null, lastSyncAt: '2026-03-15T10:00:00.000Z', lastSummary: { pushed: 3, bytesUp: 10_000 } });
    // Not started by a host: no round is planned after one asked for.
    expect(done.nextAttemptAt).toBeNull();
  });

  it('runs one more round after the current one when asked during it', async () => {
    const secrets = signedIn(desk, 'http://127.0.0.1:9');
    const { rounds, runner } = heldRunner();
    const service = attachSyncService(desk.ctx, new SyncService(desk.ctx, { secrets, runner }));
    await desk.call('sync.now', {});
    await desk.call('sync.now', {});
    await desk.call('sync.now', {});
    expect(rounds).toHaveLength(1);
    rounds[0]!.finish(ZERO_SUMMARY);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rounds).toHaveLength(2);
    rounds[1]!.finish(ZERO_SUMMARY);
    await service.settled();
    expect(rounds).toHaveLength(2);
  });

  it('plans the next round a minute after a good one once started by a host', async () => {
    const secrets = signedIn(desk, 'http://127.0.0.1:9');
    const { rounds, runner } = heldRunner();
    const service = attachSyncService(desk.ctx, new SyncService(desk.ctx, { secrets, runner }));
    service.start();
    rounds[0]!.finish(ZERO_SUMMARY);
    await service.settled();
    expect((await desk.call('sync.status', {})).nextAttemptAt).toBe('2026-03-15T10:01:00.000Z');
    service.stop();
  });

  it('asks to sign in again, without trying, when the token is gone', async () => {
    signedIn(desk, 'http://127.0.0.1:9').delete();
    const { rounds, runner } = heldRunner();
    const service = attachSyncService(desk.ctx, new SyncService(desk.ctx, { secrets: new FileSecretStore(desk.ctx.dataDir), runner }));
    await expect(service.roundNow()).rejects.toMatchObject({ code: 'hub_login_required' });
    expect(rounds).toHaveLength(0);
    expect((await desk.call('sync.status', {})).state).toBe('login_required');
  });
});
