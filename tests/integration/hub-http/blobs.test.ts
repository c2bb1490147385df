/** Blob routes over real HTTP, on PostgreSQL and PGlite: HEAD, resumable PUT, ranged GET, refusals. */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { BLOB_HEADERS } from '../../../server/http/blobs';
import { BlobStatus, HubErrorBody, MAX_BLOB_BYTES, MAX_BLOB_CHUNK_BYTES, type EnrolResponse } from '../../../shared/sync/protocol';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';
import { call, enrolledDevice, listenHub, someUser, type TestHub } from './hub';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const octets = { 'content-type': 'application/octet-stream' };

describe.each(HUB_DATABASE_KINDS)('hub HTTP blobs on %s', (kind) => {
  let db: HubDatabase;
  let hub: TestHub;
  let device: EnrolResponse;

  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
    hub = await listenHub({ db });
    // An administrator reads any blob; who else may is tested in hub-security/routes.test.ts.
    device = await enrolledDevice(db, hub, someUser('administrateur', []));
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  const put = (hash: string, offset: number, size: number, body: Uint8Array) =>
    call(hub, 'PUT', `/v1/blobs/${hash}?offset=${offset}&size=${size}`, { token: device.token, body, headers: octets });

  it('receives a blob in chunks, resumes at the offset it holds, and serves it whole or from an offset', async () => {
    const bytes = randomBytes(100_000);
    const hash = sha(bytes);
    expect((await call(hub, 'HEAD', `/v1/blobs/${hash}`, { token: device.token })).status).toBe(404);

    expect(BlobStatus.parse((await put(hash, 0, bytes.length, bytes.subarray(0, 40_000))).body)).toEqual({ sha256: hash, size: 100_000, received: 40_000, complete: false });
    const head = await call(hub, 'HEAD', `/v1/blobs/${hash}`, { token: device.token });
    expect(head.status).toBe(200);
    expect([head.headers.get(BLOB_HEADERS.received), head.headers.get(BLOB_HEADERS.size), head.headers.get(BLOB_HEADERS.complete)]).toEqual(['40000', '100000', 'false']);

    // A desk that lost the answer and sends the first chunk again is told where to go on from.
    const again = await put(hash, 0, bytes.length, bytes.subarray(0, 40_000));
    expect(again.status).toBe(409);
    expect(HubErrorBody.parse(again.body)).toMatchObject({ error: 'blob_offset_mismatch', details: { received: 40_000 } });
    // Not complete: not readable.
    expect((await call(hub, 'GET', `/v1/blobs/${hash}`, { token: device.token })).status).toBe(404);

    expect((await put(hash, 40_000, bytes.length, bytes.subarray(40_000))).body).toMatchObject({ received: 100_000, complete: true });
    const whole = await fetch(`${hub.url}/v1/blobs/${hash}`, { headers: { authorization: `Bearer ${device.token}` } });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const tail = await fetch(`${hub.url}/v1/blobs/${hash}`, { headers: { authorization: `Bearer ${device.token}`, range: 'bytes=99000-' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe('bytes 99000-99999/100000');
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(99_000))).toBe(true);
  });

  it('drops bytes that do not match their hash (422) and holds nothing of them', async () => {
    const bytes = randomBytes(5_000);
    const claimed = sha(randomBytes(10));
    const answer = await put(claimed, 0, bytes.length, bytes);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: 'blob_hash_mismatch' });
    expect((await call(hub, 'HEAD', `/v1/blobs/${claimed}`, { token: device.token })).status).toBe(404);
  });

  it('refuses a chunk above the chunk limit (413), a blob above the blob limit, a bad address, a missing token', async () => {
    const big = randomBytes(MAX_BLOB_CHUNK_BYTES + 1);
    const tooLarge = await put(sha(big), 0, big.length, big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ error: 'body_too_large' });

    const huge = await put(sha(Buffer.from('x')), 0, MAX_BLOB_BYTES + 1, Buffer.from('x'));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: 'blob_too_large' });

    const badAddress = await call(hub, 'PUT', '/v1/blobs/not-a-hash?offset=0&size=1', { token: device.token, body: Buffer.from('x'), headers: octets });
    expect(badAddress.status).toBe(400);
    expect(badAddress.body).toMatchObject({ error: 'invalid_request' });

    const badOffset = await put(sha(Buffer.from('x')), -1, 1, Buffer.from('x'));
    expect(badOffset.status).toBe(400);

    const anonymous = await call(hub, 'PUT', `/v1/blobs/${sha(Buffer.from('x'))}?offset=0&size=1`, { body: Buffer.from('x'), headers: octets });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: 'token_missing' });
  });
});
