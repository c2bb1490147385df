/**
 * A decision's change the hub refused, on a real hub (HTTP on loopback, PGlite): a draft saved
 * after its proposal takes back the hub's content, and a second signature of the same proposal
 * leaves the act on its desk (kept on record with the reason, its signed PDF kept) so that the
 * desk ends with the hub's signature alone; a sending back kept over a signed act leaves it signed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerBlob } from '../../../electron/core/blobs/register';
import { sha256Of } from '../../../electron/core/blobs/store';
import { dossierOutcome } from '../../../electron/core/decisions/dossier-outcome';
import { createDecision, signDecision } from '../../../electron/core/decisions/mutations';
import { mutationCall, runMutation, runMutations } from '../../../electron/core/mutations';
import type { DossierImport } from '../../../shared/domain/dossier';
import { decisionContent } from '../fixtures/decisions';
import { makeDossier } from '../fixtures/core-dossiers';
import { Desk, importOnHub, startHub, type EngineHub } from './hub-desks';

let hub: EngineHub;
const desks: Desk[] = [];

beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());
afterEach(() => {
  for (const desk of desks.splice(0)) desk.dispose();
});

async function desk(role: 'instructeur' | 'signataire'): Promise<Desk> {
  const made = await Desk.enrol(hub, role);
  desks.push(made);
  return made;
}

let number = 1_100;

/** A refusal drafted by an instructeur's desk and sent to the hub, on a dossier under instruction. */
async function draftedRefusal(): Promise<{ dossier: DossierImport; author: Desk; decisionId: string }> {
  number += 1;
  const dossier = makeDossier({ number, state: 'en_instruction', territory: 'vosges', receivedAt: '2026-01-10T09:00:00Z', arDate: '2026-01-15', title: `Projet ${randomBytes(4).toString('hex')}` });
  await importOnHub(hub, [dossier]);
  const author = await desk('instructeur');
  await author.round();
  await author.call('instruction.setRegime', { dossierId: dossier.id, regime: { kind: 'regional', zone: 'c' } });
  const decisionId = author.ctx.newId();
  runMutation(author.ctx, createDecision, { decisionId, dossierId: dossier.id, content: decisionContent(dossier, 'refus', '2026-03-01'), at: author.ctx.clock().toISOString() });
  expect(await author.round()).toMatchObject({ rejected: 0, conflicts: 0 });
  return { dossier, author, decisionId };
}

const decisionOn = async (d: Desk, dossierId: string, id: string) => (await d.call('decisions.list', { dossierId })).find((decision) => decision.id === id)!;

/** Signs the proposal as the signing screen records it: the signed PDF as a blob, the signature, the dossier's outcome. */
async function sign(signer: Desk, dossierId: string, decisionId: string) {
  const pdf = signer.ctx.blobs.put(Buffer.from(`%PDF-1.7 acte ${decisionId} signé par ${signer.account.name} ${randomBytes(8).toString('hex')}`));
  const signature = { signerName: signer.account.name, signerTitle: 'SGAR', signedAt: signer.ctx.clock().toISOString(), pdfSha256: pdf.sha256 };
  const proposal = await decisionOn(signer, dossierId, decisionId);
  runMutations(signer.ctx, [
    mutationCall(registerBlob, { ...pdf, mimeType: 'application/pdf', textStatus: 'indexed', pageCount: null, pages: [] }),
    mutationCall(signDecision, { id: decisionId, type: 'refus', signature }),
    dossierOutcome(dossierId, proposal.content)!,
  ]);
  return signature;
}

