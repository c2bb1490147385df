import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../electron/core/db/migrate';
import { useMigratedCaseFile } from './fixtures/migrated-case-file';

const file = useMigratedCaseFile(2, { withDossier: true });

const insertAnnotation = (kind: string, field: number | null, piece: string | null, page: number | null) =>
  file.db.prepare(`INSERT INTO annotation (id, dossier_seq, kind, field_position, piece_id, page) VALUES (?, 1, ?, ?, ?, ?)`).run(
    `a-${kind}-${field}-${piece}-${page}`,
    kind,
    field,
    piece,
    page,
  );

describe('migration 002: annotations', () => {
  it('sets user_version 2 and creates the annotation tables, their full-text index and the draft table', () => {
    expect(schemaVersion(file.db)).toBe(2);
    const tables = file.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['annotation', 'annotation_version', 'annotation_fts', 'draft']));
  });

  it.each([
    ['a note', 'note', null, null, null, true],
    ['a field comment', 'field', 3, null, null, true],
    ['a region', 'region', null, 'p1', 2, true],
    ['a field comment without its field', 'field', null, null, null, false],
    ['a region without its page', 'region', null, 'p1', null, false],
    ['a region on page 0', 'region', null, 'p1', 0, false],
    ['a note with a page', 'note', null, null, 1, false],
    ['an unknown kind', 'margin', null, null, null, false],
  ])('%s: accepted %s', (_what, kind, field, piece, page, accepted) => {
    const insert = () => insertAnnotation(kind as string, field as number | null, piece as string | null, page as number | null);
    if (accepted) expect(insert).not.toThrow();
    else expect(insert).toThrow(/CHECK constraint/);
  });

  it('refuses to rewrite an annotation or one of its versions', () => {
    insertAnnotation('note', null, null, null);
    file.db.prepare(`INSERT INTO annotation_version (annotation_seq, version, text, at, actor_id, actor_name) VALUES (1, 1, 'x', 'now', 'u', 'U')`).run();
    expect(() => file.db.prepare(`UPDATE annotation SET kind = 'field'`).run()).toThrow(/insert-only/);
    expect(() => file.db.prepare(`UPDATE annotation_version SET text = 'y'`).run()).toThrow(/insert-only/);
    expect(() => file.db.prepare(`INSERT INTO annotation_version (annotation_seq, version, text, at, actor_id, actor_name) VALUES (1, 1, 'z', 'now', 'u', 'U')`).run()).toThrow(
      /UNIQUE|PRIMARY KEY/,
    );
  });

  it('keeps one draft per dossier and key, gone with its dossier', () => {
    const insertDraft = (text: string) =>
      file.db.prepare(`INSERT INTO draft (dossier_seq, key, text, saved_at) VALUES (1, 'annotation:note:new', ?, '2026-01-02T00:00:00Z')`).run(text);
    insertDraft('brouillon');
    expect(() => insertDraft('autre')).toThrow(/UNIQUE|PRIMARY KEY/);
    file.db.prepare('DELETE FROM dossier WHERE seq = 1').run();
    expect(file.db.prepare('SELECT count(*) FROM draft').pluck().get()).toBe(0);
  });
});
