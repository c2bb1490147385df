import path from 'node:path';
import { WorkerClient } from '../documents/worker-client';
import type { TransferProgress } from './export-format';
import type { BackupJob, BackupJobResult } from './jobs';

/** Started as a sibling of this module: a .ts file from the sources, a .js file from the bundle. */
const backupWorker = new WorkerClient<BackupJob, BackupJobResult, TransferProgress>(path.join(__dirname, `backup-worker${path.extname(__filename)}`));

export function runInBackupWorker<K extends BackupJob['kind']>(
  job: Extract<BackupJob, { kind: K }>,
  onProgress?: (progress: TransferProgress) => void,
): Promise<Extract<BackupJobResult, { kind: K }>> {
  return backupWorker.run(job, [], onProgress) as Promise<Extract<BackupJobResult, { kind: K }>>;
}
