/** Worker thread entry: extracts the text of one PDF per message, one at a time. */
import { parentPort } from 'node:worker_threads';
import { extractPdfText } from './extract-text';

export interface TextJob {
  id: number;
  bytes: Uint8Array;
}

if (!parentPort) throw new Error('pdf-text-worker must run in a worker thread');
const port = parentPort;
port.on('message', (job: TextJob) => {
  void extractPdfText(job.bytes).then((result) => port.postMessage({ id: job.id, result }));
});
