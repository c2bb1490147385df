/**
 * The browser host (`relais serve`) starts the sync service for a case file signed in to a hub:
 * a round in the sync worker at start, then rounds on « sync now », all seen through the host's
 * HTTP contract as the desk's screens see them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { openSession } from '../../../electron/core/session';
import type { ResultOf } from '../../../shared/contract';
import { seedHubDemo } from '../../../server/demo/seed';
import { callHost, runUntilReady, stop, type Served } from '../relais-process';
import { startTestHub, type TestHub } from './hub';

async function call<T>(host: Served, channel: string, args: unknown): Promise<T> {
  const response = await callHost(host, channel, args);
  const envelope = (await response.json()) as { ok: boolean; result: T; error?: unknown };
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.result;
}

/** Polls sync.status until `done` holds (the round runs in the host's worker). */
async function statusWhen(host: Served, done: (status: ResultOf<'sync.status'>) => boolean): Promise<ResultOf<'sync.status'>> {
  for (;;) {
    const status = await call<ResultOf<'sync.status'>>(host, 'sync.status', {});
    if (done(status)) return status;
    await sleep(100);
  }
}

describe('the browser host’s sync service', { timeout: 180_000 }, () => {
  let hub: TestHub;
  let tmp: string;
  let host: Served;

  beforeAll(async () => {
    hub = await startTestHub('pglite');
    await seedHubDemo(hub.db, { count: 2, seed: 9 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-serve-sync-'));
    const session = openSession({ dataDir: tmp, host: 'cli', create: true });
    const { code } = await hub.addUser('serve@example.org', 'administrateur');
    const login = await dispatch(session.handlers, 'sync.login', { hubUrl: hub.url, email: 'serve@example.org', code });
    session.close();
    expect(login.ok).toBe(true);
    host = await runUntilReady(['serve', '--data', tmp]);
  });

  afterAll(async () => {
    if (host?.child.exitCode === null) await stop(host.child, 'SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
    await hub.close();
  });

  it('syncs at start, then on « sync now » after a change', async () => {
    const first = await statusWhen(host, (status) => status.lastSyncAt !== null);
    expect(first).toMatchObject({ account: { email: 'serve@example.org' }, lastError: null, lastSummary: { pulled: 2 } });

    const { rows } = await call<ResultOf<'dossiers.list'>>(host, 'dossiers.list', { limit: 5 });
    expect(rows).toHaveLength(2);
    await call(host, 'dossiers.setFollowed', { id: rows[0]!.id, followed: true });
    await call(host, 'sync.now', {});
    const second = await statusWhen(host, (status) => status.state !== 'syncing' && status.lastSummary?.pushed === 1);
    expect(second).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(second.nextAttemptAt).not.toBeNull();
  });
});
