/**
 * The sign worker (sign-worker.ts) seen from the main thread: PDFs signed many at once with one
 * opening of the signer, and the slots of a PKCS#11 module listed. Every use of a token library
 * goes through this one thread: the library is initialised once per process, but the bookkeeping
 * that finalises it is per thread (pkcs11.ts), so a listing in another thread could end a batch's
 * sessions under it.
 */
import path from 'node:path';
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import { WorkerClient } from '../documents/worker-client';
import type { SigningCredentials } from './open-signer';
import type { VisibleSignature } from './pades';
import type { Pkcs11Slot } from './pkcs11';

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

/** What the sign worker is asked; it answers a `sign` job with SignOutcome[], a `pkcs11Slots` job with Pkcs11Slot[]. */
export type SignWorkerJob = { kind: 'sign'; batch: SignBatch } | { kind: 'pkcs11Slots'; modulePath: string };
export type SignWorkerResult = SignOutcome[] | Pkcs11Slot[];

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/sign-worker.js. */
const signWorker = new WorkerClient<SignWorkerJob, SignWorkerResult, SignProgress>(path.join(__dirname, `sign-worker${path.extname(__filename)}`));

/**
 * Signs every job's PDF and returns one outcome per job, in order: a PDF that cannot be signed
 * fails alone. The batch as a whole rejects (RelaisError) when the signer cannot be opened:
 * wrong PIN or password, locked card, certificate refused.
 */
export function signBatch(jobs: SignJob[], credentials: SigningCredentials, onProgress?: (progress: SignProgress) => void, now = new Date()): Promise<SignOutcome[]> {
  return signWorker.run({ kind: 'sign', batch: { jobs, credentials, now } }, [], onProgress) as Promise<SignOutcome[]>;
}

/** The slots of `modulePath` that hold an initialised token (listPkcs11Slots, run in the sign worker). */
export function listTokenSlots(modulePath: string): Promise<Pkcs11Slot[]> {
  return signWorker.run({ kind: 'pkcs11Slots', modulePath }) as Promise<Pkcs11Slot[]>;
}
