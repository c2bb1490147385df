/**
 * Worker thread entry: signs a batch of PDFs with one opening of the signer (one PIN or password
 * entry), reporting each PDF as it is done. The credentials arrive with the batch and die with it.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors';
import { serveJobs } from '../documents/worker-client';
import { openSigner } from './open-signer';
import { signPdf } from './pades';
import type { SignBatch, SignOutcome, SignProgress } from './sign-batch-client';

async function signBatch(batch: SignBatch, progress: (progress: SignProgress) => void): Promise<SignOutcome[]> {
  // A wrong PIN or an unusable certificate fails the whole batch here, before any PDF is touched.
  const signer = await openSigner(batch.credentials, batch.now);
  try {
    const outcomes: SignOutcome[] = [];
    for (const job of batch.jobs) {
      const outcome: SignOutcome = await signPdf(job.pdf, signer, job.visible).then(
        (pdf) => ({ id: job.id, ok: true, pdf }),
        (error: unknown) => ({ id: job.id, ok: false, error: toErrorInfo(error) }),
      );
      outcomes.push(outcome);
      progress({ done: outcomes.length, total: batch.jobs.length, id: job.id, ok: outcome.ok, ...(outcome.ok ? {} : { code: outcome.error.code }) });
    }
    return outcomes;
  } finally {
    await signer.close();
  }
}

/** The signed PDFs' memory moves to the caller instead of being copied (once per buffer: two views may share one). */
const signedPdfs = (outcomes: SignOutcome[]) => [...new Set(outcomes.flatMap((outcome) => (outcome.ok ? [outcome.pdf.buffer as ArrayBuffer] : [])))];

if (!parentPort) throw new Error('sign-worker must run in a worker thread');
serveJobs<SignBatch, SignOutcome[], SignProgress>(parentPort, signBatch, signedPdfs);
