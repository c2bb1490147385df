import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { RELAIS_APPLICATION_ID, STATE_ORDER_SQL } from '../../electron/core/db/migrations/001-case-file';

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-migration-001-'));
  db = new Database(path.join(dir, 'relais.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, 1);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function names(type: 'table' | 'index' | 'trigger'): string[] {
  return db.prepare('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').pluck().all(type) as string[];
}

describe('migration 001: the case file', () => {
  it('sets user_version 1 and marks the file as a Relais case file', () => {
    expect(schemaVersion(db)).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(RELAIS_APPLICATION_ID);
  });

  it('creates the tables of the brief and the two full-text indexes', () => {
    const tables = names('table');
    for (const table of ['dossier', 'dossier_source', 'dossier_label', 'champ', 'piece', 'blob', 'preference', 'journal', 'outbox', 'sync_state', 'dossier_fts', 'blob_text_fts']) {
      expect(tables).toContain(table);
    }
  });

  it('indexes every sort column with the number as tiebreak', () => {
    const sortIndexes = db
      .prepare(`SELECT il.name FROM sqlite_schema s, pragma_index_list(s.name) il WHERE s.name = 'dossier'`)
      .pluck()
      .all() as string[];
    for (const index of ['dossier_by_demandeur', 'dossier_by_projet', 'dossier_by_territory_name', 'dossier_by_amount', 'dossier_by_state', 'dossier_by_due_asc', 'dossier_by_due_desc']) {
      expect(sortIndexes).toContain(index);
      const columns = db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).pluck().all(index) as string[];
      expect(columns.at(-1)).toBe('number');
    }
  });

  it('plans the first page sorted by any column on its index, without a sort step', () => {
    const sortExpressions = ['demandeur_sort', 'projet_sort', 'territory_sort', 'amount_requested_cents', STATE_ORDER_SQL, "coalesce(due_date, '9999-12-31')", "coalesce(due_date, '0000-01-01') DESC"];
    for (const column of sortExpressions) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT seq FROM dossier ORDER BY ${column}, number${column.endsWith('DESC') ? ' DESC' : ''} LIMIT 50`)
        .all() as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('folds accents in both full-text indexes', () => {
    db.prepare(`INSERT INTO dossier_fts (rowid, number, demandeur, projet, territory, champs) VALUES (1, '1', 'Fonderie Évrard', 'Chaudière', 'Vallée', '')`).run();
    db.prepare(`INSERT INTO blob_text_fts (sha256, page, text) VALUES ('x', 1, 'Extrait Kbis : société à responsabilité')`).run();
    expect(db.prepare(`SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH '"evrard" "chaudiere"'`).pluck().get()).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM blob_text_fts WHERE blob_text_fts MATCH '"societe"'`).pluck().get()).toBe(1);
  });

  it('keeps the journal append-only', () => {
    db.prepare(
      `INSERT INTO journal (mutation_id, name, actor_id, actor_name, at, args, before, after, prev_hash, hash)
       VALUES ('m1', 'x', 'a', 'A', '2026-01-01T00:00:00.000Z', '{}', 'null', 'null', '0', '1')`,
    ).run();
    expect(() => db.prepare(`UPDATE journal SET name = 'y'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM journal`).run()).toThrow(/append-only/);
  });

  it('refuses a piece whose blob is not registered', () => {
    db.prepare(
      `INSERT INTO dossier (seq, id, number, state, demandeur_name, demandeur_sort, siret, projet_title, projet_sort, territory_id, territory_name, territory_sort, region_code, region_name, volet, amount_requested_cents, received_at, updated_at)
       VALUES (1, 'd', 1, 'en_construction', 'A', 'a', '1', 'P', 'p', 'ti-0001', 'T', 't', '84', 'R', 1, 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    ).run();
    const insertPiece = db.prepare(
      `INSERT INTO piece (id, dossier_seq, position, name, kind, mime_type, size_bytes, sha256) VALUES ('p', 1, 0, 'devis.pdf', 'devis', 'application/pdf', 1, ?)`,
    );
    expect(() => insertPiece.run('a'.repeat(64))).toThrow(/FOREIGN KEY/);
  });
});
