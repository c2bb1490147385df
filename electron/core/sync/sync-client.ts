/**
 * Where rounds run. In the app, in the sync worker (sync-worker.ts), on its own connection to the
 * case file, so that pushing, pulling and replaying thousands of changes never holds up the
 * screens; progress comes back while it runs. In `relais sync`, in the process itself.
 */
import path from 'node:path';
import type { SyncProgress, SyncSummary } from '../../../shared/channels/sync';
import type { CoreContext, HostKind } from '../context';
import { WorkerClient } from '../documents/worker-client';
import { runSyncRound } from './engine';
import { HttpTransport, relaisErrorOfHub } from './http-transport';
import { FileSecretStore, type SecretStore } from './secret-store';
import { attachSyncService, SyncService, type RoundJob, type RoundRunner } from './service';
import type { HubTransport } from './transport';

export interface SyncWorkerJob extends RoundJob {
  dataDir: string;
  host: HostKind;
  appVersion: string;
  /** The open case file's key: the worker's connection cannot reach the OS keychain. */
  caseFileKey: Uint8Array;
}

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/sync-worker.js. */
const syncWorker = new WorkerClient<SyncWorkerJob, SyncSummary, SyncProgress>(path.join(__dirname, `sync-worker${path.extname(__filename)}`));

/** Rounds on the session's case file, in the sync worker. */
export function workerRoundRunner(ctx: CoreContext): RoundRunner {
  return (job, onProgress) => syncWorker.run({ ...job, dataDir: ctx.dataDir, host: ctx.host, appVersion: ctx.version, caseFileKey: new Uint8Array(ctx.caseFileKey) }, [], onProgress);
}

export type TransportFactory = (hubUrl: string, token: () => string | null) => HubTransport;

export const httpTransportFor: TransportFactory = (hubUrl, token) => new HttpTransport({ hubUrl, token });

/**
 * Rounds on `ctx`'s case file in this thread; a hub failure becomes the desk's error
 * (hub_unreachable, hub_login_required…), which also crosses a worker's boundary intact.
 */
export function inProcessRoundRunner(ctx: CoreContext, transportFor: TransportFactory = httpTransportFor): RoundRunner {
  return async (job, onProgress) => {
    const transport = transportFor(job.hubUrl, () => job.token);
    try {
      return await runSyncRound(ctx, transport, { appVersion: ctx.version, deviceId: job.deviceId, onProgress });
    } catch (error) {
      throw relaisErrorOfHub(error, job.hubUrl);
    }
  };
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
