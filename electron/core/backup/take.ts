/**
 * Taking a backup. SQLite's online backup API (`db.backup()`) refuses here ("incompatible source
 * and target databases"): it cannot key the destination. `VACUUM INTO` on the keyed connection
 * writes a consistent snapshot encrypted with the same key, without blocking writers (WAL), so
 * it is used instead. A copy is verified before it takes its final name and before any older
 * one is pruned: a failed backup never costs a good one.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { backupName, backupsDir, listBackups, RETENTION, type BackupInfo, type BackupReason } from './folder';
import { syncDirectory, syncFile } from '../durable-files';
import { verifyKeyedCopy } from './verify';

export interface TakeBackupOptions {
  dataDir: string;
  /** The case file's key: the copy is checked by opening it with it. */
  key: Buffer;
  reason: BackupReason;
  now?: Date;
}

export function takeBackup(db: Database, { dataDir, key, reason, now = new Date() }: TakeBackupOptions): BackupInfo {
  const dir = backupsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const name = backupName(now, reason);
  const partial = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.partial`);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    verifyKeyedCopy(partial, key);
    syncFile(partial);
    renameSync(partial, path.join(dir, name));
  } finally {
    rmSync(partial, { force: true });
  }
  syncDirectory(dir);
  pruneBackups(dataDir, reason);
  return { name, createdAt: now.toISOString(), reason, sizeBytes: statSync(path.join(dir, name)).size };
}

/** Keeps the newest RETENTION[reason] backups of that reason; the others go. */
export function pruneBackups(dataDir: string, reason: BackupReason): BackupInfo[] {
  const stale = listBackups(dataDir)
    .filter((backup) => backup.reason === reason)
    .slice(RETENTION[reason]);
  for (const backup of stale) rmSync(path.join(backupsDir(dataDir), backup.name), { force: true });
  return stale;
}
