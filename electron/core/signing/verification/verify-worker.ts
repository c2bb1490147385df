/** Worker thread entry: verifies one PDF's signatures per message (verify.ts), off the main thread. */
import { parentPort } from 'node:worker_threads';
import type { VerificationReport } from '../../../../shared/domain/signature';
import { serveJobs } from '../../documents/worker-client';
import { verifyPdf } from '../verify';
import type { VerifyJob } from './verify-client';

if (!parentPort) throw new Error('verify-worker must run in a worker thread');
serveJobs<VerifyJob, VerificationReport>(parentPort, (job) => verifyPdf(job.pdf, job.options));
