/** The synced change of pieces: a document attached from outside DS (its bytes travel as a blob). */
import { syncedMutation } from '../effects';
import { AttachedPiece } from '../../domain/attached-piece';
import { dossierRef, entityKey } from './keys';

export const attachPiece = syncedMutation({
  name: 'piece.attach',
  args: AttachedPiece,
  effects: (piece) => ({ sets: [], inserts: [entityKey('piece', piece.id)], refs: [dossierRef(piece.dossierId)], blobs: [piece.sha256] }),
});
