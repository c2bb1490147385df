/**
 * Worker thread entry: signs a batch of PDFs with one opening of the signer (one PIN or password
 * entry), reporting each PDF as it is done, and lists the slots of PKCS#11 modules: the one thread
 * that loads token libraries (sign-batch-client.ts says why). The credentials arrive with the
 * batch and die with it.
 */
import { setImmediate } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors';
import { serveJobs } from '../documents/worker-client';
import { openSigner } from './open-signer';
import { signPdf } from './pades';
import { listPkcs11Slots, type Pkcs11Slot } from './pkcs11';
import type { SignBatch, SignOutcome, SignProgress, SignWorkerJob, SignWorkerResult } from './sign-batch-client';

async function signBatch(batch: SignBatch, progress: (progress: SignProgress) => void): Promise<SignOutcome[]> {
  // A wrong PIN or an unusable certificate fails the whole batch here, before any PDF is touched.
  const signer = await openSigner(batch.credentials, batch.now);
  try {
    const outcomes: SignOutcome[] = [];
    for (const job of batch.jobs) {
      // Lets a job that came meanwhile (a slot listing) be answered between two PDFs, not after the batch.
      await setImmediate();
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

async function work(job: SignWorkerJob, progress: (progress: SignProgress) => void): Promise<SignWorkerResult> {
  return job.kind === 'sign' ? signBatch(job.batch, progress) : listPkcs11Slots(job.modulePath);
}

/** The signed PDFs' memory moves to the caller instead of being copied (once per buffer: two views may share one). */
function signedPdfs(result: SignWorkerResult): ArrayBuffer[] {
  const items: readonly (SignOutcome | Pkcs11Slot)[] = result;
  return [...new Set(items.flatMap((item) => ('pdf' in item ? [item.pdf.buffer as ArrayBuffer] : [])))];
}

if (!parentPort) throw new Error('sign-worker must run in a worker thread');
serveJobs<SignWorkerJob, SignWorkerResult, SignProgress>(parentPort, work, signedPdfs);
