/**
 * Backups, restore, export and import for an open session: what the channels and the commands
 * call. The swap happens under the session's own context, so the app goes on with the same
 * handlers on the restored or imported case file.
 */
import type { CoreContext } from '../context';
import { caseFilePath, openCaseFile } from '../db/open';
import type { ExportResult } from './export';
import type { ExportManifest, TransferProgress } from './export-format';
import { listBackups, type BackupInfo } from './folder';
import { replaceCaseFile } from './replace';
import { restoreBackup } from './restore';
import { runInBackupWorker } from './worker-client';
import { checkPassphrase } from './export';

type Progress = (progress: TransferProgress) => void;

function reopen(ctx: CoreContext) {
  return () => openCaseFile(caseFilePath(ctx.dataDir), { create: false, key: ctx.caseFileKey });
}

export function backupsOf(ctx: CoreContext): BackupInfo[] {
  return listBackups(ctx.dataDir);
}

/** Returns the backup of the state before, which undoes the restore. */
export function restoreBackupOf(ctx: CoreContext, name: string): BackupInfo {
  return restoreBackup(ctx, name, { key: ctx.caseFileKey, reopen: reopen(ctx) });
}

export async function exportCaseFileOf(ctx: CoreContext, to: string, passphrase: string, onProgress?: Progress): Promise<ExportResult> {
  checkPassphrase(passphrase);
  const job = { kind: 'export' as const, dataDir: ctx.dataDir, key: new Uint8Array(ctx.caseFileKey), to, passphrase, relaisVersion: ctx.version };
  return (await runInBackupWorker(job, onProgress)).export;
}

/** Reads the export in the worker, then swaps it in; the state before is backed up ('before-import'). */
export async function importCaseFileOf(
  ctx: CoreContext,
  file: string,
  passphrase: string,
  onProgress?: Progress,
): Promise<{ manifest: ExportManifest; before: BackupInfo }> {
  const job = { kind: 'stage-import' as const, dataDir: ctx.dataDir, key: new Uint8Array(ctx.caseFileKey), file, passphrase };
  const { staged, manifest } = await runInBackupWorker(job, onProgress);
  const before = replaceCaseFile(ctx, staged, { key: ctx.caseFileKey, reason: 'before-import', reopen: reopen(ctx) });
  return { manifest, before };
}
