import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { useMigratedCaseFile } from './fixtures/migrated-case-file';

// Migrated to 2 with a dossier first: 003 must apply to a case file that already holds dossiers.
const file = useMigratedCaseFile(2, { withDossier: true });
beforeEach(() => migrate(file.db, 3));

const insert = (status: string, evidence = '[]', version = 1) =>
  file.db
    .prepare(
      `INSERT INTO evaluation_criterion (dossier_seq, criterion_id, status, comment, evidence, programme_version, version, updated_at, updated_by)
       VALUES (1, 'jobs', ?, '', ?, '1.0.0', ?, '2026-01-02T00:00:00Z', 'Camille')`,
    )
    .run(status, evidence, version);

describe('migration 003: the evaluation grid', () => {
  it('sets user_version 3 on a case file that already holds dossiers, and creates its table', () => {
    expect(schemaVersion(file.db)).toBe(3);
    const tables = file.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'evaluation%' ORDER BY name`).pluck().all();
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
    file.db.prepare('DELETE FROM dossier WHERE seq = 1').run();
    expect(file.db.prepare('SELECT count(*) FROM evaluation_criterion').pluck().get()).toBe(0);
  });
});
