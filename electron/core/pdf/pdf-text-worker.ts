/**
 * Worker thread entry: one PDF per message, one at a time: its text (the pool of text-pool.ts),
 * or its inspection before it is attached (a worker of its own, under limits: attach/inspect-client.ts).
 */
import { parentPort } from 'node:worker_threads';
import { extractPdfText } from './extract-text';
import { inspectPdf, type InspectOptions } from './inspect';

export interface TextJob {
  id: number;
  bytes: Uint8Array;
  /** Present: inspect the PDF rather than extract its text. */
  inspect?: InspectOptions;
}

if (!parentPort) throw new Error('pdf-text-worker must run in a worker thread');
const port = parentPort;
port.on('message', (job: TextJob) => {
  const work = job.inspect ? inspectPdf(job.bytes, job.inspect) : extractPdfText(job.bytes);
  void work.then((result) => port.postMessage({ id: job.id, result }));
});
