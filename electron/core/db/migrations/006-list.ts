/**
 * The list's own columns and tables: the legal checks' verdicts on each dossier, and the bulk
 * actions' batches, so that a batch can be undone as a whole while the hub has not seen it.
 */
import type { Migration } from './migration';
import { checkColumn, storeDossierChecks } from '../../dossiers/check-columns';
import { CHECK_IDS } from '../../../../shared/domain/checks';
import { parisDate } from '../../../../shared/domain/dates';
import type { DossierImport } from '../../../../shared/domain/dossier';
import { computeChecks } from '../../../../shared/rules/checks';

// One column per legal check on the dossier row (electron/core/dossiers/check-columns.ts): the
// counts per state then scan one narrow index, whatever check the list filters on.
const CHECK_COLUMNS = CHECK_IDS.map((id) => `ALTER TABLE dossier ADD COLUMN ${checkColumn(id)} TEXT NOT NULL DEFAULT 'to_check';`).join('\n');

// Made once the columns are filled: one pass instead of an index update per dossier.
const CHECKS_INDEX = `CREATE INDEX dossier_checks ON dossier (state, ${CHECK_IDS.map(checkColumn).join(', ')});`;

const SCHEMA = `
${CHECK_COLUMNS}

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
    db.exec(CHECKS_INDEX);
  },
};
