/**
 * One worker thread seen from the main thread, for work that would otherwise hold the main
 * process up (laying out PDFs, writing spreadsheets): started on the first job and kept for the
 * next ones; it keeps the process alive only while a job is running.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { RelaisError, type ErrorInfo } from '../../../shared/errors';
import { startWorker } from '../pdf/start-worker';

/**
 * What a worker made with WorkerClient posts for a job: progress while it runs, then its result or
 * its error (a RelaisError crosses as its code and parameters, anything else as its message).
 */
export type WorkerReply<Result, Progress = never> =
  | { id: number; ok: true; result: Result }
  | { id: number; ok: false; message: string; error?: ErrorInfo }
  | { id: number; progress: Progress };

interface Pending<Result, Progress> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: Progress) => void;
}

export class WorkerClient<Job, Result, Progress = never> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending<Result, Progress>>();
  private nextId = 1;

  /** `modulePath`: the worker's entry, a .ts file from the sources or a .js file from the bundle. */
  constructor(private readonly modulePath: string) {}

  run(job: Job, transfer: ArrayBuffer[] = [], onProgress?: (progress: Progress) => void): Promise<Result> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.ref();
      worker.postMessage({ id, job }, transfer);
    });
  }

  private settle(reply: WorkerReply<Result, Progress>): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    if ('progress' in reply) {
      job.onProgress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.ok) job.resolve(reply.result);
    else job.reject(reply.error ? RelaisError.fromInfo(reply.error) : new Error(reply.message));
    if (this.pending.size === 0) this.worker?.unref();
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.modulePath);
    worker.on('message', (reply: WorkerReply<Result, Progress>) => this.settle(reply));
    // A worker that dies takes its jobs with it; the next job starts a new one.
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(new Error(`the worker ${this.modulePath} stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }
}

/**
 * The worker side: answers each `{ id, job }` message with `work(job)`'s result, transferring
 * `transferOf(result)`; `work` may report progress through its second argument.
 */
export function serveJobs<Job, Result, Progress = never>(
  port: MessagePort,
  work: (job: Job, progress: (progress: Progress) => void) => Promise<Result>,
  transferOf: (result: Result) => ArrayBuffer[] = () => [],
): void {
  port.on('message', ({ id, job }: { id: number; job: Job }) => {
    const progress = (value: Progress) => port.postMessage({ id, progress: value } satisfies WorkerReply<Result, Progress>);
    work(job, progress).then(
      (result) => port.postMessage({ id, ok: true, result } satisfies WorkerReply<Result, Progress>, transferOf(result)),
      (error: unknown) =>
        port.postMessage({
          id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
          ...(error instanceof RelaisError ? { error: error.toInfo() } : {}),
        } satisfies WorkerReply<Result, Progress>),
    );
  });
}
