/**
 * Pieces an instructor attached from outside DS. Kept apart from `piece`, which a re-import of
 * the dossier from DS replaces as a whole: an attached piece survives it.
 */
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE attached_piece (
  id TEXT PRIMARY KEY,
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blob (sha256),
  attached_at TEXT NOT NULL,
  attached_by TEXT NOT NULL
);
CREATE INDEX attached_piece_by_dossier ON attached_piece (dossier_seq, attached_at);
`;

export const attachedPieces010: Migration = {
  version: 10,
  name: 'attached-pieces',
  up(db) {
    db.exec(SCHEMA);
  },
};
