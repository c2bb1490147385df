/**
 * Text extraction off the main thread: a small pool of worker threads, one PDF at a time each.
 * Whatever a file does (damaged, hostile, endless), its job settles with a result: a worker that
 * crashes, runs past the timeout or past its heap limit is replaced and that file is reported 'unreadable'.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { UNREADABLE, type PdfText } from './extract-text';
import type { TextJob } from './pdf-text-worker';
import { startWorker } from './start-worker';

export interface PdfTextPoolOptions {
  /** 1 or 2 workers; by default 2 when the machine has more than 2 cores. */
  size?: number;
  /** Per file; the worker is replaced when exceeded. */
  timeoutMs?: number;
  /** The worker module; by default the one beside this module (sources) or in the bundle folder. */
  workerPath?: string;
}

/**
 * Beside this file under tsx/vitest (pdf-text-worker.ts); in the Electron bundle this code lives
 * in out/main/index.js and the worker is built as the sibling entry out/main/pdf-text-worker.js.
 */
export function defaultWorkerPath(): string {
  return path.join(__dirname, `pdf-text-worker${path.extname(__filename)}`);
}

/** A file that needs more heap than this is 'unreadable' (the worker dies and is replaced), the desk stays up. */
const POOL_WORKER_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 };

interface Pending {
  job: TextJob;
  resolve: (text: PdfText) => void;
}

class Slot {
  private worker: Worker | null = null;
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly workerPath: string,
    private readonly timeoutMs: number,
    private readonly onIdle: (slot: Slot) => void,
  ) {}

  get busy(): boolean {
    return this.current !== null;
  }

  run(pending: Pending): void {
    this.current = pending;
    const worker = this.ensureWorker();
    this.timer = setTimeout(() => this.finish(UNREADABLE, true), this.timeoutMs);
    const bytes = pending.job.bytes;
    worker.postMessage(pending.job, [bytes.buffer as ArrayBuffer]);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.finish(UNREADABLE, false);
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.workerPath, { resourceLimits: POOL_WORKER_LIMITS });
    worker.on('message', (message: { id: number; result: PdfText }) => {
      if (this.current?.job.id === message.id) this.finish(message.result, false);
    });
    // Events of a worker already replaced concern no current job.
    worker.on('error', () => {
      if (this.worker === worker) this.finish(UNREADABLE, true);
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.finish(UNREADABLE, false);
    });
    this.worker = worker;
    return worker;
  }

  private finish(text: PdfText, replaceWorker: boolean): void {
    const pending = this.current;
    if (!pending) return;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (replaceWorker && this.worker) {
      void this.worker.terminate();
      this.worker = null;
    }
    pending.resolve(text);
    this.onIdle(this);
  }
}

export class PdfTextPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PdfTextPoolOptions = {}) {
    const size = Math.min(2, Math.max(1, options.size ?? (availableParallelism() > 2 ? 2 : 1)));
    const workerPath = options.workerPath ?? defaultWorkerPath();
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.slots = Array.from({ length: size }, () => new Slot(workerPath, timeoutMs, (slot) => this.feed(slot)));
  }

  /** The text of a PDF; the bytes are copied, so the caller's buffer stays usable. */
  extract(bytes: Uint8Array): Promise<PdfText> {
    if (this.closed) return Promise.reject(new Error('PdfTextPool is closed'));
    const job: TextJob = { id: this.nextId++, bytes: Uint8Array.from(bytes) };
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      const idle = this.slots.find((slot) => !slot.busy);
      if (idle) this.feed(idle);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(UNREADABLE);
    await Promise.all(this.slots.map((slot) => slot.close()));
  }

  private feed(slot: Slot): void {
    const next = this.queue.shift();
    if (next) slot.run(next);
  }
}
