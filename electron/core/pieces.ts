/** 'pieces.content': a piece's bytes from the blob store, verified against their SHA-256. */
import { RelaisError } from '../../shared/errors';
import type { ResultOf } from '../../shared/contract';
import type { CoreContext } from './context';
import { statementsFor } from './db/statements';

const statements = statementsFor((db) => ({
  piece: db.prepare<[string], { name: string; mimeType: string; sha256: string }>(
    'SELECT name, mime_type AS mimeType, sha256 FROM piece WHERE id = ?',
  ),
}));

export function pieceContent(ctx: CoreContext, pieceId: string): ResultOf<'pieces.content'> {
  const piece = statements(ctx.db).piece.get(pieceId);
  if (!piece) throw new RelaisError('not_found', { what: `piece ${pieceId}` });
  const bytes = ctx.blobs.read(piece.sha256, piece.name);
  return { name: piece.name, mimeType: piece.mimeType, base64: bytes.toString('base64') };
}
