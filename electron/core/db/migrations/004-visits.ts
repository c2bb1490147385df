/**
 * Site visits: one row per visit report (its list fields as JSON, saved whole at each autosave)
 * and its photos, whose bytes and thumbnails are blobs.
 */
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE visit (
  id TEXT PRIMARY KEY,
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  visit_date TEXT,
  place TEXT NOT NULL DEFAULT '',
  participants TEXT NOT NULL DEFAULT '[]',   -- JSON: [{name, role}]
  checklist TEXT NOT NULL DEFAULT '{}',      -- JSON: {itemId: {status, remark}}
  observations TEXT NOT NULL DEFAULT '',
  conclusion TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX visit_by_dossier ON visit (dossier_seq, created_at);

CREATE TABLE visit_photo (
  id TEXT PRIMARY KEY,
  visit_id TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  mime_type TEXT NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png')),
  size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blob (sha256),
  thumbnail_sha256 TEXT NOT NULL REFERENCES blob (sha256),
  taken_at TEXT,
  gps_latitude REAL,
  gps_longitude REAL,
  gps_altitude REAL,
  imported_at TEXT NOT NULL,
  removed_at TEXT,                           -- taken out of the report; the journal keeps it
  UNIQUE (visit_id, position)
);
`;

export const visits004: Migration = {
  version: 4,
  name: 'visits',
  up(db) {
    db.exec(SCHEMA);
  },
};
