import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../electron/core/db/migrate';
import { RELAIS_APPLICATION_ID, STATE_ORDER_SQL } from '../../electron/core/db/migrations/001-case-file';
import { insertDossierRow, useMigratedCaseFile } from './fixtures/migrated-case-file';

const file = useMigratedCaseFile(1);

function names(type: 'table' | 'index' | 'trigger'): string[] {
  return file.db.prepare('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').pluck().all(type) as string[];
}

describe('migration 001: the case file', () => {
  it('sets user_version 1 and marks the file as a Relais case file', () => {
    expect(schemaVersion(file.db)).toBe(1);
    expect(file.db.pragma('application_id', { simple: true })).toBe(RELAIS_APPLICATION_ID);
  });

  it('creates the tables of the brief and the two full-text indexes', () => {
    const tables = names('table');
    for (const table of ['dossier', 'dossier_source', 'dossier_label', 'champ', 'piece', 'blob', 'preference', 'journal', 'outbox', 'sync_state', 'dossier_fts', 'blob_text_fts']) {
      expect(tables).toContain(table);
    }
  });

  it('indexes every sort column with the number as tiebreak', () => {
    const sortIndexes = file.db
      .prepare(`SELECT il.name FROM sqlite_schema s, pragma_index_list(s.name) il WHERE s.name = 'dossier'`)
      .pluck()
      .all() as string[];
    for (const index of ['dossier_by_demandeur', 'dossier_by_projet', 'dossier_by_territory_name', 'dossier_by_amount', 'dossier_by_state', 'dossier_by_due_asc', 'dossier_by_due_desc']) {
      expect(sortIndexes).toContain(index);
      const columns = file.db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).pluck().all(index) as string[];
      expect(columns.at(-1)).toBe('number');
    }
  });

  it('plans the first page sorted by any column on its index, without a sort step', () => {
    const sortExpressions = ['demandeur_sort', 'projet_sort', 'territory_sort', 'amount_requested_cents', STATE_ORDER_SQL, "coalesce(due_date, '9999-12-31')", "coalesce(due_date, '0000-01-01') DESC"];
    for (const column of sortExpressions) {
      const plan = file.db
        .prepare(`EXPLAIN QUERY PLAN SELECT seq FROM dossier ORDER BY ${column}, number${column.endsWith('DESC') ? ' DESC' : ''} LIMIT 50`)
        .all() as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('folds accents in both full-text indexes', () => {
    file.db.prepare(`INSERT INTO dossier_fts (rowid, number, demandeur, projet, territory, champs) VALUES (1, '1', 'Fonderie Évrard', 'Chaudière', 'Vallée', '')`).run();
    file.db.prepare(`INSERT INTO blob_text_fts (sha256, page, text) VALUES ('x', 1, 'Extrait Kbis : société à responsabilité')`).run();
    expect(file.db.prepare(`SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH '"evrard" "chaudiere"'`).pluck().get()).toBe(1);
    expect(file.db.prepare(`SELECT count(*) FROM blob_text_fts WHERE blob_text_fts MATCH '"societe"'`).pluck().get()).toBe(1);
  });

  it('keeps the journal append-only', () => {
    file.db.prepare(
      `INSERT INTO journal (mutation_id, name, actor_id, actor_name, at, args, before, after, prev_hash, hash)
       VALUES ('m1', 'x', 'a', 'A', '2026-01-01T00:00:00.000Z', '{}', 'null', 'null', '0', '1')`,
    ).run();
    expect(() => file.db.prepare(`UPDATE journal SET name = 'y'`).run()).toThrow(/append-only/);
    expect(() => file.db.prepare(`DELETE FROM journal`).run()).toThrow(/append-only/);
  });

  it('refuses a piece whose blob is not registered', () => {
    insertDossierRow(file.db);
    const insertPiece = file.db.prepare(
      `INSERT INTO piece (id, dossier_seq, position, name, kind, mime_type, size_bytes, sha256) VALUES ('p', 1, 0, 'devis.pdf', 'devis', 'application/pdf', 1, ?)`,
    );
    expect(() => insertPiece.run('a'.repeat(64))).toThrow(/FOREIGN KEY/);
  });
});
