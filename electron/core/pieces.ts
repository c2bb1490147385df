/**
 * 'pieces.content': a piece's bytes from the blob store, verified against their SHA-256; and the
 * pieces an instructor attached from outside DS, as the dossier page lists them.
 */
import { RelaisError } from '../../shared/errors';
import type { PieceView, ResultOf } from '../../shared/contract';
import type { CoreContext } from './context';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { statementsFor } from './db/statements';

type AttachedRow = Omit<PieceView, 'attached'> & { attachedAt: string; attachedBy: string };

const ATTACHED_COLUMNS = `a.id, a.name, 'autre' AS kind, a.mime_type AS mimeType, a.size_bytes AS sizeBytes, a.sha256,
  b.text_status AS textStatus, b.page_count AS pageCount, a.attached_at AS attachedAt, a.attached_by AS attachedBy
  FROM attached_piece a JOIN blob b ON b.sha256 = a.sha256`;

const statements = statementsFor((db) => ({
  piece: db.prepare<[string, string], { name: string; mimeType: string; sha256: string }>(
    `SELECT name, mime_type AS mimeType, sha256 FROM piece WHERE id = ?
     UNION ALL SELECT name, mime_type AS mimeType, sha256 FROM attached_piece WHERE id = ?`,
  ),
  attached: db.prepare<[string], AttachedRow>(`SELECT ${ATTACHED_COLUMNS} WHERE a.id = ?`),
  attachedOf: db.prepare<[number], AttachedRow>(`SELECT ${ATTACHED_COLUMNS} WHERE a.dossier_seq = ? ORDER BY a.attached_at, a.id`),
}));

export function pieceContent(ctx: CoreContext, pieceId: string): ResultOf<'pieces.content'> {
  const piece = statements(ctx.db).piece.get(pieceId, pieceId);
  if (!piece) throw new RelaisError('not_found', { what: `piece ${pieceId}` });
  const bytes = ctx.blobs.read(piece.sha256, piece.name);
  return { name: piece.name, mimeType: piece.mimeType, base64: bytes.toString('base64') };
}

function view({ attachedAt, attachedBy, ...piece }: AttachedRow): PieceView {
  return { ...piece, attached: { at: attachedAt, by: attachedBy } };
}

export function attachedPieceView(ctx: CoreContext, pieceId: string): PieceView {
  const row = statements(ctx.db).attached.get(pieceId);
  if (!row) throw new RelaisError('not_found', { what: `piece ${pieceId}` });
  return view(row);
}

/** A dossier's attached pieces, oldest first (they follow the pieces from DS). */
export function attachedPiecesOf(db: Database, dossierSeq: number): PieceView[] {
  return statements(db).attachedOf.all(dossierSeq).map(view);
}
