/**
 * `relais login` and `relais sync` as a user runs them, against a real `relais hub` process on
 * PostgreSQL: the dossiers come down, a change goes up, a revoked device is told to sign in
 * again and loses nothing, a hub that is gone is said unreachable; each failure exits 1 with a
 * sentence.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { openSession } from '../../../electron/core/session';
import { readAccount } from '../../../electron/core/sync/account';
import { FileSecretStore } from '../../../electron/core/sync/secret-store';
import { openHubDatabase } from '../../../server/db/open';
import { seedHubDemo } from '../../../server/demo/seed';
import type { ResultOf } from '../../../shared/contract';
import { freshDatabaseUrl } from '../../fixtures/postgres';
import { relais, runHubProcess, stop, type HubProcess } from '../relais-process';

function json<T>(output: { status: number | null; stdout: string; stderr: string }): T {
  expect(output.stderr).toBe('');
  expect(output.status).toBe(0);
  return JSON.parse(output.stdout) as T;
}

// Each step is a real `relais` process compiled on the fly: slow on a busy machine.
describe('relais login and relais sync against relais hub', { timeout: 300_000 }, () => {
  let tmp: string;
  let desk: string;
  let env: NodeJS.ProcessEnv;
  let hub: HubProcess;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-sync-cli-'));
    desk = path.join(tmp, 'desk');
    openSession({ dataDir: desk, host: 'cli', create: true }).close();
    // The database URL through the environment, as the help advises (a password stays off the command line).
    env = { RELAIS_HUB_DATABASE_URL: await freshDatabaseUrl() };
    const db = await openHubDatabase({ databaseUrl: env.RELAIS_HUB_DATABASE_URL! });
    await seedHubDemo(db, { count: 3, seed: 11 });
    await db.close();
    hub = await runHubProcess(['--port', '0'], env);
  });

  afterAll(async () => {
    if (hub.child.exitCode === null) await stop(hub.child, 'SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function codeFor(email: string, command: 'add' | 'code'): string {
    const extra = command === 'add' ? ['--name', 'Camille Admin', '--role', 'administrateur'] : [];
    return json<{ code: string }>(relais(['hub', 'user', command, '--email', email, ...extra, '--json'], 'en', env)).code;
  }

  /** Follows the dossier at `index` of the list, as the desk's star does: one change queued. */
  async function follow(index: number): Promise<void> {
    const session = openSession({ dataDir: desk, host: 'cli' });
    try {
      const list = await dispatch(session.handlers, 'dossiers.list', { limit: 10 });
      if (!list.ok) throw new Error(list.error.code);
      const { rows } = list.result as ResultOf<'dossiers.list'>;
      expect(await dispatch(session.handlers, 'dossiers.setFollowed', { id: rows[index]!.id, followed: true })).toMatchObject({ ok: true });
    } finally {
      session.close();
    }
  }

  function deviceId(): string {
    const session = openSession({ dataDir: desk, host: 'cli' });
    try {
      return readAccount(session.ctx.db)!.deviceId;
    } finally {
      session.close();
    }
  }

  it('signs in with the code, then pulls the hub’s dossiers and pushes a change', async () => {
    const code = codeFor('camille@example.org', 'add');
    const login = relais(['login', '--data', desk, '--hub', hub.url, '--email', 'camille@example.org', '--code', code, '--device-name', 'Portable'], 'en');
    expect(login.stderr).toBe('');
    expect(login.status).toBe(0);
    expect(login.stdout).toBe(`Signed in to the hub ${hub.url}: Camille Admin (camille@example.org), role administrateur. Run “relais sync” to synchronise.\n`);
    expect(fs.statSync(new FileSecretStore(desk).file).mode & 0o777).toBe(0o600);

    const first = json<Record<string, number>>(relais(['sync', '--data', desk, '--json'], 'en'));
    expect(first).toMatchObject({ pushed: 0, pulled: 3, conflicts: 0, rejected: 0, pending: 0 });

    await follow(0);
    const second = relais(['sync', '--data', desk], 'en');
    expect(second.stderr).toBe('');
    // What comes back is the desk's own change, as the hub recorded it.
    expect(second.stdout).toBe('Synchronised: 1 sent, 1 received, 0 in conflict, 0 refused, 0 waiting.\n');
  });

  it('tells a revoked device to sign in again, and sends what waited once it has', async () => {
    const revoke = relais(['hub', 'device', 'revoke', deviceId()], 'en', env);
    expect(revoke.status).toBe(0);

    await follow(1);
    const refused = relais(['sync', '--data', desk], 'en');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('The hub no longer recognises this device');
    expect(refused.stderr).toContain('Sign in again with a new enrolment code');

    const code = codeFor('camille@example.org', 'code');
    expect(relais(['login', '--data', desk, '--hub', hub.url, '--email', 'camille@example.org', '--code', code], 'en').status).toBe(0);
    expect(json<Record<string, number>>(relais(['sync', '--data', desk, '--json'], 'en'))).toMatchObject({ pushed: 1, rejected: 0, pending: 0 });
  });

  it('refuses a malformed code before calling the hub', () => {
    const login = relais(['login', '--data', desk, '--hub', hub.url, '--email', 'camille@example.org', '--code', 'not-a-code'], 'en');
    expect(login.status).toBe(1);
    expect(login.stderr).toContain('code');
  });

  it('says the hub does not answer once it is gone, in French by default', async () => {
    await stop(hub.child, 'SIGTERM');
    const offline = relais(['sync', '--data', desk]);
    expect(offline.status).toBe(1);
    expect(offline.stderr).toContain(`Le hub ${hub.url} ne répond pas`);
  });
});
