/**
 * Putting another copy (a backup, an imported case file) in place of the open case file, under
 * the same connection's holder: only when no other process holds the file, atomically (a
 * rename), and with the state just before kept as a backup so the change can be undone.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { RelaisError } from '../../../shared/errors';
import { caseFilePath } from '../db/open';
import { syncDirectory, syncFile } from '../durable-files';
import { takeBackup } from './take';
import type { BackupInfo, BackupReason } from './folder';

/** The open case file: `db` is swapped for the reopened connection (a CoreContext is one). */
export interface CaseFileHolder {
  db: Database;
  dataDir: string;
}

export interface ReplaceOptions {
  key: Buffer;
  reason: Extract<BackupReason, 'before-restore' | 'before-import'>;
  /** Opens the case file again once replaced (with its key, pragmas and migrations). */
  reopen: () => Database;
  now?: Date;
}

/** A path beside the case file: a rename within one folder is atomic. */
export function stagingPath(dataDir: string, purpose: string): string {
  return path.join(dataDir, `.relais-${purpose}-${randomBytes(6).toString('hex')}.sqlite`);
}

/** Copies a verified backup beside the case file first: the safety backup's pruning may remove the source. */
export function stageCopy(dataDir: string, source: string): string {
  const staged = stagingPath(dataDir, 'restoring');
  copyFileSync(source, staged);
  syncFile(staged);
  return staged;
}

/**
 * Replaces the case file with `staged` (keyed with the case file's key, in dataDir) and reopens
 * it into `holder.db`. Returns the backup of the state before.
 */
export function replaceCaseFile(holder: CaseFileHolder, staged: string, { key, reason, reopen, now }: ReplaceOptions): BackupInfo {
  try {
    takeSoleHold(holder.db, holder.dataDir);
    let before: BackupInfo;
    try {
      before = takeBackup(holder.db, { dataDir: holder.dataDir, key, reason, now });
    } catch (error) {
      releaseSoleHold(holder.db);
      throw error;
    }
    swapUnderExclusiveLock(holder.db, holder.dataDir, staged);
    holder.db = reopen();
    return before;
  } finally {
    rmSync(staged, { force: true });
  }
}

/**
 * Leaving WAL needs the only connection to the file, which is how another process holding the
 * case file (the app, the browser host, a command) is detected; the WAL is then folded in and
 * deleted, so no stale WAL can meet the new file.
 */
function takeSoleHold(db: Database, dataDir: string): void {
  db.pragma('busy_timeout = 0');
  let mode: unknown;
  try {
    mode = db.pragma('journal_mode = DELETE', { simple: true });
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
  }
  db.pragma('busy_timeout = 5000');
  if (mode !== 'delete') throw new RelaisError('case_file_in_use', { path: dataDir });
}

function releaseSoleHold(db: Database): void {
  db.pragma('journal_mode = WAL');
}

/** The exclusive lock keeps every other process out until the rename is done. */
function swapUnderExclusiveLock(db: Database, dataDir: string, staged: string): void {
  db.exec('BEGIN EXCLUSIVE');
  renameSync(staged, caseFilePath(dataDir));
  syncDirectory(dataDir);
  db.exec('ROLLBACK');
  db.close();
}
