/**
 * The document worker, seen from the main thread: one worker thread, started on the first
 * document and kept for the next ones. Laying out and subsetting fonts take hundreds of
 * milliseconds; in the worker they never hold up the main process. The worker keeps the
 * process alive only while a document is being made.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../pdf/start-worker';
import type { DocumentBlock, DocumentMeta } from './blocks';
import type { DocumentJob, DocumentJobResult } from './document-worker';

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/document-worker.js. */
function workerPath(): string {
  return path.join(__dirname, `document-worker${path.extname(__filename)}`);
}

interface Pending {
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function settle(result: DocumentJobResult): void {
  const job = pending.get(result.id);
  if (!job) return;
  pending.delete(result.id);
  if (result.ok) job.resolve(result.bytes);
  else job.reject(new Error(result.message));
  if (pending.size === 0) worker?.unref();
}

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

function documentWorker(): Worker {
  if (worker) return worker;
  const started = startWorker(workerPath());
  started.on('message', settle);
  // A worker that dies takes its jobs with it; the next document starts a new one.
  started.on('error', (error) => {
    if (worker === started) worker = null;
    failAll(error);
  });
  started.on('exit', (code) => {
    if (worker !== started) return;
    worker = null;
    failAll(new Error(`the document worker stopped (exit code ${code})`));
  });
  worker = started;
  return started;
}

export function renderInWorker(meta: DocumentMeta, blocks: DocumentBlock[]): Promise<Uint8Array> {
  const target = documentWorker();
  const job: DocumentJob = { id: nextId++, meta, blocks };
  return new Promise((resolve, reject) => {
    pending.set(job.id, { resolve, reject });
    target.ref();
    target.postMessage(job);
  });
}
