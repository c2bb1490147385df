/**
 * The list's own tables: the legal checks' verdicts as filterable rows, and the bulk actions'
 * batches, so that a batch can be undone as a whole while the hub has not seen it.
 */
import type { Migration } from './migration';
import { storeDossierChecks } from '../../dossiers/check-columns';
import { parisDate } from '../../../../shared/domain/dates';
import type { DossierImport } from '../../../../shared/domain/dossier';
import { computeChecks } from '../../../../shared/rules/checks';

const SCHEMA = `
-- One row per dossier and legal check. A check that counts down to a deadline is stored as
-- 'running' with its due date and the first day of its warning: the list derives ok, warning or
-- failed from today's date, so nothing has to be rewritten when the day changes.
CREATE TABLE dossier_check (
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  check_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'warning', 'failed', 'to_check', 'running')),
  due TEXT,
  warn_on TEXT,
  CHECK ((status = 'running') = (due IS NOT NULL AND warn_on IS NOT NULL)),
  PRIMARY KEY (dossier_seq, check_id)
) WITHOUT ROWID;
CREATE INDEX dossier_check_by_check ON dossier_check (check_id, status, due, warn_on, dossier_seq);
CREATE INDEX dossier_check_by_status ON dossier_check (status, due, warn_on, dossier_seq);

-- "Assigned to me": Mes échéances reads a handful of dossiers by their instructor.
CREATE INDEX dossier_by_assigned ON dossier (assigned_email) WHERE assigned_email IS NOT NULL;

-- A bulk action: one mutation per dossier, all carrying the batch id. An undo is a batch too.
CREATE TABLE bulk_batch (
  id TEXT PRIMARY KEY,
  action TEXT NOT NULL,
  params TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  undoes TEXT UNIQUE REFERENCES bulk_batch (id)
);

-- What the batch did to each dossier: its mutation, or why it was skipped.
CREATE TABLE bulk_item (
  batch_id TEXT NOT NULL REFERENCES bulk_batch (id),
  position INTEGER NOT NULL,
  dossier_id TEXT NOT NULL,
  mutation_id TEXT UNIQUE,
  skipped TEXT,
  CHECK ((mutation_id IS NULL) <> (skipped IS NULL)),
  PRIMARY KEY (batch_id, position)
) WITHOUT ROWID;
`;

export const list006: Migration = {
  version: 6,
  name: 'list',
  up(db) {
    db.exec(SCHEMA);
    // By pages: the connection cannot write while it iterates, and 20,000 sources are large.
    // No instruction facts exist before this version: the dossier alone gives its checks.
    const today = parisDate(new Date());
    const page = db.prepare<[number], { seq: number; json: string }>(
      'SELECT dossier_seq AS seq, json FROM dossier_source WHERE dossier_seq > ? ORDER BY dossier_seq LIMIT 500',
    );
    for (let rows = page.all(0); rows.length > 0; rows = page.all(rows[rows.length - 1]!.seq)) {
      for (const { seq, json } of rows) storeDossierChecks(db, seq, computeChecks(JSON.parse(json) as DossierImport, today));
    }
  },
};
