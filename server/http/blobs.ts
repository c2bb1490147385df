/**
 * Blob routes: HEAD says how much of a blob the hub holds (in headers: a HEAD answer has no body),
 * PUT writes raw bytes at an offset, GET reads from `Range: bytes=N-` on (a download resumes).
 * HEAD and PUT serve uploads, whose caller holds the bytes already; GET gives a blob only to a
 * caller who may see an event that references it, as pull lists it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Sha256 } from '../../shared/domain/dossier';
import { syncedMutationNamed } from '../../shared/sync/mutations';
import { MAX_BLOB_BYTES, MAX_BLOB_CHUNK_BYTES } from '../../shared/sync/protocol';
import { blobStatus, putBlobChunk, readBlob } from '../blobs/store';
import type { HubDatabase, Principal, Queryable } from '../db/database';
import { HubError } from '../errors';
import { dossierScopeSql } from '../sync/scope';
import { principalOf } from './auth';
import { parseOrReject } from './errors';

/** The BlobStatus of a HEAD answer, as the desk's transport reads it. */
export const BLOB_HEADERS = { received: 'x-blob-received', size: 'x-blob-size', complete: 'x-blob-complete' } as const;

const BlobParams = z.strictObject({ sha256: Sha256 });
const ChunkQuery = z.strictObject({
  offset: z.coerce.number().int().min(0),
  size: z.coerce.number().int().min(0),
});

/** The start of `Range: bytes=N-`, the only form a desk sends; any other form reads the whole blob. */
export function rangeStart(range: string | undefined): number {
  const match = /^bytes=(\d+)-$/.exec(range?.trim() ?? '');
  return match ? Number(match[1]) : 0;
}

/**
 * Whether some event of a dossier in the caller's scope names this blob among its effects (every
 * mutation that carries a file belongs to a dossier). Only that scope's events are searched;
 * the text search narrows the rows, the mutation's own effects decide.
 * Administrators see every dossier.
 */
export async function mayReadBlob(db: Queryable, { user }: Principal, sha256: string): Promise<boolean> {
  if (user.role === 'administrateur') return true;
  const scope = dossierScopeSql(user, 2);
  const { rows } = await db.query<{ name: string; args: unknown; dossier_id: string }>(
    // The dossiers in scope are gathered once (an InitPlan), so that the cheap test on dossier_id
    // comes before the costly text search of each event, whatever plan the database picks.
    `SELECT e.name, e.args, e.dossier_id FROM hub_event e
     WHERE e.dossier_id = ANY(ARRAY(SELECT d.id FROM hub_dossier d WHERE ${scope.sql}))
       AND e.audience_user IS NULL AND strpos(e.args::text, $1) > 0`,
    [sha256, ...scope.params],
  );
  return rows.some((row) => syncedMutationNamed(row.name)?.effects(row.args, row.dossier_id)?.blobs.includes(sha256));
}

export function registerBlobRoutes(scope: FastifyInstance, db: HubDatabase): void {
  scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_BLOB_CHUNK_BYTES }, (_request, body, done) => done(null, body));

  // Declared before GET, so that Fastify does not answer HEAD with a GET that reads the bytes.
  scope.head('/v1/blobs/:sha256', async (request, reply) => {
    const { sha256 } = parseOrReject(BlobParams, request.params, 'blob address');
    const status = await blobStatus(db, sha256);
    if (!status) throw new HubError('not_found', 404, 'The hub holds none of this blob.');
    return reply
      .header(BLOB_HEADERS.received, String(status.received))
      .header(BLOB_HEADERS.size, String(status.size))
      .header(BLOB_HEADERS.complete, String(status.complete))
      .send();
  });

  scope.put('/v1/blobs/:sha256', { bodyLimit: MAX_BLOB_CHUNK_BYTES }, async (request) => {
    const { sha256 } = parseOrReject(BlobParams, request.params, 'blob address');
    const { offset, size } = parseOrReject(ChunkQuery, request.query, 'blob chunk position');
    if (size > MAX_BLOB_BYTES) throw new HubError('blob_too_large', 413, `A blob may hold at most ${MAX_BLOB_BYTES} bytes.`);
    if (request.body !== undefined && !Buffer.isBuffer(request.body)) {
      throw new HubError('invalid_request', 415, 'Blob bytes are sent as application/octet-stream.');
    }
    return putBlobChunk(db, sha256, offset, size, request.body ?? Buffer.alloc(0));
  });

  scope.get('/v1/blobs/:sha256', async (request, reply) => {
    const { sha256 } = parseOrReject(BlobParams, request.params, 'blob address');
    // The same answer as for a blob the hub lacks: nothing tells what lies outside one's scope.
    if (!(await mayReadBlob(db, principalOf(request), sha256))) throw new HubError('not_found', 404, 'The hub holds no complete blob with this SHA-256.');
    const start = rangeStart(request.headers.range);
    const { size, bytes } = await readBlob(db, sha256, start);
    reply.header('content-type', 'application/octet-stream').header('accept-ranges', 'bytes');
    if (start > 0) reply.code(206).header('content-range', `bytes ${start}-${size - 1}/${size}`);
    return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}
