/**
 * Blobs on the hub, on PostgreSQL and PGlite: chunks at the offset reached, an interrupted upload
 * resumed there, bytes that do not match their hash dropped, reads from any offset.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES } from '../../../shared/sync/protocol';
import { blobStatus, putBlobChunk, readBlob } from '../../../server/blobs/store';
import type { HubDatabase } from '../../../server/db/database';
import { HubError } from '../../../server/errors';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function hubErrorOf(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

describe.each(HUB_DATABASE_KINDS)('blob store on %s', (kind) => {
  let db: HubDatabase;
  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
  });
  afterAll(() => db.close());

  it('stores a blob in chunks, resumes at the offset reached, and reads it back from any offset', async () => {
    const bytes = randomBytes(100_000);
    const hash = sha(bytes);
    expect(await blobStatus(db, hash)).toBeNull();
    expect(await putBlobChunk(db, hash, 0, bytes.length, bytes.subarray(0, 40_000))).toEqual({ sha256: hash, size: 100_000, received: 40_000, complete: false });
    // The desk lost the answer and sends the same chunk again: told where to go on from.
    const again = await hubErrorOf(putBlobChunk(db, hash, 0, bytes.length, bytes.subarray(0, 40_000)));
    expect([again.code, again.status, again.details]).toEqual(['blob_offset_mismatch', 409, { received: 40_000 }]);
    const ahead = await hubErrorOf(putBlobChunk(db, hash, 60_000, bytes.length, bytes.subarray(60_000)));
    expect(ahead.details).toEqual({ received: 40_000 });
    // An incomplete blob is not readable.
    expect((await hubErrorOf(readBlob(db, hash))).code).toBe('not_found');

    const status = await blobStatus(db, hash);
    expect(await putBlobChunk(db, hash, status!.received, bytes.length, bytes.subarray(status!.received))).toEqual({ sha256: hash, size: 100_000, received: 100_000, complete: true });
    expect(Buffer.from((await readBlob(db, hash)).bytes).equals(bytes)).toBe(true);
    const tail = await readBlob(db, hash, 55_555);
    expect(tail.size).toBe(100_000);
    expect(Buffer.from(tail.bytes).equals(bytes.subarray(55_555))).toBe(true);
    expect((await readBlob(db, hash, 100_000)).bytes.length).toBe(0);
    // Sending a complete blob again changes nothing.
    expect((await putBlobChunk(db, hash, 0, bytes.length, bytes)).complete).toBe(true);
  });

  it('drops bytes that do not match their hash, and takes the right ones afterwards', async () => {
    const right = randomBytes(5_000);
    const hash = sha(right);
    const wrong = Buffer.from(right);
    wrong[4_999] ^= 0xff;
    await putBlobChunk(db, hash, 0, 5_000, wrong.subarray(0, 2_000));
    const error = await hubErrorOf(putBlobChunk(db, hash, 2_000, 5_000, wrong.subarray(2_000)));
    expect([error.code, error.status]).toEqual(['blob_hash_mismatch', 422]);
    expect(await blobStatus(db, hash)).toBeNull();
    expect((await putBlobChunk(db, hash, 0, 5_000, right)).complete).toBe(true);
  });

  it('stores an empty file, and refuses chunks beyond the size or blobs above the limit', async () => {
    const empty = new Uint8Array(0);
    expect((await putBlobChunk(db, sha(empty), 0, 0, empty)).complete).toBe(true);
    expect((await readBlob(db, sha(empty))).bytes.length).toBe(0);
    const bytes = randomBytes(10);
    expect((await hubErrorOf(putBlobChunk(db, sha(bytes), 5, 10, bytes))).code).toBe('invalid_request');
    expect((await hubErrorOf(putBlobChunk(db, sha(bytes), 0, MAX_BLOB_BYTES + 1, bytes))).status).toBe(413);
    expect((await hubErrorOf(readBlob(db, sha(bytes)))).status).toBe(404);
  });
});
