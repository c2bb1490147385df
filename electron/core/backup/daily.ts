/**
 * A backup a day while the app runs: checked at start and every hour, taken in the backup worker
 * when the newest daily backup is a day old (or there is none).
 */
import type { CoreContext } from '../context';
import { listBackups, type BackupInfo } from './folder';
import { runInBackupWorker } from './worker-client';

export const DAILY_BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

export interface DailyBackupOptions {
  clock?: () => Date;
  checkEveryMs?: number;
  onBackup?: (backup: BackupInfo) => void;
  /** A failed backup is reported and tried again at the next check; it never stops the app. */
  onError?: (error: unknown) => void;
}

export function dailyBackupDue(dataDir: string, now: Date): boolean {
  const newest = listBackups(dataDir).find((backup) => backup.reason === 'daily');
  return !newest || now.getTime() - Date.parse(newest.createdAt) >= DAILY_BACKUP_EVERY_MS;
}

/** Starts the checks; returns what stops them. */
export function startDailyBackups(
  target: Pick<CoreContext, 'dataDir' | 'caseFileKey'>,
  { clock = () => new Date(), checkEveryMs = CHECK_EVERY_MS, onBackup = () => {}, onError = () => {} }: DailyBackupOptions = {},
): () => void {
  let running = false;
  const check = () => {
    if (running || !dailyBackupDue(target.dataDir, clock())) return;
    running = true;
    runInBackupWorker({ kind: 'daily', dataDir: target.dataDir, key: new Uint8Array(target.caseFileKey) })
      .then((result) => onBackup(result.backup), onError)
      .finally(() => {
        running = false;
      });
  };
  check();
  const timer = setInterval(check, checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
