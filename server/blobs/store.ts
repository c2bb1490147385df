/**
 * Blobs on the hub, in the database (hub processes keep no files): received in chunks at the
 * offset the hub has reached (an interrupted upload resumes there), verified against their
 * SHA-256 once complete. Only complete blobs are read or may be referenced by a mutation.
 */
import { createHash } from 'node:crypto';
import { MAX_BLOB_BYTES, MAX_BLOB_CHUNK_BYTES, type BlobStatus } from '../../shared/sync/protocol';
import type { HubDatabase, Queryable } from '../db/database';
import { HubError } from '../errors';

interface BlobRow {
  sha256: string;
  size: number;
  received: number;
  complete: boolean;
}

const statusOf = (row: BlobRow): BlobStatus => ({ sha256: row.sha256, size: row.size, received: row.received, complete: row.complete });

/** null when the hub holds none of its bytes. */
export async function blobStatus(db: Queryable, sha256: string): Promise<BlobStatus | null> {
  const { rows } = await db.query<BlobRow>('SELECT sha256, size, received, complete FROM hub_blob WHERE sha256 = $1', [sha256]);
  return rows[0] ? statusOf(rows[0]) : null;
}

/** Hashes the stored parts one at a time: a 200 MB blob is never held whole in memory. */
async function hashOfParts(tx: Queryable, sha256: string): Promise<string> {
  const hash = createHash('sha256');
  let offset = 0;
  for (;;) {
    const { rows } = await tx.query<{ bytes: Uint8Array }>('SELECT bytes FROM hub_blob_part WHERE sha256 = $1 AND "offset" = $2', [sha256, offset]);
    if (!rows[0]) return hash.digest('hex');
    hash.update(rows[0].bytes);
    offset += rows[0].bytes.length;
  }
}

/**
 * Writes `bytes` at `offset` of the blob `sha256` of `size` bytes. The offset must be what the hub
 * holds (409 blob_offset_mismatch, with the received count, otherwise); the last chunk triggers
 * the hash check, and bytes that do not match are dropped (422 blob_hash_mismatch).
 */
export async function putBlobChunk(db: HubDatabase, sha256: string, offset: number, size: number, bytes: Uint8Array): Promise<BlobStatus> {
  if (size > MAX_BLOB_BYTES) throw new HubError('blob_too_large', 413, `A blob may hold at most ${MAX_BLOB_BYTES} bytes.`);
  if (offset + bytes.length > size) throw new HubError('invalid_request', 400, 'The chunk goes beyond the size of the blob.');
  const outcome = await db.transaction(async (tx) => {
    await tx.query('INSERT INTO hub_blob (sha256, size, received) VALUES ($1, $2, 0) ON CONFLICT (sha256) DO NOTHING', [sha256, size]);
    const { rows } = await tx.query<BlobRow>('SELECT sha256, size, received, complete FROM hub_blob WHERE sha256 = $1 FOR UPDATE', [sha256]);
    const blob = rows[0]!;
    if (blob.complete) return { status: statusOf(blob) };
    if (blob.size !== size) {
      if (blob.received > 0) throw new HubError('invalid_request', 400, `This blob was announced with ${blob.size} bytes.`);
      await tx.query('UPDATE hub_blob SET size = $2 WHERE sha256 = $1', [sha256, size]);
    }
    if (offset !== blob.received) {
      throw new HubError('blob_offset_mismatch', 409, `The hub holds ${blob.received} bytes of this blob: send from there.`, { received: blob.received });
    }
    if (bytes.length > 0) await tx.query('INSERT INTO hub_blob_part (sha256, "offset", bytes) VALUES ($1, $2, $3)', [sha256, offset, bytes]);
    const received = offset + bytes.length;
    const complete = received === size;
    if (complete && (await hashOfParts(tx, sha256)) !== sha256) {
      await tx.query('DELETE FROM hub_blob WHERE sha256 = $1', [sha256]);
      return { mismatch: true as const };
    }
    await tx.query('UPDATE hub_blob SET received = $2, complete = $3 WHERE sha256 = $1', [sha256, received, complete]);
    return { status: { sha256, size, received, complete } };
  });
  // Thrown after the commit, so that the bad bytes are dropped for good.
  if ('mismatch' in outcome) throw new HubError('blob_hash_mismatch', 422, 'The bytes received do not match the SHA-256 they were sent under: they were dropped.');
  return outcome.status;
}

/** The bytes of a complete blob from `start` to its end, and its whole size. */
export async function readBlob(db: Queryable, sha256: string, start = 0): Promise<{ size: number; bytes: Uint8Array }> {
  const status = await blobStatus(db, sha256);
  if (!status?.complete) throw new HubError('not_found', 404, 'The hub holds no complete blob with this SHA-256.');
  if (start > status.size) throw new HubError('invalid_request', 400, `The blob holds ${status.size} bytes.`);
  const { rows } = await db.query<{ offset: number; bytes: Uint8Array }>(
    'SELECT "offset", bytes FROM hub_blob_part WHERE sha256 = $1 AND "offset" + length(bytes) > $2 ORDER BY "offset"',
    [sha256, start],
  );
  const parts = rows.map((row, i) => (i === 0 ? row.bytes.subarray(start - row.offset) : row.bytes));
  return { size: status.size, bytes: Buffer.concat(parts) };
}

/** Stores a whole file the hub has in hand (its own seed or import), in chunks; nothing is sent twice. */
export async function storeWholeBlob(db: HubDatabase, bytes: Uint8Array): Promise<BlobStatus> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let status = (await blobStatus(db, sha256)) ?? { sha256, size: bytes.length, received: 0, complete: false };
  while (!status.complete) {
    const end = Math.min(status.received + MAX_BLOB_CHUNK_BYTES, bytes.length);
    status = await putBlobChunk(db, sha256, status.received, bytes.length, bytes.subarray(status.received, end));
  }
  return status;
}
