/**
 * Changes made on another desk, replayed here as the hub recorded them, on a real case file: the
 * guards on what this desk's own screens showed (expected versions, states, the desk's role, the
 * rules judged against the author's day) do not stop them; the data guards still do, and ids and
 * times come from the author's desk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAnnotation, editAnnotation } from '../../electron/core/annotations/mutations';
import { acceptDossier } from '../../electron/core/decisions/dossier-outcome';
import { createDecision, proposeDecision, signDecision } from '../../electron/core/decisions/mutations';
import { dossierRevision } from '../../electron/core/decisions/store';
import { dossierSeqOf } from '../../electron/core/dossiers/seq';
import { setFollowed } from '../../electron/core/dossiers/follow';
import { importDossiers } from '../../electron/core/dossiers/import';
import { setCriterion } from '../../electron/core/evaluation/mutations';
import { addExtension, removeExtension } from '../../electron/core/instruction/mutations';
import { sendMessage } from '../../electron/core/messages/mutations';
import { runMutation, type MutationDef } from '../../electron/core/mutations';
import { applyHubEvent } from '../../electron/core/mutations/run';
import { createVisit, updateVisit } from '../../electron/core/visits/mutations';
import type { HubEvent } from '../../shared/sync/protocol';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, registerTextBlob } from './fixtures/core-dossiers';
import { decisionContent, draft, instructedDossier } from './fixtures/decisions';
import { relaisErrorOf } from './fixtures/relais-error';

let t: TestContext;
beforeEach(() => {
  t = createTestContext('2026-03-15T10:00:00.000Z');
});
afterEach(() => t.dispose());

const AUTHOR = { id: 'user-lea', name: 'Léa Collègue' };
const THEN = '2026-03-14T16:30:00.000Z';
let seq = 0;

/** Replays a change another desk made, as the hub serves it. */
function replay<A>(def: MutationDef<A, unknown>, args: A, dossierId: string | null): HubEvent {
  seq += 1;
  const event: HubEvent = {
    seq,
    mutationId: t.ctx.newId(),
    name: def.name,
    args,
    dossierId,
    actor: AUTHOR,
    at: THEN,
    recordedAt: THEN,
    versions: {},
    origin: 'desk',
    deviceId: t.ctx.newId(),
  };
  expect(applyHubEvent(t.ctx, event)).toBe(true);
  return event;
}

const journalOf = (mutationId: string) =>
  t.ctx.db.prepare<[string], { name: string; actor_name: string }>('SELECT name, actor_name FROM journal WHERE mutation_id = ?').get(mutationId);
const outboxCount = () => t.ctx.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;

/** A dossier under instruction, imported the way the hub sends it. */
function importedDossier(number: number, spec: Parameters<typeof makeDossier>[0] extends infer S ? Partial<S> : never = {}) {
  const dossier = makeDossier({ number, state: 'en_instruction', arDate: '2026-01-15', ...spec });
  importDossiers(t.ctx, [dossier]);
  return dossier;
}

