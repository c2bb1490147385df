/**
 * The sync worker (sync-worker.ts) seen from the main thread: each round runs there, on its own
 * connection to the case file, so that pushing, pulling and replaying thousands of changes never
 * holds up the screens. Progress comes back while it runs.
 */
import path from 'node:path';
import type { SyncProgress, SyncSummary } from '../../../shared/channels/sync';
import { WorkerClient } from '../documents/worker-client';
import type { RoundJob, RoundRunner } from './service';

export interface SyncWorkerJob extends RoundJob {
  dataDir: string;
  appVersion: string;
}

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/sync-worker.js. */
const syncWorker = new WorkerClient<SyncWorkerJob, SyncSummary, SyncProgress>(path.join(__dirname, `sync-worker${path.extname(__filename)}`));

/** Rounds on the case file of `dataDir`, in the sync worker. */
export function workerRoundRunner(dataDir: string, appVersion: string): RoundRunner {
  return (job, onProgress) => syncWorker.run({ ...job, dataDir, appVersion }, [], onProgress);
}
