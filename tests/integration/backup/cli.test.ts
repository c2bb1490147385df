/**
 * `relais backup list|restore` and `relais case-file export|import` as a user runs them: real
 * processes on a demo case file, the import on "another machine" (a key directory of its own).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDailyBackups } from '../../../electron/core/backup/daily';
import { listBackups, type BackupInfo } from '../../../electron/core/backup/folder';
import { dispatch } from '../../../electron/core/dispatch';
import { keyFileStore } from '../../../electron/core/db/key-store';
import { openSession, type Session } from '../../../electron/core/session';
import { relais } from '../relais-process';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-backup-cli-'));
const dataDir = path.join(tmp, 'laptop-a');
const otherMachine = { dataDir: path.join(tmp, 'laptop-b'), keyDir: path.join(tmp, 'laptop-b-keys') };
const exportFile = path.join(tmp, 'handover.relais');
const PASSPHRASE_ENV = { RELAIS_TEST_PASSPHRASE: 'a long enough handover passphrase' };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function language(session: Session): Promise<string> {
  const envelope = await dispatch(session.handlers, 'preferences.get', {});
  if (!envelope.ok) throw new Error(envelope.error.code);
  return (envelope.result as { language: string }).language;
}

async function setLanguage(language: 'fr' | 'en'): Promise<void> {
  const session = openSession({ dataDir, host: 'cli' });
  try {
    const envelope = await dispatch(session.handlers, 'preferences.setLanguage', { language });
    expect(envelope.ok).toBe(true);
  } finally {
    session.close();
  }
}

function counts(session: Session) {
  const { db } = session.ctx;
  return {
    dossiers: db.prepare('SELECT count(*) FROM dossier').pluck().get() as number,
    blobs: db.prepare('SELECT count(*) FROM blob').pluck().get() as number,
  };
}

async function pollFor<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let daily: BackupInfo;
let sourceCounts: ReturnType<typeof counts>;

beforeAll(async () => {
  expect(relais(['demo', '--data', dataDir, '--count', '4', '--seed', '7']).status).toBe(0);
  await setLanguage('fr');
  // The daily backup as the app takes it: in the backup worker, while this thread stays free.
  const session = openSession({ dataDir, host: 'cli' });
  sourceCounts = counts(session);
  const stop = startDailyBackups(session.ctx);
  try {
    daily = await pollFor(() => listBackups(dataDir).find((backup) => backup.reason === 'daily'), 'daily backup');
  } finally {
    stop();
    session.close();
  }
  await setLanguage('en');
}, 120_000);

describe('relais backup', () => {
  it('lists the backups as JSON', () => {
    const listed = relais(['backup', 'list', '--data', dataDir, '--json']);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([daily]);
  });

  it('refuses to restore while another process holds the case file, then restores, saying how to undo', async () => {
    const holder = openSession({ dataDir, host: 'cli' });
    try {
      const refused = relais(['backup', 'restore', '--data', dataDir, daily.name], 'en');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('is open in another Relais program');
      expect(await language(holder)).toBe('en');
    } finally {
      holder.close();
    }
    const restored = relais(['backup', 'restore', '--data', dataDir, daily.name], 'en');
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const undo = listBackups(dataDir).find((backup) => backup.reason === 'before-restore');
    expect(restored.stdout).toContain(`relais backup restore --data ${dataDir} ${undo?.name}`);
    const session = openSession({ dataDir, host: 'cli' });
    try {
      expect(await language(session)).toBe('fr');
    } finally {
      session.close();
    }
  });
});

describe('relais case-file export and import', () => {
  it('exports with a passphrase from a named variable, and imports on a machine without the key', () => {
    const exported = relais(['case-file', 'export', '--data', dataDir, '--to', exportFile, '--passphrase-env', 'RELAIS_TEST_PASSPHRASE'], 'en', PASSPHRASE_ENV);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);

    const env = { ...PASSPHRASE_ENV, RELAIS_KEY_DIR: otherMachine.keyDir };
    const imported = relais(['case-file', 'import', '--data', otherMachine.dataDir, exportFile, '--passphrase-env', 'RELAIS_TEST_PASSPHRASE'], 'en', env);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const session = openSession({ dataDir: otherMachine.dataDir, host: 'cli' }, keyFileStore(otherMachine.keyDir));
    try {
      expect(counts(session)).toEqual(sourceCounts);
      const sha256 = session.ctx.db.prepare('SELECT sha256 FROM blob LIMIT 1').pluck().get() as string;
      expect(session.ctx.blobs.read(sha256).byteLength).toBeGreaterThan(0);
      expect(session.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      session.close();
    }

    // A case file is there now: not replaced without --force; a wrong passphrase is said so.
    const again = relais(['case-file', 'import', '--data', otherMachine.dataDir, exportFile, '--passphrase-env', 'RELAIS_TEST_PASSPHRASE'], 'en', env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds a case file');
    const wrong = relais(['case-file', 'import', '--data', otherMachine.dataDir, exportFile, '--force', '--passphrase-env', 'WRONG'], 'fr', {
      ...env,
      WRONG: 'not the right passphrase at all',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('La phrase secrète ne correspond pas');
    // Four processes, three of them deriving the passphrase's key (scrypt): slow on a busy machine.
  }, 240_000);

  it('without a terminal nor a variable, asks for the passphrase in a sentence and writes nothing', () => {
    const to = path.join(tmp, 'never.relais');
    const missing = relais(['case-file', 'export', '--data', dataDir, '--to', to], 'en');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No passphrase was given');
  });
});