describe('a change replayed from the hub', () => {
  it('sets a criterion over a version this desk saved since, with the author and time of the change', async () => {
    const dossier = importedDossier(1);
    runMutation(t.ctx, setCriterion, { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, status: 'met', at: t.ctx.clock().toISOString() });
    const stale = { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, status: 'not_met' as const, comment: 'Vu sur place', at: THEN };
    expect(relaisErrorOf(() => runMutation(t.ctx, setCriterion, stale)).code).toBe('evaluation_stale');

    const outbox = outboxCount();
    const event = replay(setCriterion, stale, dossier.id);
    const jobs = (await t.call('evaluation.get', { dossierId: dossier.id })).criteria.find((criterion) => criterion.criterionId === 'jobs')!;
    expect(jobs).toMatchObject({ status: 'not_met', comment: 'Vu sur place', version: 2, updatedAt: THEN, updatedBy: AUTHOR.name });
    expect(journalOf(event.mutationId)).toEqual({ name: 'evaluation.setCriterion', actor_name: AUTHOR.name });
    expect(outboxCount()).toBe(outbox);
  });

  it('keeps the comment this desk is typing on the same criterion', async () => {
    const dossier = importedDossier(2);
    await t.call('drafts.save', { dossierId: dossier.id, key: 'evaluation:jobs', text: 'Mon brouillon' });
    // The author cleared their own draft of that key; this desk's stays.
    replay(setCriterion, { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, comment: 'Le sien', draftKey: 'evaluation:jobs', at: THEN }, dossier.id);
    const { drafts } = await t.call('drafts.get', { dossierId: dossier.id, area: 'evaluation' });
    expect(drafts.map(({ key, text }) => ({ key, text }))).toEqual([{ key: 'evaluation:jobs', text: 'Mon brouillon' }]);
  });

  it('adds an annotation under the id its author gave it, and edits one this desk removed', async () => {
    const dossier = importedDossier(3);
    const annotationId = t.ctx.newId();
    replay(addAnnotation, { annotationId, dossierId: dossier.id, target: { kind: 'note' }, text: 'Note de Léa', at: THEN }, dossier.id);
    await t.call('annotations.remove', { annotationId, expectedVersion: 1 });
    const edit = { annotationId, expectedVersion: 1, text: 'Reprise', versionId: t.ctx.newId(), at: THEN };
    expect(relaisErrorOf(() => runMutation(t.ctx, editAnnotation, edit)).code).toBe('annotation_removed');

    replay(editAnnotation, edit, dossier.id);
    const { annotations } = await t.call('annotations.list', { dossierId: dossier.id, includeRemoved: true });
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({ id: annotationId, text: 'Reprise', removed: false, version: 3 });
    expect(annotations[0]!.versions.map(({ at, by }) => ({ at, by }))).toEqual([
      { at: THEN, by: AUTHOR.name },
      { at: t.ctx.clock().toISOString(), by: t.ctx.actor.name },
      { at: THEN, by: AUTHOR.name },
    ]);
  });

  it('proposes a decision on a signataire desk, incomplete as this desk sees it', async () => {
    const dossier = await instructedDossier(t, { number: 4 });
    const closure = await t.call('decisions.create', { dossierId: dossier.id, type: 'sans-suite' });
    await t.call('decisions.setRole', { role: 'signataire' });
    const args = { id: closure.id, expectedVersion: 1, at: THEN };
    expect(relaisErrorOf(() => runMutation(t.ctx, proposeDecision, args)).code).toBe('role_forbidden');

    replay(proposeDecision, args, dossier.id);
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]).toMatchObject({ state: 'proposee', proposedAt: THEN });
  });

  it('signs a decision on an instructeur desk, and refuses a type that is not the decision’s', async () => {
    const dossier = await instructedDossier(t, { number: 5 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'attribution', '2026-03-15'));
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    const signature = { signerName: 'Claire Martin', signerTitle: 'SGAR', signedAt: THEN, pdfSha256: registerTextBlob(t.ctx, ['Arrêté signé']) };
    const args = { id: decision.id, type: 'attribution' as const, signature };
    expect(relaisErrorOf(() => runMutation(t.ctx, signDecision, args)).code).toBe('role_forbidden');

    const wrongType = { ...args, type: 'refus' as const };
    expect(relaisErrorOf(() => replay(signDecision, wrongType, dossier.id)).code).toBe('invalid_arguments');
    replay(signDecision, args, dossier.id);
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]).toMatchObject({ state: 'signee', signatures: [signature] });
  });

  it('signs a draft this desk sent back, whose sending back the hub overruled: proposed then, as the dossier stands', async () => {
    const dossier = await instructedDossier(t, { number: 7 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'attribution', '2026-03-15'));
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    await t.call('decisions.setRole', { role: 'signataire' });
    await t.call('decisions.sendBack', { id: decision.id, expectedVersion: 2, comment: 'À reprendre.' });
    const signature = { signerName: 'Claire Martin', signerTitle: 'SGAR', signedAt: THEN, pdfSha256: registerTextBlob(t.ctx, ['Arrêté signé']) };

    replay(signDecision, { id: decision.id, type: 'attribution', signature }, dossier.id);
    const signed = (await t.call('decisions.list', { dossierId: dossier.id }))[0]!;
    expect(signed).toMatchObject({ state: 'signee', proposedAt: THEN, signatures: [signature] });
    expect(signed.sentBack).toBeFalsy();
    const revision = t.ctx.db.prepare('SELECT proposed_revision FROM decision WHERE id = ?').pluck().get(decision.id);
    expect(revision).toBe(dossierRevision(t.ctx.db, dossierSeqOf(t.ctx.db, dossier.id)));
  });

  it('creates a decision this desk has by taking back its content only (a save the hub refused), its state untouched', async () => {
    const dossier = await instructedDossier(t, { number: 8 });
    const content = decisionContent(dossier, 'attribution', '2026-03-15');
    const decision = await draft(t, dossier, content);
    await t.call('decisions.save', { id: decision.id, expectedVersion: 1, content: { ...content, remarks: 'Refusé par le hub.' } });
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 2 });

    replay(createDecision, { decisionId: decision.id, dossierId: dossier.id, content, at: THEN }, dossier.id);
    expect(await t.call('decisions.list', { dossierId: dossier.id })).toEqual([expect.objectContaining({ id: decision.id, state: 'proposee', content })]);
  });

  it('moves a dossier to the state the hub accepted, whatever its state here', async () => {
    const dossier = importedDossier(6, { state: 'en_construction', arDate: null });
    expect(relaisErrorOf(() => runMutation(t.ctx, acceptDossier, { id: dossier.id })).code).toBe('dossier_wrong_state');
    replay(acceptDossier, { id: dossier.id }, dossier.id);
    expect((await t.call('dossiers.get', { id: dossier.id })).state).toBe('accepte');
  });

  it('saves a visit report over a version this desk saved since', async () => {
    const dossier = importedDossier(7);
    const visitId = t.ctx.newId();
    runMutation(t.ctx, createVisit, { visitId, dossierId: dossier.id, at: THEN });
    runMutation(t.ctx, updateVisit, { visitId, expectedVersion: 1, changes: { place: 'Atelier A' }, at: THEN });
    const stale = { visitId, expectedVersion: 1, changes: { conclusion: 'Conforme' }, at: THEN };
    expect(relaisErrorOf(() => runMutation(t.ctx, updateVisit, stale)).code).toBe('visit_conflict');

    replay(updateVisit, stale, dossier.id);
    expect((await t.call('visits.list', { dossierId: dossier.id })).visits[0]).toMatchObject({ place: 'Atelier A', conclusion: 'Conforme', version: 3 });
  });

  it('adds extensions judged on the author’s day and removes one that is not the last', async () => {
    const dossier = importedDossier(8);
    const first = { id: t.ctx.newId(), decidedOn: '2026-03-01', newDue: '2026-11-15', reason: 'Expertise technique' };
    const second = { id: t.ctx.newId(), decidedOn: '2026-03-02', newDue: '2026-12-15', reason: 'Pièces attendues' };
    replay(addExtension, { dossierId: dossier.id, extension: first }, dossier.id);
    replay(addExtension, { dossierId: dossier.id, extension: second }, dossier.id);
    const removal = { dossierId: dossier.id, extensionId: first.id };
    expect(relaisErrorOf(() => runMutation(t.ctx, removeExtension, removal)).code).toBe('extension_not_last');

    replay(removeExtension, removal, dossier.id);
    expect((await t.call('instruction.get', { dossierId: dossier.id })).extensions).toEqual([second]);
  });

  it('lists a message another desk sent, whose draft was never here, as sent', async () => {
    const dossier = importedDossier(9);
    const args = {
      messageId: t.ctx.newId(),
      dossierId: dossier.id,
      templateId: 'demande_precisions' as const,
      expectedVersion: 2,
      subject: 'Dossier 9 : précisions',
      body: 'Bonjour,\nPourriez-vous préciser le calendrier ?',
      answerDays: 15,
      answerBy: '2026-03-29',
      at: THEN,
    };
    expect(relaisErrorOf(() => runMutation(t.ctx, sendMessage, args)).code).toBe('not_found');

    replay(sendMessage, args, dossier.id);
    const { messages } = await t.call('messages.list', { dossierId: dossier.id });
    expect(messages).toEqual([
      {
        id: args.messageId,
        dossierId: dossier.id,
        templateId: 'demande_precisions',
        subject: args.subject,
        body: args.body,
        answerDays: 15,
        version: 3,
        status: 'sent',
        createdAt: THEN,
        updatedAt: THEN,
        sentAt: THEN,
        answerBy: '2026-03-29',
        author: AUTHOR.name,
      },
    ]);
  });

  it('is still refused on a dossier this desk does not have, with nothing written', () => {
    const before = t.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get();
    expect(relaisErrorOf(() => replay(setFollowed, { id: t.ctx.newId(), followed: true }, null)).code).toBe('not_found');
    expect(t.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(before);
  });
});

describe('a criterion change made on this desk', () => {
  it('goes to the hub as the whole assessment it leaves, clearing the comment draft only when the comment is saved', async () => {
    const dossier = importedDossier(10);
    await t.call('drafts.save', { dossierId: dossier.id, key: 'evaluation:jobs', text: 'En cours' });
    await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, status: 'met' });
    expect((await t.call('drafts.get', { dossierId: dossier.id, area: 'evaluation' })).drafts).toHaveLength(1);
    await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 1, comment: '8 emplois' });
    expect((await t.call('drafts.get', { dossierId: dossier.id, area: 'evaluation' })).drafts).toEqual([]);

    const queued = t.ctx.db.prepare("SELECT args FROM outbox WHERE name = 'evaluation.setCriterion' ORDER BY client_seq").pluck().all() as string[];
    expect(queued.map((args) => JSON.parse(args))).toEqual([
      { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, status: 'met', comment: '', evidence: [], at: t.ctx.clock().toISOString() },
      { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 1, status: 'met', comment: '8 emplois', evidence: [], at: t.ctx.clock().toISOString(), draftKey: 'evaluation:jobs' },
    ]);
  });
});
