import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { verifyJournal } from '../../electron/core/mutations';
import type { DossierImport } from '../../shared/domain/dossier';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, pieceOf, registerTextBlob } from './fixtures/core-dossiers';

let t: TestContext;
let mine: DossierImport;
let other: DossierImport;

const count = (sql: string, ...params: unknown[]) => t.ctx.db.prepare(sql).pluck().get(...params) as number;

beforeEach(() => {
  t = createTestContext();
  const twoPages = registerTextBlob(t.ctx, ['Devis page un', 'Devis page deux']);
  mine = makeDossier({
    number: 501,
    champs: [
      { section: 'Projet', label: 'Description', value: 'Une ligne de découpe laser.' },
      { section: 'Projet', label: 'Emplois', value: '12' },
    ],
    pieces: [pieceOf(twoPages, 'devis.pdf')],
  });
  other = makeDossier({ number: 502, pieces: [pieceOf(twoPages, 'autre-devis.pdf')] });
  importDossiers(t.ctx, [mine, other]);
});
afterEach(() => t.dispose());

const region = (page: number, pieceId = mine.pieces[0].id) =>
  ({ kind: 'region', pieceId, page, rect: { x: 0.1, y: 0.2, width: 0.3, height: 0.1 } }) as const;

describe('annotations', () => {
  it('adds the three kinds, each journaled with its dossier and queued for the hub', async () => {
    const note = await t.call('annotations.add', { dossierId: mine.id, target: { kind: 'note' }, text: 'Appeler le dirigeant' });
    const field = await t.call('annotations.add', { dossierId: mine.id, target: { kind: 'field', position: 1 }, text: 'Emplois à vérifier' });
    const highlight = await t.call('annotations.add', { dossierId: mine.id, target: region(2), text: 'Montant HT différent' });

    expect(note).toMatchObject({ version: 1, removed: false, text: 'Appeler le dirigeant', createdBy: 'Camille Instructrice', targetLabel: null });
    expect(field).toMatchObject({ target: { kind: 'field', position: 1 }, targetLabel: 'Emplois' });
    expect(highlight).toMatchObject({ target: region(2), targetLabel: 'devis.pdf' });
    const { annotations } = await t.call('annotations.list', { dossierId: mine.id });
    expect(annotations.map((a) => a.id)).toEqual([note.id, field.id, highlight.id]);
    expect((await t.call('annotations.list', { dossierId: other.id })).annotations).toEqual([]);

    const journal = t.ctx.db.prepare(`SELECT name, dossier_id AS dossierId, after FROM journal WHERE name = 'annotation.add' ORDER BY seq`).all() as {
      name: string;
      dossierId: string;
      after: string;
    }[];
    expect(journal.map((entry) => entry.dossierId)).toEqual([mine.id, mine.id, mine.id]);
    expect(JSON.parse(journal[2].after)).toEqual({
      annotation: { id: highlight.id, text: 'Montant HT différent', target: region(2), version: 1, removed: false },
    });
    expect(count(`SELECT count(*) FROM outbox WHERE name = 'annotation.add'`)).toBe(3);
    expect(verifyJournal(t.ctx.db, { fromStart: true }).ok).toBe(true);
  });

  it('keeps every version: an edit and a removal are new versions, before and after journaled', async () => {
    const added = await t.call('annotations.add', { dossierId: mine.id, target: region(1), text: 'Premier jet' });
    t.setNow('2026-03-15T11:00:00.000Z');
    const moved = { x: 0.5, y: 0.5, width: 0.2, height: 0.2 };
    const edited = await t.call('annotations.edit', { annotationId: added.id, expectedVersion: 1, text: 'Texte revu', rect: moved });
    expect(edited).toMatchObject({ version: 2, text: 'Texte revu', target: { ...region(1), rect: moved }, updatedAt: '2026-03-15T11:00:00.000Z' });
    expect(edited.versions.map((v) => [v.version, v.text, v.rect])).toEqual([
      [1, 'Premier jet', region(1).rect],
      [2, 'Texte revu', moved],
    ]);

    const removed = await t.call('annotations.remove', { annotationId: added.id, expectedVersion: 2 });
    expect(removed).toMatchObject({ version: 3, removed: true, text: 'Texte revu' });
    expect((await t.call('annotations.list', { dossierId: mine.id })).annotations).toEqual([]);
    const [kept] = (await t.call('annotations.list', { dossierId: mine.id, includeRemoved: true })).annotations;
    expect(kept.versions.map((v) => v.removed)).toEqual([false, false, true]);

    const edit = t.ctx.db.prepare(`SELECT before, after FROM journal WHERE name = 'annotation.edit'`).get() as { before: string; after: string };
    expect(JSON.parse(edit.before).annotation).toMatchObject({ text: 'Premier jet', version: 1 });
    expect(JSON.parse(edit.after).annotation).toMatchObject({ text: 'Texte revu', version: 2 });
    expect((await t.failure('annotations.edit', { annotationId: added.id, expectedVersion: 3, text: 'Encore' })).code).toBe('annotation_removed');
    // The versions table refuses a rewrite even outside Relais' code.
    expect(() => t.ctx.db.prepare(`UPDATE annotation_version SET text = 'falsifié'`).run()).toThrow(/insert-only/);
  });

  it('refuses a save from a stale window and writes nothing', async () => {
    const added = await t.call('annotations.add', { dossierId: mine.id, target: { kind: 'note' }, text: 'Note commune' });
    await t.call('annotations.edit', { annotationId: added.id, expectedVersion: 1, text: 'Fenêtre A' });
    const journalBefore = count('SELECT count(*) FROM journal');

    const stale = await t.failure('annotations.edit', { annotationId: added.id, expectedVersion: 1, text: 'Fenêtre B' });
    expect(stale.code).toBe('annotation_stale');
    expect(stale.params).toEqual({ expected: 1, version: 2, by: 'Camille Instructrice' });
    expect((await t.failure('annotations.remove', { annotationId: added.id, expectedVersion: 1 })).code).toBe('annotation_stale');
    expect(count('SELECT count(*) FROM journal')).toBe(journalBefore);
    const [current] = (await t.call('annotations.list', { dossierId: mine.id })).annotations;
    expect(current).toMatchObject({ version: 2, text: 'Fenêtre A' });
  });

  it.each([
    ['a page past the last one', () => region(3), 'annotation_page_missing', () => ({ page: 3, pageCount: 2, piece: 'devis.pdf' })],
    ['a piece of another dossier', () => region(1, other.pieces[0].id), 'annotation_piece_missing', () => ({ pieceId: other.pieces[0].id })],
    ['a field the form does not have', () => ({ kind: 'field', position: 2 }) as const, 'annotation_field_missing', () => ({ position: 2 })],
  ])('refuses an annotation on %s', async (_what, target, code, params) => {
    const error = await t.failure('annotations.add', { dossierId: mine.id, target: target(), text: 'Hors du document' });
    expect(error.code).toBe(code);
    expect(error.params).toEqual(params());
    expect(count('SELECT count(*) FROM annotation')).toBe(0);
  });

  it.each([
    ['a dossier id that is not a UUID', () => ({ dossierId: 'x' }), 'dossierId'],
    ['a rectangle leaving the page', () => ({ target: { ...region(1), rect: { x: 0.8, y: 0, width: 0.5, height: 0.1 } } }), 'target.rect'],
    ['page 0', () => ({ target: { ...region(1), page: 0 } }), 'target.page'],
    ['a blank text', () => ({ text: '   ' }), 'text'],
    ['an unknown kind', () => ({ target: { kind: 'margin' } }), 'target.kind'],
    ['an extra field', () => ({ extra: true }), ''],
  ])('refuses %s before anything runs', async (_what, override, path) => {
    const args = { dossierId: mine.id, target: { kind: 'note' }, text: 'Valide', ...override() };
    const error = await t.failure('annotations.add', args);
    expect(error.code).toBe('invalid_arguments');
    expect(error.issues.map((issue) => issue.path)).toContain(path);
  });

  it('refuses a rectangle on what is not a region, an unknown dossier or annotation, and a draft key that is not one', async () => {
    const note = await t.call('annotations.add', { dossierId: mine.id, target: { kind: 'note' }, text: 'Note' });
    const rect = { x: 0, y: 0, width: 0.5, height: 0.5 };
    const onNote = await t.failure('annotations.edit', { annotationId: note.id, expectedVersion: 1, text: 'Note', rect });
    expect(onNote.code).toBe('invalid_arguments');
    expect(onNote.issues.map((issue) => issue.path)).toEqual(['rect']);
    const unknown = '01a21787-dbee-742d-91ec-eda84788cb5c';
    expect((await t.failure('annotations.list', { dossierId: unknown })).code).toBe('not_found');
    expect((await t.failure('annotations.edit', { annotationId: unknown, expectedVersion: 1, text: 'x' })).code).toBe('not_found');
    const badKey = await t.failure('annotations.add', { dossierId: mine.id, target: { kind: 'note' }, text: 'x', draftKey: '../note' });
    expect(badKey.issues.map((issue) => issue.path)).toEqual(['draftKey']);
    expect((await t.call('annotations.list', { dossierId: mine.id })).annotations.map((a) => a.version)).toEqual([1]);
  });

  it('finds a dossier by the text of its annotations, with a snippet, and no longer once removed', async () => {
    const added = await t.call('annotations.add', {
      dossierId: mine.id,
      target: { kind: 'note' },
      text: 'Le dirigeant évoque une trésorerie tendue jusqu’en juin.',
    });
    const page = await t.call('dossiers.list', { filters: { query: 'tresorerie tendue' } });
    expect(page.rows.map((row) => row.number)).toEqual([501]);
    expect(page.rows[0].snippet).toBe('✎ Le dirigeant évoque une \uE000trésorerie\uE001 \uE000tendue\uE001 jusqu’en juin');

    await t.call('annotations.edit', { annotationId: added.id, expectedVersion: 1, text: 'Situation saine.' });
    expect((await t.call('dossiers.list', { filters: { query: 'tresorerie' } })).total).toBe(0);
    expect((await t.call('dossiers.list', { filters: { query: 'saine' } })).total).toBe(1);
    await t.call('annotations.remove', { annotationId: added.id, expectedVersion: 2 });
    expect((await t.call('dossiers.list', { filters: { query: 'saine' } })).total).toBe(0);
  });
});
