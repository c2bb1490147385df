/** The evaluation grid through dispatch, on a real case file: statuses, comments, evidence, journal and outbox. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { verifyJournal } from '../../electron/core/mutations';
import type { DossierImport } from '../../shared/domain/dossier';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, pieceOf, registerTextBlob } from './fixtures/core-dossiers';

let t: TestContext;
/** Received 10 February 2026, works planned 1 September 2026, site in Épinal; one 2-page quote. */
let dossier: DossierImport;
let other: DossierImport;

const jobsLabel = { fr: 'Emplois créés ou maintenus', en: 'Jobs created or kept' };
const count = (sql: string) => t.ctx.db.prepare(sql).pluck().get() as number;
const criterion = async (dossierId: string, id: string) => (await t.call('evaluation.get', { dossierId })).criteria.find((c) => c.criterionId === id)!;

beforeEach(() => {
  t = createTestContext('2026-03-15T10:00:00.000Z');
  const quote = registerTextBlob(t.ctx, ['Devis n° D-2026-17', 'Four à induction']);
  dossier = makeDossier({ number: 201, pieces: [pieceOf(quote, 'devis.pdf')], champs: [{ section: 'Impacts attendus', label: 'Emplois créés', value: '8' }] });
  other = makeDossier({ number: 202, pieces: [pieceOf(quote, 'devis-autre.pdf')] });
  importDossiers(t.ctx, [dossier, other]);
});
afterEach(() => t.dispose());

describe('evaluation.get', () => {
  it('lists every criterion of the programme to check, with the proposals the dossier’s data supports', async () => {
    const view = await t.call('evaluation.get', { dossierId: dossier.id });
    expect(view.programme.version).toBe('1.0.0');
    expect(view.criteria.map((c) => c.criterionId)).toEqual(view.programme.criteria.map((c) => c.id));
    expect(view.criteria.every((c) => c.status === 'to_check' && c.version === 0 && c.comment === '' && c.draft === null)).toBe(true);
    const proposals = Object.fromEntries(view.criteria.filter((c) => c.proposal).map((c) => [c.criterionId, c.proposal]));
    expect(proposals).toEqual({
      eligible_applicant: { status: 'met', reason: 'industrial_naf', nafCode: '25.62B', nafLabel: 'Mécanique industrielle' },
      site_in_territory: { status: 'met', reason: 'commune_in_territory', commune: 'Épinal', insee: '88160', territory: 'Epinal – Rambervillers' },
      no_early_start: { status: 'met', reason: 'start_after_receipt', startOn: '2026-09-01', receivedOn: '2026-02-10' },
      jobs: { status: 'met', reason: 'jobs_declared', created: 8, kept: null },
    });
    expect(view.score).toMatchObject({ verdict: 'provisional', eligibility: 'provisional', points: 0, maxPoints: 100, pendingPoints: 100 });
  });

  it('refuses an unknown dossier', async () => {
    expect(await t.failure('evaluation.get', { dossierId: '01900000-0000-7000-8000-000000000000' })).toMatchObject({ code: 'not_found' });
  });
});

