/**
 * The backups folder, `<dataDir>/backups/`: one encrypted copy of the case file per file, named
 * `relais-<UTC time>-<reason>.sqlite` so a listing needs no database and sorts by time.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_REASONS, type Backup } from '../../../shared/channels/backup';
import { RelaisError } from '../../../shared/errors';

export const BACKUPS_DIR_NAME = 'backups';

export type BackupReason = (typeof BACKUP_REASONS)[number];

/** How many copies of each reason stay: a week of days, and the last few of the rarer events. */
export const RETENTION: Record<BackupReason, number> = {
  daily: 7,
  migration: 3,
  'before-restore': 5,
  'before-import': 3,
};

/** `name`: the file name, which is also how a backup is named to `restore`. */
export type BackupInfo = Backup;

const NAME = /^relais-(\d{8}T\d{9}Z)-([a-z-]+)\.sqlite$/;

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, BACKUPS_DIR_NAME);
}

/** `relais-20261127T041503123Z-daily.sqlite`: compact ISO time, milliseconds kept so two never clash. */
export function backupName(at: Date, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `relais-${stamp}-${reason}.sqlite`;
}

function parseName(name: string): Pick<BackupInfo, 'createdAt' | 'reason'> | null {
  const match = NAME.exec(name);
  if (!match || !(BACKUP_REASONS as readonly string[]).includes(match[2])) return null;
  const s = match[1];
  const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
  return { createdAt, reason: match[2] as BackupReason };
}

/** Every backup in the folder, newest first; files that are not backups (a copy in progress) are ignored. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  const backups: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = parseName(name);
    if (!parsed) continue;
    backups.push({ name, ...parsed, sizeBytes: statSync(path.join(dir, name)).size });
  }
  return backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** The path of a named backup. The name comes from outside: only a listed backup's name is accepted. */
export function backupPath(dataDir: string, name: string): string {
  if (!listBackups(dataDir).some((backup) => backup.name === name)) throw new RelaisError('backup_not_found', { name });
  return path.join(backupsDir(dataDir), name);
}
