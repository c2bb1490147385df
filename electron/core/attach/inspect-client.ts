/**
 * Inspects one PDF in a worker thread of its own, under a time limit and V8 heap limits
 * (`resourceLimits`): a worker past either is terminated, and the file is 'over_limits'. The
 * main thread only waits; whatever the file does, the answer comes within the time limit.
 */
import type { ResourceLimits } from 'node:worker_threads';
import type { PdfInspection } from '../pdf/inspect';
import type { TextJob } from '../pdf/pdf-text-worker';
import { startWorker } from '../pdf/start-worker';
import { defaultWorkerPath } from '../pdf/text-pool';

export interface InspectLimits {
  /** The whole inspection, worker start included. */
  timeoutMs: number;
  /** Given to text extraction (within timeoutMs); pages past it are not indexed. */
  textBudgetMs: number;
  resourceLimits: ResourceLimits;
  workerPath?: string;
}

/** Well within the 10 seconds a person waits for an answer, on a slow shared machine. */
export const DEFAULT_INSPECT_LIMITS: InspectLimits = {
  timeoutMs: 8_000,
  textBudgetMs: 3_000,
  resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
};

export type InspectAnswer = PdfInspection | { verdict: 'over_limits' };

export function inspectPdfInWorker(bytes: Uint8Array, limits: InspectLimits = DEFAULT_INSPECT_LIMITS): Promise<InspectAnswer> {
  const worker = startWorker(limits.workerPath ?? defaultWorkerPath(), { resourceLimits: limits.resourceLimits });
  return new Promise<InspectAnswer>((resolve) => {
    let settled = false;
    const settle = (answer: InspectAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ verdict: 'over_limits' }), limits.timeoutMs);
    worker.on('message', (message: { result: PdfInspection }) => settle(message.result));
    // ERR_WORKER_OUT_OF_MEMORY and any crash of the worker alike.
    worker.on('error', () => settle({ verdict: 'over_limits' }));
    worker.on('exit', () => settle({ verdict: 'over_limits' }));
    const job: TextJob = { id: 1, bytes: Uint8Array.from(bytes), inspect: { textBudgetMs: limits.textBudgetMs } };
    worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
  });
}
