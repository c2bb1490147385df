import { beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../electron/core/db/migrate';
import { useMigratedCaseFile } from './fixtures/migrated-case-file';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

const file = useMigratedCaseFile(4, { withDossier: true });
beforeEach(() => {
  const blob = file.db.prepare(`INSERT INTO blob (sha256, size_bytes, mime_type, text_status) VALUES (?, 10, 'image/jpeg', 'not_pdf')`);
  blob.run(SHA_A);
  blob.run(SHA_B);
  file.db.prepare(`INSERT INTO visit (id, dossier_seq, created_at, created_by, updated_at) VALUES ('v', 1, 'now', 'Camille', 'now')`).run();
});

const insertPhoto = (id: string, position: number, sha256 = SHA_A, mimeType = 'image/jpeg') =>
  file.db
    .prepare(
      `INSERT INTO visit_photo (id, visit_id, position, name, mime_type, size_bytes, width, height, sha256, thumbnail_sha256, imported_at)
       VALUES (?, 'v', ?, 'site.jpg', ?, 10, 4, 3, ?, ?, 'now')`,
    )
    .run(id, position, mimeType, sha256, SHA_B);

describe('migration 004: site visits', () => {
  it('sets user_version 4 and gives a new visit empty fields at version 1', () => {
    expect(schemaVersion(file.db)).toBe(4);
    expect(file.db.prepare(`SELECT visit_date, place, participants, checklist, observations, conclusion, version FROM visit`).get()).toEqual({
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
    file.db.prepare('DELETE FROM dossier').run();
    expect(file.db.prepare('SELECT count(*) FROM visit').pluck().get()).toBe(0);
    expect(file.db.prepare('SELECT count(*) FROM visit_photo').pluck().get()).toBe(0);
  });
});
