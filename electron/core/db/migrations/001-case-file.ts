/**
 * The first schema: dossiers with their list columns denormalised (the list sorts and filters
 * 20,000 rows without touching the full JSON), pieces and content-addressed blobs, full-text
 * indexes, preferences, and the journal / outbox every mutation writes.
 */
import type { Migration } from './migration';

/** Marks the file as a Relais case file ('RLAS'), so another application's SQLite file is refused. */
export const RELAIS_APPLICATION_ID = 0x524c4153;

/**
 * States sort in the order of the procedure, not alphabetically. The list's ORDER BY uses this
 * exact text, so that SQLite recognises the indexed expression.
 */
export const STATE_ORDER_SQL =
  "CASE state WHEN 'en_construction' THEN 0 WHEN 'en_instruction' THEN 1 WHEN 'accepte' THEN 2 WHEN 'refuse' THEN 3 ELSE 4 END";

// Diacritics-insensitive tokens; prefix indexes keep `"token"*` queries fast on short prefixes.
const FTS_OPTIONS = `tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'`;

const SCHEMA = `
CREATE TABLE dossier (
  seq INTEGER PRIMARY KEY,                -- stable integer key: the rowid of dossier_fts
  id TEXT NOT NULL UNIQUE,
  number INTEGER NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite')),
  demandeur_name TEXT NOT NULL,
  demandeur_sort TEXT NOT NULL,           -- lower case without accents: French order under BINARY
  siret TEXT NOT NULL,
  projet_title TEXT NOT NULL,
  projet_sort TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  territory_name TEXT NOT NULL,
  territory_sort TEXT NOT NULL,
  region_code TEXT NOT NULL,
  region_name TEXT NOT NULL,
  volet INTEGER NOT NULL CHECK (volet IN (1, 2, 3)),
  amount_requested_cents INTEGER NOT NULL,
  due_date TEXT,
  due_kind TEXT CHECK (due_kind IN ('admissibility', 'instruction')),
  received_at TEXT NOT NULL,
  ar_date TEXT,
  followed INTEGER NOT NULL DEFAULT 0 CHECK (followed IN (0, 1)),
  assigned_email TEXT,
  updated_at TEXT NOT NULL
);
-- One index per sort column, ending with the tiebreak, so a first page reads 50 index entries.
CREATE INDEX dossier_by_demandeur ON dossier (demandeur_sort, number);
CREATE INDEX dossier_by_projet ON dossier (projet_sort, number);
CREATE INDEX dossier_by_territory_name ON dossier (territory_sort, number);
CREATE INDEX dossier_by_amount ON dossier (amount_requested_cents, number);
CREATE INDEX dossier_by_state ON dossier (${STATE_ORDER_SQL}, number);
-- Dossiers without a deadline (decided) sort last both ways: one expression per direction.
CREATE INDEX dossier_by_due_asc ON dossier (coalesce(due_date, '9999-12-31'), number);
CREATE INDEX dossier_by_due_desc ON dossier (coalesce(due_date, '0000-01-01'), number);
CREATE INDEX dossier_by_territory ON dossier (territory_id, number);
CREATE INDEX dossier_by_region ON dossier (region_code, number);
CREATE INDEX dossier_followed ON dossier (number) WHERE followed = 1;
-- Every filter column in one narrow index: the counts per state scan it without reading rows.
CREATE INDEX dossier_filters ON dossier (state, region_code, territory_id, volet, followed, coalesce(due_date, '9999-12-31'));

-- The full DossierImport, apart so that list scans stay on narrow rows.
CREATE TABLE dossier_source (
  dossier_seq INTEGER PRIMARY KEY REFERENCES dossier (seq) ON DELETE CASCADE,
  json TEXT NOT NULL
);

CREATE TABLE dossier_label (
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  label TEXT NOT NULL,
  PRIMARY KEY (dossier_seq, label)
) WITHOUT ROWID;
CREATE INDEX dossier_label_by_label ON dossier_label (label, dossier_seq);

CREATE TABLE champ (
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  section TEXT NOT NULL,
  label TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (dossier_seq, position)
);

CREATE TABLE blob (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  mime_type TEXT NOT NULL,
  text_status TEXT NOT NULL CHECK (text_status IN ('indexed', 'unreadable', 'not_pdf')),
  page_count INTEGER
);

CREATE TABLE piece (
  id TEXT PRIMARY KEY,
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blob (sha256),
  UNIQUE (dossier_seq, position)
);
CREATE INDEX piece_by_blob ON piece (sha256, dossier_seq);

CREATE VIRTUAL TABLE dossier_fts USING fts5 (number, demandeur, projet, territory, champs, ${FTS_OPTIONS});
CREATE VIRTUAL TABLE blob_text_fts USING fts5 (sha256 UNINDEXED, page UNINDEXED, text, ${FTS_OPTIONS});

CREATE TABLE preference (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Append-only: each entry's hash covers the previous hash and the entry itself.
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY,
  mutation_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  dossier_id TEXT,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  at TEXT NOT NULL,
  args TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX journal_by_dossier ON journal (dossier_id, seq) WHERE dossier_id IS NOT NULL;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

-- The intents to replay on the hub, in client order (AUTOINCREMENT: a sequence is never reused).
CREATE TABLE outbox (
  client_seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'sent', 'applied', 'rejected', 'conflict'))
);
CREATE INDEX outbox_waiting ON outbox (client_seq) WHERE state = 'waiting';

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

export const caseFile001: Migration = {
  version: 1,
  name: 'case-file',
  up(db) {
    db.exec(SCHEMA);
    db.pragma(`application_id = ${RELAIS_APPLICATION_ID}`);
  },
};
