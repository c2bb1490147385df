/**
 * Worker thread entry: runs sync rounds on its own connection to the case file, reporting
 * progress as it goes. The connection lives for one round only: between rounds the case file
 * has no other holder, so a restore or an import can replace it. The device token arrives with
 * each job and is never written here.
 */
import { parentPort } from 'node:worker_threads';
import type { SyncProgress, SyncSummary } from '../../../shared/channels/sync';
import { serveJobs } from '../documents/worker-client';
import { heldKeyStore } from '../db/key-store';
import { openSession } from '../session';
import { inProcessRoundRunner, type SyncWorkerJob } from './sync-client';

async function round(job: SyncWorkerJob, progress: (progress: SyncProgress) => void): Promise<SyncSummary> {
  const session = openSession({ dataDir: job.dataDir, host: job.host }, heldKeyStore(Buffer.from(job.caseFileKey)));
  try {
    return await inProcessRoundRunner(session.ctx)(job, progress);
  } finally {
    session.close();
  }
}

serveJobs(parentPort!, round);