describe('a decision change the hub refused', () => {
  it('a draft saved here after another desk proposed it takes back the content the hub holds', async () => {
    const { dossier, author, decisionId } = await draftedRefusal();
    const other = await desk('instructeur');
    await other.round();
    const drafted = await decisionOn(author, dossier.id, decisionId);
    await author.call('decisions.propose', { id: decisionId, expectedVersion: drafted.version });
    await author.round();

    // The other desk, not synced since, edits the draft it still shows.
    const shown = await decisionOn(other, dossier.id, decisionId);
    await other.call('decisions.save', { id: decisionId, expectedVersion: shown.version, content: { ...shown.content, remarks: 'Refusé : à revoir.' } });
    expect(await other.round()).toMatchObject({ rejected: 1 });
    const page = await other.call('sync.outbox', { states: ['rejected'], limit: 10, offset: 0 });
    expect(page.items.map((item) => [item.name, item.reason])).toEqual([['decision.save', 'decision_wrong_state']]);
    expect(await decisionOn(other, dossier.id, decisionId)).toMatchObject({ state: 'proposee', content: drafted.content });
    expect((await decisionOn(other, dossier.id, decisionId)).content).toEqual((await decisionOn(author, dossier.id, decisionId)).content);
    expect(await other.round()).toMatchObject({ pending: 0, rejected: 0 });
  });

  it('a proposal sent back here after another desk signed it, settled with mine, stays signed as on the hub', async () => {
    const { dossier, author, decisionId } = await draftedRefusal();
    const drafted = await decisionOn(author, dossier.id, decisionId);
    await author.call('decisions.propose', { id: decisionId, expectedVersion: drafted.version });
    await author.round();
    const [signer, other] = [await desk('signataire'), await desk('signataire')];
    for (const d of [signer, other]) await d.round();

    const winner = await sign(signer, dossier.id, decisionId);
    expect(await signer.round()).toMatchObject({ rejected: 0, conflicts: 0 });
    const shown = await decisionOn(other, dossier.id, decisionId);
    await other.call('decisions.sendBack', { id: decisionId, expectedVersion: shown.version, comment: 'À revoir.' });
    expect(await other.round()).toMatchObject({ conflicts: 1 });
    // Sending back a signed act cannot be kept: the hub's signature stays, nothing more goes.
    const [conflict] = await other.call('sync.conflicts', {});
    await other.call('sync.resolveConflict', { id: conflict!.id, choice: 'mine' });
    expect(await other.round()).toMatchObject({ pending: 0, conflicts: 0 });
    expect(await decisionOn(other, dossier.id, decisionId)).toMatchObject({ state: 'signee', signatures: [winner] });
    expect((await other.call('dossiers.get', { id: dossier.id })).state).toBe('refuse');
  });

  it.each(['theirs', 'mine'] as const)(
    'a second signature of the same proposal, settled with %s, is withdrawn here, kept on record with its PDF, and the hub’s signature takes its place',
    async (choice) => {
      const { dossier, author, decisionId } = await draftedRefusal();
      const drafted = await decisionOn(author, dossier.id, decisionId);
      await author.call('decisions.propose', { id: decisionId, expectedVersion: drafted.version });
      await author.round();
      const [first, second] = [await desk('signataire'), await desk('signataire')];
      for (const d of [first, second]) await d.round();

      // Both sign while offline; the first to sync wins, the second meets the hub's signature.
      const winner = await sign(first, dossier.id, decisionId);
      const refused = await sign(second, dossier.id, decisionId);
      expect(await first.round()).toMatchObject({ rejected: 0, conflicts: 0 });
      expect(await second.round()).toMatchObject({ rejected: 0, conflicts: 2 });
      for (const conflict of await second.call('sync.conflicts', {})) await second.call('sync.resolveConflict', { id: conflict.id, choice });
      // Kept as mine, the signature goes again: the hub refuses it, the act here keeps the hub's.
      expect(await second.round()).toMatchObject({ pending: 0, conflicts: 0 });
      expect(await second.round()).toMatchObject({ pending: 0, rejected: 0, conflicts: 0 });

      const onSecond = await decisionOn(second, dossier.id, decisionId);
      expect(onSecond).toMatchObject({ state: 'signee', signatures: [winner] });
      expect(onSecond.signatures).toEqual((await decisionOn(first, dossier.id, decisionId)).signatures);
      expect((await second.call('dossiers.get', { id: dossier.id })).state).toBe('refuse');
      const record = second.ctx.db.prepare('SELECT decision_id, signer_name, signer_title, signed_at, pdf_sha256, reason FROM decision_signature_refused').all();
      expect(record).toEqual([
        { decision_id: decisionId, signer_name: refused.signerName, signer_title: 'SGAR', signed_at: refused.signedAt, pdf_sha256: refused.pdfSha256, reason: 'decision_wrong_state' },
      ]);
      expect(sha256Of(second.ctx.blobs.read(refused.pdfSha256))).toBe(refused.pdfSha256);
      expect(second.ctx.db.prepare(`SELECT count(*) FROM journal WHERE name = 'decision.withdrawRefusedSignature'`).pluck().get()).toBe(choice === 'mine' ? 2 : 1);
    },
  );
});
