/** Worker thread entry: lays out one document per message (render.ts) and sends its PDF bytes back. */
import { parentPort } from 'node:worker_threads';
import type { DocumentBlock, DocumentMeta } from './blocks';
import { renderDocument } from './render';

export interface DocumentJob {
  id: number;
  meta: DocumentMeta;
  blocks: DocumentBlock[];
}

export type DocumentJobResult = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

if (!parentPort) throw new Error('document-worker must run in a worker thread');
const port = parentPort;
port.on('message', (job: DocumentJob) => {
  renderDocument(job.meta, job.blocks).then(
    (bytes) => port.postMessage({ id: job.id, ok: true, bytes } satisfies DocumentJobResult, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies DocumentJobResult),
  );
});
