/** Worker thread entry: lays out one document per message (render.ts) and sends its PDF bytes back. */
import { parentPort } from 'node:worker_threads';
import type { DocumentBlock, DocumentMeta } from './blocks';
import { renderDocument } from './render';
import { serveJobs } from './worker-client';

export interface DocumentJob {
  meta: DocumentMeta;
  blocks: DocumentBlock[];
}

if (!parentPort) throw new Error('document-worker must run in a worker thread');
serveJobs<DocumentJob, Uint8Array>(parentPort, (job) => renderDocument(job.meta, job.blocks), (bytes) => [bytes.buffer as ArrayBuffer]);
