/**
 * verifyPdf in a worker thread, for the desk: parsing a large PDF and hashing what its
 * signatures cover would otherwise hold the main process up.
 */
import path from 'node:path';
import type { VerificationReport } from '../../../../shared/domain/signature';
import { WorkerClient } from '../../documents/worker-client';
import type { VerifyOptions } from '../verify';

export interface VerifyJob {
  pdf: Uint8Array;
  options: VerifyOptions;
}

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/verify-worker.js. */
const verifyWorker = new WorkerClient<VerifyJob, VerificationReport>(path.join(__dirname, `verify-worker${path.extname(__filename)}`));

/** Bytes that own their whole buffer are moved to the worker, not copied: the caller must not use them afterwards. */
export function verifyPdfInWorker(pdf: Uint8Array, options: VerifyOptions): Promise<VerificationReport> {
  // A view on part of a buffer (Node's pooled Buffers) is copied: moving it would take the rest along.
  const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice();
  return verifyWorker.run({ pdf: own, options }, [own.buffer as ArrayBuffer]);
}
