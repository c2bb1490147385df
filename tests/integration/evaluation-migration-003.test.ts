import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-migration-003-'));
  db = new Database(path.join(dir, 'relais.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, 2);
  db.prepare(
    `INSERT INTO dossier (seq, id, number, state, demandeur_name, demandeur_sort, siret, projet_title, projet_sort, territory_id,
       territory_name, territory_sort, region_code, region_name, volet, amount_requested_cents, received_at, updated_at)
     VALUES (1, 'd1', 1, 'en_instruction', 'A', 'a', '1', 'P', 'p', 'ti-0001', 'T', 't', '44', 'R', 1, 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
  ).run();
  migrate(db, 3);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (status: string, evidence = '[]', version = 1) =>
  db
    .prepare(
      `INSERT INTO evaluation_criterion (dossier_seq, criterion_id, status, comment, evidence, programme_version, version, updated_at, updated_by)
       VALUES (1, 'jobs', ?, '', ?, '1.0.0', ?, '2026-01-02T00:00:00Z', 'Camille')`,
    )
    .run(status, evidence, version);

describe('migration 003: the evaluation grid', () => {
  it('sets user_version 3 on a case file that already holds dossiers, and creates its table', () => {
    expect(schemaVersion(db)).toBe(3);
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'evaluation%' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['evaluation_criterion']);
  });

  it.each([
    ['an unknown status', () => insert('maybe'), /CHECK/],
    ['evidence that is not a JSON array', () => insert('met', '{"kind":"piece"}'), /CHECK/],
    ['a version 0', () => insert('met', '[]', 0), /CHECK/],
    ['a second row for the same criterion', () => [insert('met'), insert('met')], /UNIQUE|PRIMARY/],
  ])('refuses %s', (_, write, message) => {
    expect(write).toThrow(message);
  });

  it('goes with its dossier', () => {
    insert('met');
    db.prepare('DELETE FROM dossier WHERE seq = 1').run();
    expect(db.prepare('SELECT count(*) FROM evaluation_criterion').pluck().get()).toBe(0);
  });
});
