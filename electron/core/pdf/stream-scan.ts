/**
 * A pass over every stream of a PDF before pdf.js reads it: each Flate stream is inflated as a
 * stream (a few kilobytes at a time, never whole in memory) to count what the file expands to
 * (a decompression bomb is a small file that expands to gigabytes) and to find active content
 * that compressed object streams would hide from a scan of the raw bytes.
 */
import { createInflate, constants } from 'node:zlib';

/**
 * Beyond this in one stream (pdf.js holds a stream whole while it decodes it), or four times this
 * in all the streams of the file, it is a decompression bomb. A page scanned at 600 dpi in colour
 * and compressed without loss expands to about 100 MB: it passes.
 */
export const MAX_EXPANDED_BYTES = 256 * 1024 * 1024;
const MAX_TOTAL_FACTOR = 4;

/** Names of actions that would run code or another program; Relais never runs them, but says so. */
const ACTIVE_CONTENT = /\/(?:JavaScript|JS|Launch|SubmitForm|ImportData|RichMedia)(?![A-Za-z0-9])/;
/** Enough of the previous chunk to find a name cut across two chunks. */
const OVERLAP = 16;

export interface StreamScan {
  expandedBytes: number;
  bomb: boolean;
  activeContent: boolean;
}

/** The offsets of each stream's data: after `stream` and its end of line, up to the next `endstream`. */
function* streamSlices(text: string): Generator<[number, number]> {
  const start = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(text))) {
    if (text.startsWith('end', match.index - 3)) continue;
    const from = match.index + match[0].length;
    const to = text.indexOf('endstream', from);
    if (to < 0) return;
    yield [from, to];
    start.lastIndex = to + 'endstream'.length;
  }
}

/** Inflates one stream, counting its bytes against the budget left; a stream that is not Flate counts nothing. */
function inflateCounting(data: Uint8Array, budget: number, onText: (chunk: string) => void): Promise<number> {
  return new Promise((resolve) => {
    let count = 0;
    let tail = '';
    // A stream cut short (a truncated file) still counts what it gave.
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    const settle = () => {
      inflate.removeAllListeners();
      inflate.destroy();
      resolve(count);
    };
    inflate.on('data', (chunk: Buffer) => {
      count += chunk.byteLength;
      const text = tail + chunk.toString('latin1');
      onText(text);
      tail = text.slice(-OVERLAP);
      if (count > budget) settle();
    });
    inflate.on('end', settle);
    inflate.on('error', settle);
    inflate.end(data);
  });
}

export async function scanStreams(bytes: Uint8Array, maxExpandedBytes = MAX_EXPANDED_BYTES): Promise<StreamScan> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const maxTotal = maxExpandedBytes * MAX_TOTAL_FACTOR;
  let activeContent = ACTIVE_CONTENT.test(text);
  let expandedBytes = 0;
  for (const [from, to] of streamSlices(text)) {
    const budget = Math.min(maxExpandedBytes, maxTotal - expandedBytes);
    const streamBytes = await inflateCounting(bytes.subarray(from, to), budget, (chunk) => {
      activeContent ||= ACTIVE_CONTENT.test(chunk);
    });
    expandedBytes += streamBytes;
    if (streamBytes > budget) return { expandedBytes, bomb: true, activeContent };
  }
  return { expandedBytes, bomb: false, activeContent };
}
