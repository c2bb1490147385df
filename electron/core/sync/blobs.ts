/**
 * Files move by content hash. Up: what the hub holds of each blob is asked first (HEAD), and only
 * the rest is sent, in chunks, from where it stopped. Down: the bytes are checked against their
 * hash before anything is stored, then registered as pieces' blobs are (their text indexed).
 */
import { RelaisError } from '../../../shared/errors';
import { MAX_BLOB_CHUNK_BYTES } from '../../../shared/sync/protocol';
import { registerBlob } from '../blobs/register';
import { sha256Of } from '../blobs/store';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { mutationCall, runMutations, type MutationCall } from '../mutations';
import { looksLikePdf, type PdfText } from '../pdf/extract-text';
import { PdfTextPool } from '../pdf/text-pool';
import { sniffPhotoType } from '../photos/content-type';
import { HubRequestError, type HubTransport } from './transport';

export interface BlobRef {
  sha256: string;
  sizeBytes: number;
}

/** Bytes that reached their side: `sent` false for those the hub already held (the bar counts them, the summary does not). */
export type BytesMoved = (bytes: number, sent: boolean) => void;

const registeredSize = statementsFor((db) => db.prepare<[string], number>('SELECT size_bytes FROM blob WHERE sha256 = ?').pluck());

/** The blobs of this desk the changes to push reference, with their size (one it does not hold is left to the hub to refuse). */
export function heldBlobs(ctx: CoreContext, sha256s: Iterable<string>): BlobRef[] {
  const refs: BlobRef[] = [];
  for (const sha256 of new Set(sha256s)) {
    const sizeBytes = registeredSize(ctx.db).get(sha256);
    if (sizeBytes !== undefined && ctx.blobs.has(sha256)) refs.push({ sha256, sizeBytes });
  }
  return refs;
}

/** Sends what the hub lacks of one blob, from the offset it reports; a mismatch of offsets (another upload ran) asks again. */
export async function uploadBlob(ctx: CoreContext, transport: HubTransport, ref: BlobRef, moved: BytesMoved): Promise<void> {
  let status = await transport.blobStatus(ref.sha256);
  let offset = status?.received ?? 0;
  moved(offset, false);
  if (status?.complete) return;
  const bytes = ctx.blobs.read(ref.sha256);
  while (!status?.complete) {
    const end = Math.min(bytes.byteLength, offset + MAX_BLOB_CHUNK_BYTES);
    try {
      status = await transport.putBlob(ref.sha256, offset, bytes.byteLength, bytes.subarray(offset, end));
    } catch (error) {
      if (!(error instanceof HubRequestError && error.code === 'blob_offset_mismatch')) throw error;
      status = await transport.blobStatus(ref.sha256);
    }
    const received = status?.received ?? 0;
    moved(Math.max(0, received - offset), true);
    offset = received;
  }
}

/** What the blob is, told by its bytes: a photo, a PDF (its text indexed), or anything else. */
async function registration(bytes: Uint8Array, sizeBytes: number, sha256: string, pool: () => PdfTextPool): Promise<MutationCall> {
  const photo = sniffPhotoType(bytes);
  const pdf = !photo && looksLikePdf(bytes);
  // The pool takes the buffer it is given: it gets a copy.
  const text: PdfText = pdf ? await pool().extract(Uint8Array.from(bytes)) : { status: 'not_pdf', pageCount: null, pages: [] };
  const mimeType = photo ?? (pdf ? 'application/pdf' : 'application/octet-stream');
  return mutationCall(registerBlob, { sha256, sizeBytes, mimeType, textStatus: text.status, pageCount: text.pageCount, pages: text.pages });
}

/** Downloads running at once: enough to keep the text workers busy while the next bytes arrive. */
const DOWNLOADS_AT_ONCE = 4;

/**
 * Downloads and registers the blobs this desk lacks, a few at a time. Bytes that do not match their
 * hash are dropped ('sync_blob_mismatch'; the next round fetches them again).
 */
export async function downloadBlobs(ctx: CoreContext, transport: HubTransport, refs: readonly BlobRef[], moved: BytesMoved): Promise<void> {
  const missing = refs.filter((ref) => registeredSize(ctx.db).get(ref.sha256) === undefined);
  if (missing.length === 0) return;
  let textPool: PdfTextPool | null = null;
  const pool = () => (textPool ??= new PdfTextPool());
  const calls: MutationCall[] = [];
  let next = 0;
  const lane = async () => {
    while (next < missing.length) {
      const index = next++;
      const ref = missing[index]!;
      const bytes = await transport.getBlob(ref.sha256);
      if (sha256Of(bytes) !== ref.sha256) throw new RelaisError('sync_blob_mismatch', { sha256: ref.sha256 });
      ctx.blobs.put(bytes);
      moved(bytes.byteLength, true);
      calls[index] = await registration(bytes, bytes.byteLength, ref.sha256, pool);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(DOWNLOADS_AT_ONCE, missing.length) }, lane));
    runMutations(ctx, calls);
  } finally {
    await (textPool as PdfTextPool | null)?.close();
  }
}
