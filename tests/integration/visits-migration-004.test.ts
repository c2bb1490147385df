import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';

let dir: string;
let db: Database.Database;

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-migration-004-'));
  db = new Database(path.join(dir, 'relais.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, 4);
  db.prepare(
    `INSERT INTO dossier (seq, id, number, state, demandeur_name, demandeur_sort, siret, projet_title, projet_sort, territory_id, territory_name, territory_sort, region_code, region_name, volet, amount_requested_cents, received_at, updated_at)
     VALUES (1, 'd', 1, 'en_construction', 'A', 'a', '1', 'P', 'p', 'ti-0001', 'T', 't', '84', 'R', 1, 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
  ).run();
  const blob = db.prepare(`INSERT INTO blob (sha256, size_bytes, mime_type, text_status) VALUES (?, 10, 'image/jpeg', 'not_pdf')`);
  blob.run(SHA_A);
  blob.run(SHA_B);
  db.prepare(`INSERT INTO visit (id, dossier_seq, created_at, created_by, updated_at) VALUES ('v', 1, 'now', 'Camille', 'now')`).run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insertPhoto = (id: string, position: number, sha256 = SHA_A, mimeType = 'image/jpeg') =>
  db
    .prepare(
      `INSERT INTO visit_photo (id, visit_id, position, name, mime_type, size_bytes, width, height, sha256, thumbnail_sha256, imported_at)
       VALUES (?, 'v', ?, 'site.jpg', ?, 10, 4, 3, ?, ?, 'now')`,
    )
    .run(id, position, mimeType, sha256, SHA_B);

describe('migration 004: site visits', () => {
  it('sets user_version 4 and gives a new visit empty fields at version 1', () => {
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare(`SELECT visit_date, place, participants, checklist, observations, conclusion, version FROM visit`).get()).toEqual({
      visit_date: null,
      place: '',
      participants: '[]',
      checklist: '{}',
      observations: '',
      conclusion: '',
      version: 1,
    });
  });

  it('refuses a photo whose blob is not registered, of another type, or twice at one position', () => {
    expect(() => insertPhoto('p1', 1, 'c'.repeat(64))).toThrow(/FOREIGN KEY/);
    expect(() => insertPhoto('p1', 1, SHA_A, 'image/gif')).toThrow(/CHECK/);
    insertPhoto('p1', 1);
    expect(() => insertPhoto('p2', 1)).toThrow(/UNIQUE/);
  });

  it('removes visits and photos with their dossier', () => {
    insertPhoto('p1', 1);
    db.prepare('DELETE FROM dossier').run();
    expect(db.prepare('SELECT count(*) FROM visit').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM visit_photo').pluck().get()).toBe(0);
  });
});
