/** Signing many PDFs at once, in the sign worker (sign-worker.ts), with one opening of the signer. */
import path from 'node:path';
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import { WorkerClient } from '../documents/worker-client';
import type { SigningCredentials } from './open-signer';
import type { VisibleSignature } from './pades';

export interface SignJob {
  /** The caller's name for this PDF (a decision id), echoed in its progress and outcome. */
  id: string;
  pdf: Uint8Array;
  visible: VisibleSignature;
}

export interface SignBatch {
  jobs: SignJob[];
  credentials: SigningCredentials;
  /** The time the certificate must be valid at. */
  now: Date;
}

export type SignOutcome = { id: string; ok: true; pdf: Uint8Array } | { id: string; ok: false; error: ErrorInfo };

/** Posted after each PDF, in the jobs' order. */
export interface SignProgress {
  done: number;
  total: number;
  id: string;
  ok: boolean;
  /** Why this PDF was not signed. */
  code?: ErrorCode;
}

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/sign-worker.js. */
const signWorker = new WorkerClient<SignBatch, SignOutcome[], SignProgress>(path.join(__dirname, `sign-worker${path.extname(__filename)}`));

/**
 * Signs every job's PDF and returns one outcome per job, in order: a PDF that cannot be signed
 * fails alone. The batch as a whole rejects (RelaisError) when the signer cannot be opened:
 * wrong PIN or password, locked card, certificate refused.
 */
export function signBatch(jobs: SignJob[], credentials: SigningCredentials, onProgress?: (progress: SignProgress) => void, now = new Date()): Promise<SignOutcome[]> {
  return signWorker.run({ jobs, credentials, now }, [], onProgress);
}
