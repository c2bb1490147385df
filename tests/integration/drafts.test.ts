/**
 * The one draft store through dispatch, on a real case file: what an annotation editor or a
 * criterion's comment holds is kept on this computer only, journaled by length, out of the
 * history, and cleared by the act that saves the text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import type { DossierImport } from '../../shared/domain/dossier';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';

let t: TestContext;
let mine: DossierImport;
let other: DossierImport;

const count = (sql: string) => t.ctx.db.prepare(sql).pluck().get() as number;
const drafts = async (area: 'annotation' | 'evaluation', dossierId = mine.id) => (await t.call('drafts.get', { dossierId, area })).drafts;

beforeEach(() => {
  t = createTestContext('2026-03-15T10:00:00.000Z');
  mine = makeDossier({ number: 601, champs: [{ section: 'Projet', label: 'Description', value: 'Une presse.' }] });
  other = makeDossier({ number: 602 });
  importDossiers(t.ctx, [mine, other]);
});
afterEach(() => t.dispose());

describe('drafts', () => {
  it('keeps the last text per dossier and key, on this computer only, journaled by its length and out of the history', async () => {
    const outboxBefore = count('SELECT count(*) FROM outbox');
    await t.call('drafts.save', { dossierId: mine.id, key: 'annotation:note:new', text: 'Début de la' });
    t.setNow('2026-03-15T10:00:05.000Z');
    const saved = await t.call('drafts.save', { dossierId: mine.id, key: 'annotation:note:new', text: 'Début de la note' });
    await t.call('drafts.save', { dossierId: mine.id, key: 'evaluation:structuring_investment', text: 'Nouvelle ligne' });
    await t.call('drafts.save', { dossierId: other.id, key: 'annotation:note:new', text: 'Autre dossier' });

    expect(saved).toEqual({ key: 'annotation:note:new', text: 'Début de la note', savedAt: '2026-03-15T10:00:05.000Z' });
    expect(await drafts('annotation')).toEqual([saved]);
    expect((await drafts('evaluation')).map((draft) => draft.key)).toEqual(['evaluation:structuring_investment']);
    expect(count('SELECT count(*) FROM outbox')).toBe(outboxBefore);
    const journaled = t.ctx.db.prepare(`SELECT args, dossier_id AS dossierId FROM journal WHERE name = 'draft.save' ORDER BY seq`).all() as {
      args: string;
      dossierId: string | null;
    }[];
    expect(journaled).toHaveLength(4);
    expect(JSON.parse(journaled[1].args)).toEqual({ dossierId: mine.id, key: 'annotation:note:new', length: 16 });
    expect(journaled.every((entry) => entry.dossierId === null && !entry.args.includes('Début'))).toBe(true);
    expect((await t.call('dossiers.history', { id: mine.id })).entries.some((entry) => entry.what === 'draft.save')).toBe(false);
  });

  it('discards a draft, and a discard of none is no error', async () => {
    await t.call('drafts.save', { dossierId: mine.id, key: 'annotation:field:1:new', text: 'x' });
    expect(await t.call('drafts.discard', { dossierId: mine.id, key: 'annotation:field:1:new' })).toEqual({ key: 'annotation:field:1:new' });
    expect(await drafts('annotation')).toEqual([]);
    await t.call('drafts.discard', { dossierId: mine.id, key: 'annotation:field:1:new' });
  });

  it('is cleared by the annotation that saves the text, in the same transaction', async () => {
    await t.call('drafts.save', { dossierId: mine.id, key: 'annotation:note:new', text: 'Début de la note' });
    await t.call('annotations.add', { dossierId: mine.id, target: { kind: 'note' }, text: 'Début de la note', draftKey: 'annotation:note:new' });
    expect(await drafts('annotation')).toEqual([]);
  });

  it('is cleared by the criterion whose comment it held, and shown with the evaluation until then', async () => {
    const key = 'evaluation:structuring_investment';
    const { savedAt } = await t.call('drafts.save', { dossierId: mine.id, key, text: 'Nouvelle ligne de presse' });
    const criterion = async () => (await t.call('evaluation.get', { dossierId: mine.id })).criteria.find((c) => c.criterionId === 'structuring_investment')!;
    expect(await criterion()).toMatchObject({ comment: '', draft: { text: 'Nouvelle ligne de presse', savedAt } });
    await t.call('evaluation.setCriterion', { dossierId: mine.id, criterionId: 'structuring_investment', expectedVersion: 0, comment: 'Nouvelle ligne de presse' });
    expect(await criterion()).toMatchObject({ comment: 'Nouvelle ligne de presse', draft: null });
  });

  it.each([
    ['a key that is not one', { key: '../note', text: 'x' }, 'key'],
    ['a key of an unknown area', { key: 'visit:report', text: 'x' }, 'key'],
    ['a key in capitals', { key: 'annotation:Note:new', text: 'x' }, 'key'],
    ['an empty text (a discard is its own channel)', { key: 'annotation:note:new', text: '' }, 'text'],
    ['a text over the limit', { key: 'annotation:note:new', text: 'x'.repeat(20_001) }, 'text'],
  ])('refuses %s', async (_, args, path) => {
    const error = await t.failure('drafts.save', { dossierId: mine.id, ...args });
    expect(error.code).toBe('invalid_arguments');
    expect(error.issues?.map((issue) => issue.path)).toEqual([path]);
  });

  it('refuses a comment draft for a criterion the programme does not have, and a dossier that does not exist', async () => {
    expect(await t.failure('drafts.save', { dossierId: mine.id, key: 'evaluation:charm', text: 'x' })).toMatchObject({ code: 'invalid_arguments' });
    expect(await t.failure('drafts.save', { dossierId: '01a21787-dbee-742d-91ec-eda84788cb5c', key: 'annotation:note:new', text: 'x' })).toMatchObject({
      code: 'not_found',
    });
  });

  it('reports a full disk in a sentence and leaves the previous draft intact', async () => {
    await t.call('drafts.save', { dossierId: mine.id, key: 'annotation:note:new', text: 'Version courte' });
    // The file may not grow by one page more: SQLite answers SQLITE_FULL, as on a full disk.
    t.ctx.db.pragma(`max_page_count = ${count('PRAGMA page_count')}`);
    const long = Array.from({ length: 2_000 }, (_, i) => `mot${i}`).join(' ').slice(0, 19_000);
    expect(await t.failure('drafts.save', { dossierId: mine.id, key: 'annotation:note:new', text: long })).toMatchObject({ code: 'disk_full' });
    t.ctx.db.pragma('max_page_count = 1073741823');
    expect((await drafts('annotation'))[0].text).toBe('Version courte');
  });
});
