import { backupPath, type BackupInfo } from './folder';
import { replaceCaseFile, stageCopy, type CaseFileHolder, type ReplaceOptions } from './replace';
import { verifyKeyedCopy } from './verify';

/**
 * Restores a named backup in place of the open case file; the state before is backed up first
 * ('before-restore'), so a restore can itself be undone. Returns that backup.
 */
export function restoreBackup(holder: CaseFileHolder, name: string, options: Omit<ReplaceOptions, 'reason'>): BackupInfo {
  const source = backupPath(holder.dataDir, name);
  verifyKeyedCopy(source, options.key, name);
  const staged = stageCopy(holder.dataDir, source);
  return replaceCaseFile(holder, staged, { ...options, reason: 'before-restore' });
}
