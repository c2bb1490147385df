/**
 * The evaluation grid: one row per dossier and criterion the instructor has assessed (a criterion
 * without a row is still to check). Comments being typed are kept in the `draft` table (002).
 */
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE evaluation_criterion (
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  criterion_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('met', 'not_met', 'to_check')),
  comment TEXT NOT NULL,
  evidence TEXT NOT NULL CHECK (json_valid(evidence) AND json_type(evidence) = 'array'),
  -- The programme version the last change was made under: the grid may change between versions.
  programme_version TEXT NOT NULL,
  -- Raised on each change: a save from a screen that started from an older version is refused.
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (dossier_seq, criterion_id)
) WITHOUT ROWID;
`;

export const evaluation003: Migration = {
  version: 3,
  name: 'evaluation',
  up(db) {
    db.exec(SCHEMA);
  },
};
