/** Migration 010: pieces attached from outside DS, in a table of their own that a re-import from DS leaves alone. */
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { useMigratedCaseFile } from '../fixtures/migrated-case-file';

const file = useMigratedCaseFile(9, { withDossier: true });
const SHA = 'c'.repeat(64);

const attach = (sha256 = SHA) =>
  file.db
    .prepare(`INSERT INTO attached_piece (id, dossier_seq, name, mime_type, size_bytes, sha256, attached_at, attached_by) VALUES ('p', 1, 'a.pdf', 'application/pdf', 1, ?, 'now', 'A')`)
    .run(sha256);

describe('migration 010: attached pieces', () => {
  it('sets user_version 10 and creates the table, whose piece must name a registered blob', () => {
    migrate(file.db, 10);
    expect(schemaVersion(file.db)).toBe(10);
    expect(() => attach()).toThrow(/FOREIGN KEY/);
    file.db.prepare(`INSERT INTO blob (sha256, size_bytes, mime_type, text_status) VALUES (?, 1, 'application/pdf', 'not_pdf')`).run(SHA);
    attach();
    expect(file.db.prepare('SELECT name FROM attached_piece').pluck().all()).toEqual(['a.pdf']);
  });
});
