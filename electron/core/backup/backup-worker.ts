/** The backup worker thread: runs backup jobs (jobs.ts) off the main thread. */
import { parentPort } from 'node:worker_threads';
import { serveJobs } from '../documents/worker-client';
import type { TransferProgress } from './export-format';
import { runBackupJob, type BackupJob, type BackupJobResult } from './jobs';

if (!parentPort) throw new Error('backup-worker must run in a worker thread');
serveJobs<BackupJob, BackupJobResult, TransferProgress>(parentPort, runBackupJob);