describe('evaluation.setCriterion', () => {
  it('journals each change with only the fields it alters, queues it for the hub, and rescores', async () => {
    t.setNow('2026-03-16T08:30:00.000Z');
    const first = await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, status: 'met' });
    expect(first.criterion).toMatchObject({ status: 'met', version: 1, programmeVersion: '1.0.0', updatedAt: '2026-03-16T08:30:00.000Z', updatedBy: 'Camille Instructrice' });
    expect(first.score).toMatchObject({ points: 25, pendingPoints: 75 });
    await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 1, comment: '8 emplois créés, 40 maintenus.' });

    const history = await t.call('dossiers.history', { id: dossier.id });
    const changes = history.entries.filter((e) => e.what === 'evaluation.setCriterion').map(({ before, after, who }) => ({ before, after, who }));
    expect(changes).toEqual([
      { before: { criterion: jobsLabel, comment: '' }, after: { criterion: jobsLabel, comment: '8 emplois créés, 40 maintenus.' }, who: 'Camille Instructrice' },
      { before: { criterion: jobsLabel, status: 'to_check' }, after: { criterion: jobsLabel, status: 'met' }, who: 'Camille Instructrice' },
    ]);
    expect(count(`SELECT count(*) FROM outbox WHERE name = 'evaluation.setCriterion'`)).toBe(2);
    expect(verifyJournal(t.ctx.db, { fromStart: true }).ok).toBe(true);
    expect(await criterion(dossier.id, 'jobs')).toMatchObject({ status: 'met', comment: '8 emplois créés, 40 maintenus.', version: 2 });
  });

  it('makes the dossier ineligible when a gate is not met, and eligible once every gate is met', async () => {
    const gates = ['eligible_applicant', 'site_in_territory', 'not_in_difficulty', 'tax_social_obligations'];
    for (const criterionId of gates) await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId, expectedVersion: 0, status: 'met' });
    const failed = await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'no_early_start', expectedVersion: 0, status: 'not_met' });
    expect(failed.score).toMatchObject({ verdict: 'ineligible', eligibility: 'ineligible' });
    const met = await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'no_early_start', expectedVersion: 1, status: 'met' });
    expect(met.score).toMatchObject({ eligibility: 'eligible', verdict: 'provisional' });
  });

  it('refuses a save over a newer version (two windows), leaving the first one’s text and the journal as they were', async () => {
    await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, comment: 'Fenêtre 1' });
    const entries = count('SELECT count(*) FROM journal');
    const error = await t.failure('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, comment: 'Fenêtre 2' });
    expect(error).toMatchObject({ code: 'evaluation_stale', params: { expected: 0, version: 1, by: 'Camille Instructrice' } });
    expect(count('SELECT count(*) FROM journal')).toBe(entries);
    expect((await criterion(dossier.id, 'jobs')).comment).toBe('Fenêtre 1');
  });

  it.each([
    ['an unknown criterion', { criterionId: 'charm', status: 'met' }, 'invalid_arguments'],
    ['nothing to change', {}, 'invalid_arguments'],
    ['an unknown status', { status: 'maybe' }, 'invalid_arguments'],
    ['a comment too long', { comment: 'x'.repeat(10_001) }, 'invalid_arguments'],
  ])('refuses %s', async (_, change, code) => {
    const error = await t.failure('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, ...change });
    expect(error.code).toBe(code);
    expect(count(`SELECT count(*) FROM journal WHERE name = 'evaluation.setCriterion'`)).toBe(0);
  });

  it('fails as disk_full when the case file cannot grow, and keeps the previous state', async () => {
    await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, comment: 'Avant' });
    const pages = t.ctx.db.pragma('page_count', { simple: true }) as number;
    t.ctx.db.pragma(`max_page_count = ${pages}`);
    const error = await t.failure('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 1, comment: 'é'.repeat(10_000) });
    t.ctx.db.pragma('max_page_count = 4294967294');
    expect(error.code).toBe('disk_full');
    expect(await criterion(dossier.id, 'jobs')).toMatchObject({ comment: 'Avant', version: 1 });
    expect(verifyJournal(t.ctx.db, { fromStart: true }).ok).toBe(true);
  });
});

describe('evidence', () => {
  const piece = () => dossier.pieces[0]!;

  it('links a page of a piece and an annotation of the dossier, and replaces the list as a whole', async () => {
    const note = await t.call('annotations.add', { dossierId: dossier.id, target: { kind: 'note' }, text: 'Kbis vérifié le 12 mars.' });
    const evidence = [
      { kind: 'piece' as const, pieceId: piece().id, page: 2 },
      { kind: 'annotation' as const, annotationId: note.id },
    ];
    const saved = await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'not_in_difficulty', expectedVersion: 0, evidence });
    expect(saved.criterion.evidence).toEqual(evidence);
    const trimmed = await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'not_in_difficulty', expectedVersion: 1, evidence: evidence.slice(1) });
    expect(trimmed.criterion.evidence).toEqual(evidence.slice(1));
    expect((await criterion(dossier.id, 'not_in_difficulty')).evidence).toEqual(evidence.slice(1));
  });

  it.each([
    ['a piece of another dossier', () => [{ kind: 'piece', pieceId: other.pieces[0]!.id, page: null }], 'evidence_not_in_dossier'],
    ['a piece that does not exist', () => [{ kind: 'piece', pieceId: '01900000-0000-7000-8000-000000000001', page: null }], 'evidence_not_in_dossier'],
    ['a page the piece does not have', () => [{ kind: 'piece', pieceId: piece().id, page: 3 }], 'evidence_page_missing'],
    ['an annotation that does not exist', () => [{ kind: 'annotation', annotationId: '01900000-0000-7000-8000-000000000002' }], 'evidence_not_in_dossier'],
    ['the same page twice', () => [1, 2].map(() => ({ kind: 'piece', pieceId: piece().id, page: 1 })), 'invalid_arguments'],
    ['a page 0', () => [{ kind: 'piece', pieceId: piece().id, page: 0 }], 'invalid_arguments'],
  ])('refuses %s and changes nothing', async (_, evidence, code) => {
    const error = await t.failure('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, status: 'met', evidence: evidence() });
    expect(error.code).toBe(code);
    expect((await criterion(dossier.id, 'jobs')).version).toBe(0);
  });

  it('refuses an annotation of another dossier, and an annotation that was removed', async () => {
    const foreign = await t.call('annotations.add', { dossierId: other.id, target: { kind: 'note' }, text: 'Autre dossier' });
    const foreignError = await t.failure('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, evidence: [{ kind: 'annotation', annotationId: foreign.id }] });
    expect(foreignError).toMatchObject({ code: 'evidence_not_in_dossier', params: { id: foreign.id } });
    const note = await t.call('annotations.add', { dossierId: dossier.id, target: { kind: 'note' }, text: 'Retirée ensuite' });
    await t.call('annotations.remove', { annotationId: note.id, expectedVersion: 1 });
    const removedError = await t.failure('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, evidence: [{ kind: 'annotation', annotationId: note.id }] });
    expect(removedError).toMatchObject({ code: 'evidence_removed', params: { version: 2 } });
  });
});
