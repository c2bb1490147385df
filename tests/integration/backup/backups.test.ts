import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RelaisError } from '../../../shared/errors';
import { backupsDir, listBackups, RETENTION } from '../../../electron/core/backup/folder';
import { restoreBackup } from '../../../electron/core/backup/restore';
import { takeBackup } from '../../../electron/core/backup/take';
import { openKeyedDatabase } from '../../../electron/core/db/cipher';
import { caseFilePath } from '../../../electron/core/db/open';
import { markerOf, newKeyedCaseFile, openKeyedCaseFile, setMarker, type KeyedCaseFile } from './keyed-case-file';

const opened: KeyedCaseFile[] = [];
function caseFile(): KeyedCaseFile {
  const file = newKeyedCaseFile();
  opened.push(file);
  return file;
}
afterEach(() => {
  for (const file of opened.splice(0)) if (file.db.open) file.db.close();
});

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof RelaisError ? error.code : `not a RelaisError: ${String(error)}`;
  }
  return undefined;
}

describe('backups of the case file', () => {
  it('are encrypted copies with the same key, verified, listed newest first, and pruned per reason', () => {
    const file = caseFile();
    setMarker(file.db, 'ACME-SECRET-MARKER');
    const start = Date.parse('2026-11-01T08:00:00Z');
    for (let day = 0; day < RETENTION.daily + 2; day += 1) {
      takeBackup(file.db, { dataDir: file.dataDir, key: file.key, reason: 'daily', now: new Date(start + day * 86_400_000) });
    }
    takeBackup(file.db, { dataDir: file.dataDir, key: file.key, reason: 'migration', now: new Date(start) });

    const backups = listBackups(file.dataDir);
    expect(backups.filter((b) => b.reason === 'daily')).toHaveLength(RETENTION.daily);
    expect(backups.filter((b) => b.reason === 'migration')).toHaveLength(1);
    expect(backups[0]).toMatchObject({ reason: 'daily', createdAt: new Date(start + (RETENTION.daily + 1) * 86_400_000).toISOString() });
    // The two oldest days went; the migration backup, of another reason, stayed.
    expect(backups.at(-1)).toMatchObject({ reason: 'migration' });
    expect(backups.filter((b) => b.reason === 'daily').at(-1)?.createdAt).toBe(new Date(start + 2 * 86_400_000).toISOString());

    for (const name of readdirSync(backupsDir(file.dataDir))) {
      const bytes = readFileSync(path.join(backupsDir(file.dataDir), name));
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes('ACME-SECRET-MARKER')).toBe(false);
      const copy = openKeyedDatabase(path.join(backupsDir(file.dataDir), name), file.key, { readonly: true });
      expect(markerOf(copy)).toBe('ACME-SECRET-MARKER');
      copy.close();
    }
  });

  it('restore puts a backup in place, keeps the state before as a backup, and can itself be undone', () => {
    const file = caseFile();
    setMarker(file.db, 'before');
    const first = takeBackup(file.db, { dataDir: file.dataDir, key: file.key, reason: 'daily' });
    setMarker(file.db, 'after');

    const holder = { db: file.db, dataDir: file.dataDir };
    const reopen = () => openKeyedCaseFile(file.dataDir, file.key);
    const undo = restoreBackup(holder, first.name, { key: file.key, reopen });
    file.db = holder.db;
    expect(markerOf(holder.db)).toBe('before');
    expect(undo.reason).toBe('before-restore');
    expect(holder.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // No leftover beside the case file: no staged copy, no stale WAL from the old file.
    expect(readdirSync(file.dataDir).filter((name) => name.startsWith('.relais-'))).toEqual([]);

    restoreBackup(holder, undo.name, { key: file.key, reopen });
    file.db = holder.db;
    expect(markerOf(holder.db)).toBe('after');
  });

  it('restore is refused while another connection holds the case file, and nothing changes', () => {
    const file = caseFile();
    setMarker(file.db, 'before');
    const first = takeBackup(file.db, { dataDir: file.dataDir, key: file.key, reason: 'daily' });
    setMarker(file.db, 'after');
    const other = openKeyedCaseFile(file.dataDir, file.key);
    try {
      const holder = { db: file.db, dataDir: file.dataDir };
      expect(errorCode(() => restoreBackup(holder, first.name, { key: file.key, reopen: () => openKeyedCaseFile(file.dataDir, file.key) }))).toBe(
        'case_file_in_use',
      );
      expect(markerOf(other)).toBe('after');
      expect(file.db.pragma('journal_mode', { simple: true })).toBe('wal');
      setMarker(file.db, 'still writable');
      expect(markerOf(other)).toBe('still writable');
    } finally {
      other.close();
    }
  });

  it('a damaged backup, or a name that is not a listed backup, is refused before anything changes', () => {
    const file = caseFile();
    setMarker(file.db, 'current');
    const backup = takeBackup(file.db, { dataDir: file.dataDir, key: file.key, reason: 'daily' });
    const backupFile = path.join(backupsDir(file.dataDir), backup.name);
    const bytes = readFileSync(backupFile);
    bytes.fill(0x5a, 4096, 8192);
    writeFileSync(backupFile, bytes);
    const holder = { db: file.db, dataDir: file.dataDir };
    const reopen = () => openKeyedCaseFile(file.dataDir, file.key);
    expect(errorCode(() => restoreBackup(holder, backup.name, { key: file.key, reopen }))).toBe('backup_unreadable');
    expect(errorCode(() => restoreBackup(holder, `../${path.basename(caseFilePath(file.dataDir))}`, { key: file.key, reopen }))).toBe('backup_not_found');
    expect(holder.db).toBe(file.db);
    expect(markerOf(file.db)).toBe('current');
  });
});
