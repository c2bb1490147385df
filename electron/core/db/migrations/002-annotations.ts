/**
 * Annotations: one row per annotation (what it is attached to) and one per version (its text,
 * region and removal), both insert-only, a full-text index over the current texts; and the one
 * store of drafts, the text any editor holds until its act is saved (annotations came first).
 */
import type { Migration } from './migration';

// The tokenizer of migration 001's indexes, so that one search query matches all of them alike.
const FTS_OPTIONS = `tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'`;

const SCHEMA = `
CREATE TABLE annotation (
  seq INTEGER PRIMARY KEY,                -- the rowid of annotation_fts
  id TEXT NOT NULL UNIQUE,
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('note', 'field', 'region')),
  field_position INTEGER CHECK ((kind = 'field') = (field_position IS NOT NULL)),
  -- No foreign key: a re-imported dossier's pieces are rewritten, its annotations stay.
  piece_id TEXT CHECK ((kind = 'region') = (piece_id IS NOT NULL)),
  page INTEGER CHECK ((kind = 'region') = (page IS NOT NULL AND page >= 1))
);
CREATE INDEX annotation_by_dossier ON annotation (dossier_seq, seq);

CREATE TABLE annotation_version (
  annotation_seq INTEGER NOT NULL REFERENCES annotation (seq) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  text TEXT NOT NULL,
  rect TEXT,                              -- JSON {x, y, width, height} in fractions of the page
  removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  PRIMARY KEY (annotation_seq, version)
) WITHOUT ROWID;
CREATE TRIGGER annotation_no_update BEFORE UPDATE ON annotation BEGIN SELECT RAISE(ABORT, 'annotations are insert-only'); END;
CREATE TRIGGER annotation_version_no_update BEFORE UPDATE ON annotation_version BEGIN SELECT RAISE(ABORT, 'annotation versions are insert-only'); END;

-- The current text of each annotation not removed; rowid = annotation.seq.
CREATE VIRTUAL TABLE annotation_fts USING fts5 (text, ${FTS_OPTIONS});

CREATE TABLE draft (
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  key TEXT NOT NULL,                      -- '<area>:…', e.g. 'annotation:note:new', 'evaluation:<criterion>'
  text TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (dossier_seq, key)
) WITHOUT ROWID;
`;

export const annotations002: Migration = {
  version: 2,
  name: 'annotations',
  up(db) {
    db.exec(SCHEMA);
  },
};
