/** 'piece.attach': a checked file, already a registered blob, becomes a piece of the dossier. */
import { attachPiece as syncedAttachPiece } from '../../../shared/sync/mutations/pieces';
import { statementsFor } from '../db/statements';
import { dossierSeqOf } from '../dossiers/seq';
import { defineSyncedMutation } from '../mutations';

const statements = statementsFor((db) => ({
  insert: db.prepare<[string, number, string, string, number, string, string, string]>(
    `INSERT INTO attached_piece (id, dossier_seq, name, mime_type, size_bytes, sha256, attached_at, attached_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

export const attachPiece = defineSyncedMutation(syncedAttachPiece, {
  apply(ctx, piece) {
    const seq = dossierSeqOf(ctx.db, piece.dossierId);
    statements(ctx.db).insert.run(piece.id, seq, piece.name, piece.mimeType, piece.sizeBytes, piece.sha256, piece.attachedAt, ctx.actor.name);
    return { dossierId: piece.dossierId, before: null, after: { piece: piece.name, sha256: piece.sha256 }, result: undefined };
  },
});
