/**
 * Where rounds run in the app: in the sync worker (sync-worker.ts), on its own connection to the
 * case file, so that pushing, pulling and replaying thousands of changes never holds up the
 * screens; progress comes back while it runs.
 */
import path from 'node:path';
import type { SyncProgress, SyncSummary } from '../../../shared/channels/sync';
import type { CoreContext, HostKind } from '../context';
import { WorkerClient } from '../documents/worker-client';
import { FileSecretStore, type SecretStore } from './secret-store';
import { attachSyncService, SyncService, type RoundJob, type RoundRunner } from './service';

export interface SyncWorkerJob extends RoundJob {
  dataDir: string;
  host: HostKind;
  appVersion: string;
}

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/sync-worker.js. */
const syncWorker = new WorkerClient<SyncWorkerJob, SyncSummary, SyncProgress>(path.join(__dirname, `sync-worker${path.extname(__filename)}`));

/** Rounds on the session's case file, in the sync worker. */
export function workerRoundRunner(ctx: CoreContext): RoundRunner {
  return (job, onProgress) => syncWorker.run({ ...job, dataDir: ctx.dataDir, host: ctx.host, appVersion: ctx.version }, [], onProgress);
}

/**
 * Starts the session's sync service (the app and the browser host): rounds in the sync worker,
 * at start for an account that exists, then every minute. Stop it before closing the session.
 */
export function startSyncService(ctx: CoreContext, secrets: SecretStore = new FileSecretStore(ctx.dataDir)): SyncService {
  const service = attachSyncService(ctx, new SyncService(ctx, { secrets, runner: workerRoundRunner(ctx) }));
  service.start();
  return service;
}
