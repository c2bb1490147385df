/**
 * Worker thread entry: runs sync rounds on its own connection to the case file (kept open from
 * one round to the next), reporting progress as it goes. The device token arrives with each job
 * and is never written here.
 */
import { parentPort } from 'node:worker_threads';
import type { SyncProgress, SyncSummary } from '../../../shared/channels/sync';
import { serveJobs } from '../documents/worker-client';
import { heldKeyStore } from '../db/key-store';
import { openSession, type Session } from '../session';
import { inProcessRoundRunner, type SyncWorkerJob } from './sync-client';

let session: Session | null = null;

function sessionOn(job: SyncWorkerJob): Session {
  if (session?.ctx.dataDir !== job.dataDir) {
    session?.close();
    session = openSession({ dataDir: job.dataDir, host: job.host }, heldKeyStore(Buffer.from(job.caseFileKey)));
  }
  return session;
}

function round(job: SyncWorkerJob, progress: (progress: SyncProgress) => void): Promise<SyncSummary> {
  const { ctx } = sessionOn(job);
  return inProcessRoundRunner(ctx)(job, progress);
}

serveJobs(parentPort!, round);
