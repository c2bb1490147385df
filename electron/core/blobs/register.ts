/**
 * 'blob.register': records a stored blob and the text of its pages for full-text search.
 * The bytes must already be in the blob store; registering the same blob again changes nothing.
 */
import { z } from 'zod';
import { Sha256 } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import { statementsFor } from '../db/statements';
import { defineMutation } from '../mutations';

export const TEXT_STATUSES = ['indexed', 'unreadable', 'not_pdf'] as const;

export const RegisterBlobArgs = z.object({
  sha256: Sha256,
  sizeBytes: z.number().int().min(0),
  mimeType: z.string().min(1).max(100),
  textStatus: z.enum(TEXT_STATUSES),
  pageCount: z.number().int().min(0).nullable(),
  /** The text of each page, page 1 first. */
  pages: z.array(z.string()),
});
export type RegisterBlobArgs = z.infer<typeof RegisterBlobArgs>;

interface BlobRow {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  textStatus: string;
  pageCount: number | null;
}

const statements = statementsFor((db) => ({
  find: db.prepare<[string], BlobRow>(
    'SELECT sha256, size_bytes AS sizeBytes, mime_type AS mimeType, text_status AS textStatus, page_count AS pageCount FROM blob WHERE sha256 = ?',
  ),
  insertBlob: db.prepare<[string, number, string, string, number | null]>(
    'INSERT INTO blob (sha256, size_bytes, mime_type, text_status, page_count) VALUES (?, ?, ?, ?, ?)',
  ),
  insertPage: db.prepare<[string, number, string]>('INSERT INTO blob_text_fts (sha256, page, text) VALUES (?, ?, ?)'),
}));

export const registerBlob = defineMutation<RegisterBlobArgs, void>({
  name: 'blob.register',
  args: RegisterBlobArgs,
  // Blobs arrive with dossiers from the hub (or the demo): nothing to send back.
  outbox: false,
  apply(ctx, args) {
    if (!ctx.blobs.has(args.sha256)) throw new RelaisError('not_found', { what: `blob ${args.sha256}` });
    const sql = statements(ctx.db);
    const existing = sql.find.get(args.sha256) ?? null;
    const row: BlobRow = {
      sha256: args.sha256,
      sizeBytes: args.sizeBytes,
      mimeType: args.mimeType,
      textStatus: args.textStatus,
      pageCount: args.pageCount,
    };
    if (!existing) {
      sql.insertBlob.run(row.sha256, row.sizeBytes, row.mimeType, row.textStatus, row.pageCount);
      args.pages.forEach((text, index) => {
        if (text) sql.insertPage.run(args.sha256, index + 1, text);
      });
    }
    return { dossierId: null, before: existing, after: existing ?? row, result: undefined };
  },
  // The page text is in the search index already; the journal keeps what identifies the blob.
  journalArgs: ({ pages, ...rest }) => ({ ...rest, pagesWithText: pages.filter(Boolean).length }),
});
