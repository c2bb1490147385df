/**
 * A decision's life on a real case file, short of signing: drafts saved with their version,
 * proposals refused with their reasons, roles, the « à signer » queue, proposals sent back by the
 * signataire or because the dossier changed since, each step one journaled mutation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDossier, importDossiers } from '../../electron/core/dossiers/import';
import { runMutation } from '../../electron/core/mutations';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { registerTextBlob } from './fixtures/core-dossiers';
import { decisionContent, draft, instructedDossier, journalNames, outboxNames } from './fixtures/decisions';

let t: TestContext;
beforeEach(() => {
  t = createTestContext('2026-03-15T10:00:00.000Z');
});
afterEach(() => t.dispose());

const TODAY = '2026-03-15';
const asSignataire = () => t.call('decisions.setRole', { role: 'signataire' });
const asInstructeur = () => t.call('decisions.setRole', { role: 'instructeur' });

describe('drafts', () => {
  it('start prefilled from the dossier and its instruction facts, and preview as the PDF of the act', async () => {
    const dossier = await instructedDossier(t, { number: 500, raisonSociale: 'Fonderie Vosgienne' });
    const attribution = await t.call('decisions.create', { dossierId: dossier.id, type: 'attribution' });
    expect(attribution).toMatchObject({ state: 'brouillon', version: 1, dossierId: dossier.id, content: { type: 'attribution', date: TODAY, dossier: { number: 500, company: 'Fonderie Vosgienne' } } });
    // Prefilled within the request and the zone c ceiling: it can be proposed as it stands.
    expect(await t.call('decisions.problems', { id: attribution.id })).toEqual([]);
    const closure = await t.call('decisions.create', { dossierId: dossier.id, type: 'sans-suite' });
    expect(await t.call('decisions.problems', { id: closure.id })).toEqual([{ path: 'reason', code: 'sans_suite_no_reason', params: {} }]);

    const preview = await t.call('decisions.preview', { id: attribution.id });
    const bytes = Buffer.from(preview.base64, 'base64');
    expect(preview).toMatchObject({ mimeType: 'application/pdf', sizeBytes: bytes.byteLength, fileName: 'attribution-500.pdf' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(journalNames(t).filter((name) => name.startsWith('decision.'))).toEqual(['decision.create', 'decision.create']);
  });

  it('save their content with a version, and refuse a stale one with nothing written', async () => {
    const dossier = await instructedDossier(t, { number: 501 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    expect(decision).toMatchObject({ state: 'brouillon', version: 1, proposedAt: null, sentBack: null, signatures: [] });

    const content = { ...decision.content, remarks: 'Copie au sous-préfet.' };
    const saved = await t.call('decisions.save', { id: decision.id, expectedVersion: 1, content });
    expect(saved).toMatchObject({ version: 2, content: { remarks: 'Copie au sous-préfet.' } });

    const journal = journalNames(t).length;
    const stale = await t.failure('decisions.save', { id: decision.id, expectedVersion: 1, content: { ...content, remarks: 'Autre.' } });
    expect(stale).toMatchObject({ code: 'decision_stale', params: { version: 2, expected: 1 } });
    expect(journalNames(t)).toHaveLength(journal);
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]!.content.remarks).toBe('Copie au sous-préfet.');
  });

  it('journal the fields a save changed, before and after', async () => {
    const dossier = await instructedDossier(t, { number: 502 });
    const refusal = decisionContent(dossier, 'refus', TODAY);
    const decision = await draft(t, dossier, refusal);
    await t.call('decisions.save', { id: decision.id, expectedVersion: 1, content: { ...refusal, reasonsOfFact: 'Autres faits.' } });
    const entry = t.ctx.db.prepare(`SELECT before, after FROM journal WHERE name = 'decision.save'`).get() as { before: string; after: string };
    expect(JSON.parse(entry.before)).toEqual({ decision: 'refus', reasonsOfFact: 'Les travaux ont commencé avant le dépôt de la demande.' });
    expect(JSON.parse(entry.after)).toEqual({ decision: 'refus', reasonsOfFact: 'Autres faits.' });
  });

  it('refuse content of another type', async () => {
    const dossier = await instructedDossier(t, { number: 503 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    const failure = await t.failure('decisions.save', { id: decision.id, expectedVersion: 1, content: decisionContent(dossier, 'sans-suite', TODAY) });
    expect(failure).toMatchObject({ code: 'invalid_arguments', issues: [{ path: 'content.type' }] });
  });
});

describe('proposals', () => {
  it('refuse a refusal with no reasons, naming both fields, and leave the draft as it was', async () => {
    const dossier = await instructedDossier(t, { number: 511 });
    const decision = await draft(t, dossier, { ...decisionContent(dossier, 'refus', TODAY), reasonsOfLaw: '', reasonsOfFact: ' ' });
    const failure = await t.failure('decisions.propose', { id: decision.id, expectedVersion: 1 });
    expect(failure).toEqual({
      code: 'decision_not_proposable',
      params: { count: 2 },
      issues: [
        { path: 'content.reasonsOfLaw', message: 'refusal_no_reasons_of_law' },
        { path: 'content.reasonsOfFact', message: 'refusal_no_reasons_of_fact' },
      ],
    });
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]).toMatchObject({ state: 'brouillon', version: 1 });
    expect(await t.call('decisions.problems', { id: decision.id })).toHaveLength(2);
  });

  it('refuse an amount above the request, and one above the regime’s ceiling, with the reason', async () => {
    const dossier = await instructedDossier(t, { number: 512 });
    const attribution = decisionContent(dossier, 'attribution', TODAY);
    const aboveRequest = await draft(t, dossier, { ...attribution, rateBasisPoints: 2_200, amountCents: 11_000_000, payment: { ...attribution.payment, advanceCents: 0 } });
    expect(await t.failure('decisions.propose', { id: aboveRequest.id, expectedVersion: 1 })).toMatchObject({
      code: 'decision_not_proposable',
      issues: [{ path: 'content.amountCents', message: 'amount_above_request' }],
    });
    // GBER art. 17: 20 % for a small company; 21 % of 500 000 € is above it, and within the request of 120 000 €.
    const big = await instructedDossier(t, { number: 513, amountRequestedCents: 12_000_000 });
    await t.call('instruction.setRegime', { dossierId: big.id, regime: { kind: 'gber_art17' } });
    const aboveCeiling = await draft(t, big, { ...decisionContent(big, 'attribution', TODAY), rateBasisPoints: 2_100, amountCents: 10_500_000 });
    expect(await t.call('decisions.problems', { id: aboveCeiling.id })).toEqual([
      expect.objectContaining({ code: 'amount_above_ceiling', params: expect.objectContaining({ reason: 'rate_above', maxPercent: 20, maxAidCents: 10_000_000 }) }),
    ]);
    expect(await t.failure('decisions.propose', { id: aboveCeiling.id, expectedVersion: 1 })).toMatchObject({ code: 'decision_not_proposable' });
  });

  it('name the version they start from, as a send back does', async () => {
    const dossier = await instructedDossier(t, { number: 516 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    expect(await t.failure('decisions.propose', { id: decision.id, expectedVersion: 2 })).toMatchObject({ code: 'decision_stale', params: { version: 1, expected: 2 } });
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    await asSignataire();
    expect(await t.failure('decisions.sendBack', { id: decision.id, expectedVersion: 1, comment: 'Non.' })).toMatchObject({ code: 'decision_stale', params: { version: 2, expected: 1 } });
  });

  it('refuse an act number already proposed or signed, not one only drafted', async () => {
    const dossier = await instructedDossier(t, { number: 517 });
    const content = decisionContent(dossier, 'refus', TODAY);
    const first = await draft(t, dossier, content);
    const second = await draft(t, dossier, content);
    expect(await t.call('decisions.problems', { id: first.id })).toEqual([]);
    await t.call('decisions.propose', { id: first.id, expectedVersion: 1 });
    expect(await t.failure('decisions.propose', { id: second.id, expectedVersion: 1 })).toMatchObject({
      code: 'decision_not_proposable',
      issues: [{ path: 'content.reference', message: 'reference_taken' }],
    });
  });

  it('are for the instructeur: a signataire’s desk is refused', async () => {
    const dossier = await instructedDossier(t, { number: 514 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    await asSignataire();
    expect(await t.failure('decisions.propose', { id: decision.id, expectedVersion: 1 })).toMatchObject({
      code: 'role_forbidden',
      params: { role: 'signataire', needed: 'instructeur' },
    });
  });

  it('freeze the draft: a proposal is no longer saved', async () => {
    const dossier = await instructedDossier(t, { number: 515 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    const proposed = await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    expect(proposed).toMatchObject({ state: 'proposee', version: 2, proposedAt: '2026-03-15T10:00:00.000Z' });
    expect(await t.failure('decisions.save', { id: decision.id, expectedVersion: 2, content: decision.content })).toMatchObject({
      code: 'decision_not_editable',
      params: { state: 'proposee' },
    });
    expect(await t.failure('decisions.propose', { id: decision.id, expectedVersion: 2 })).toMatchObject({ code: 'decision_not_editable' });
  });
});

describe('the signataire', () => {
  it('sees the proposals in the queue with their dossier, and sends one back with a comment: a draft again, then proposed anew', async () => {
    const dossier = await instructedDossier(t, { number: 521, raisonSociale: 'Fonderie Vosgienne', title: 'Four à induction' });
    const closure = decisionContent(dossier, 'sans-suite', TODAY);
    const decision = await draft(t, dossier, closure);
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });

    expect(await t.failure('decisions.sendBack', { id: decision.id, expectedVersion: 2, comment: 'Motif trop bref.' })).toMatchObject({ code: 'role_forbidden' });
    await asSignataire();
    const [queued, ...others] = await t.call('decisions.queue', {});
    expect(others).toEqual([]);
    expect(queued).toMatchObject({ dossierNumber: 521, company: 'Fonderie Vosgienne', project: 'Four à induction', decision: { id: decision.id, state: 'proposee' } });

    expect(await t.failure('decisions.sendBack', { id: decision.id, expectedVersion: 2, comment: '  ' })).toMatchObject({ code: 'invalid_arguments' });
    t.setNow('2026-03-16T08:30:00.000Z');
    const sentBack = await t.call('decisions.sendBack', { id: decision.id, expectedVersion: 2, comment: 'Motif trop bref.' });
    expect(sentBack).toMatchObject({
      state: 'brouillon',
      version: 3,
      proposedAt: null,
      sentBack: { at: '2026-03-16T08:30:00.000Z', by: 'Camille Instructrice', comment: 'Motif trop bref.', dossierChanged: false },
    });
    expect(await t.call('decisions.queue', {})).toEqual([]);

    await asInstructeur();
    const edited = await t.call('decisions.save', { id: decision.id, expectedVersion: 3, content: { ...closure, reason: 'Le demandeur a retiré sa demande par courrier du 10 mars 2026.' } });
    const again = await t.call('decisions.propose', { id: decision.id, expectedVersion: edited.version });
    expect(again).toMatchObject({ state: 'proposee', sentBack: null });
    expect(journalNames(t).filter((name) => name.startsWith('decision.'))).toEqual([
      'decision.create',
      'decision.propose',
      'decision.setRole',
      'decision.sendBack',
      'decision.setRole',
      'decision.save',
      'decision.propose',
    ]);
    // The workflow goes to the hub; the desk's role stays on this computer.
    expect(outboxNames(t).filter((name) => name.startsWith('decision.'))).toEqual(['decision.create', 'decision.propose', 'decision.sendBack', 'decision.save', 'decision.propose']);
  });
});

describe('a dossier that changes after the proposal', () => {
  it('sends the proposal back to review when an import brings new applicant data', async () => {
    const dossier = await instructedDossier(t, { number: 531 });
    const other = await instructedDossier(t, { number: 532 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    const untouched = await draft(t, other, decisionContent(other, 'refus', TODAY));
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    await t.call('decisions.propose', { id: untouched.id, expectedVersion: 1 });

    // The same version again changes nothing.
    importDossiers(t.ctx, [dossier, other]);
    expect((await t.call('decisions.queue', {})).map((queued) => queued.dossierNumber)).toEqual([531, 532]);

    t.setNow('2026-03-17T09:00:00.000Z');
    importDossiers(t.ctx, [{ ...dossier, updatedAt: '2026-03-17T08:00:00.000Z', champs: [{ section: 'Projet', label: 'Description', value: 'Nouveau four.' }] }]);
    const [reviewed] = await t.call('decisions.list', { dossierId: dossier.id });
    expect(reviewed).toMatchObject({ state: 'brouillon', proposedAt: null, sentBack: { at: '2026-03-17T09:00:00.000Z', dossierChanged: true } });
    expect(reviewed!.sentBack!.comment).toMatch(/a changé depuis la proposition/);
    expect((await t.call('decisions.queue', {})).map((queued) => queued.dossierNumber)).toEqual([532]);
    expect(journalNames(t).at(-1)).toBe('decision.reviewAgain');
  });

  it('keeps it when only the instruction moved: state, labels, instructor, the hub’s version date', async () => {
    const dossier = await instructedDossier(t, { number: 535 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    importDossiers(t.ctx, [{ ...dossier, updatedAt: '2026-03-16T08:00:00.000Z', labels: ['Prioritaire'], assignedInstructor: null }]);
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]).toMatchObject({ state: 'proposee', sentBack: null });
  });

  it('sends it back when a piece is added, even with the same version date', async () => {
    const dossier = await instructedDossier(t, { number: 533 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    const piece = { id: t.ctx.newId(), name: 'kbis.pdf', kind: 'extrait_kbis' as const, mimeType: 'application/pdf', sizeBytes: 5, sha256: registerTextBlob(t.ctx, ['Kbis']) };
    importDossiers(t.ctx, [{ ...dossier, pieces: [piece] }]);
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]).toMatchObject({ state: 'brouillon', sentBack: { dossierChanged: true } });
  });

  it('refuses to sign it when the change came by another path, and sends it back then', async () => {
    const dossier = await instructedDossier(t, { number: 534 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    runMutation(t.ctx, importDossier, { ...dossier, updatedAt: '2026-03-16T08:00:00.000Z', finance: { ...dossier.finance, amountRequestedCents: 12_000_000 } });
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]!.state).toBe('proposee');

    await asSignataire();
    const { jobId } = await t.call('decisions.sign', { ids: [decision.id], credentials: { kind: 'p12', p12Base64: 'AAAA', password: 'x' } });
    const progress = await finished(jobId);
    expect(progress).toEqual({ total: 1, done: 0, failed: [{ id: decision.id, code: 'decision_dossier_changed', params: { number: 534 } }], finished: true });
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]).toMatchObject({ state: 'brouillon', signatures: [], sentBack: { dossierChanged: true } });
  });
});

describe('signing', () => {
  it('is for the signataire', async () => {
    const dossier = await instructedDossier(t, { number: 541 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    expect(await t.failure('decisions.sign', { ids: [decision.id], credentials: { kind: 'p12', p12Base64: 'AAAA', password: 'x' } })).toMatchObject({
      code: 'role_forbidden',
      params: { role: 'instructeur', needed: 'signataire' },
    });
  });

  it('refuses an attribution, refusal or closure of a dossier not under instruction, before any key is opened', async () => {
    const dossier = await instructedDossier(t, { number: 543, state: 'en_construction' });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    await asSignataire();
    const { jobId } = await t.call('decisions.sign', { ids: [decision.id], credentials: { kind: 'p12', p12Base64: 'AAAA', password: 'x' } });
    expect((await finished(jobId)).failed).toEqual([{ id: decision.id, code: 'dossier_wrong_state', params: { number: 543, state: 'en_construction' } }]);
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]!.state).toBe('proposee');
  });

  it('refuses a draft, saying so in the batch’s progress', async () => {
    const dossier = await instructedDossier(t, { number: 542 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    await asSignataire();
    const { jobId } = await t.call('decisions.sign', { ids: [decision.id], credentials: { kind: 'p12', p12Base64: 'AAAA', password: 'x' } });
    expect((await finished(jobId)).failed).toEqual([{ id: decision.id, code: 'decision_not_proposed', params: { state: 'brouillon' } }]);
  });
});

async function finished(jobId: string) {
  for (;;) {
    const progress = await t.call('decisions.signProgress', { jobId });
    if (progress.finished) return progress;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
