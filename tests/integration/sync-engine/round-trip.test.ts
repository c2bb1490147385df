/**
 * The desk's sync engine against a real hub (HTTP on loopback, PGlite): a new desk pulls dossiers
 * and pieces, changes made on one desk reach another once, a desk's own changes are not replayed,
 * blobs go both ways (an interrupted upload resumed), and a round cut at any call leaves nothing
 * lost and nothing applied twice once the next round ran.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerBlob } from '../../../electron/core/blobs/register';
import { sha256Of } from '../../../electron/core/blobs/store';
import { dossierOutcome } from '../../../electron/core/decisions/dossier-outcome';
import { createDecision, signDecision } from '../../../electron/core/decisions/mutations';
import { mutationCall, runMutation, runMutations } from '../../../electron/core/mutations';
import { pullCursor } from '../../../electron/core/sync/engine';
import { HubRequestError, type HubTransport } from '../../../electron/core/sync/transport';
import { RelaisError } from '../../../shared/errors';
import type { DossierImport } from '../../../shared/domain/dossier';
import { putBlobChunk } from '../../../server/blobs/store';
import { decisionContent } from '../fixtures/decisions';
import { makeDossier, pieceOf } from '../fixtures/core-dossiers';
import { cameraJpeg } from '../fixtures/photos';
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

async function desk(role: 'instructeur' | 'signataire' = 'instructeur'): Promise<Desk> {
  const made = await Desk.enrol(hub, role);
  desks.push(made);
  return made;
}

let number = 700;

/** A dossier under instruction on the hub, with one piece whose bytes the hub holds. */
async function dossierOnHub(): Promise<{ dossier: DossierImport; piece: Buffer }> {
  number += 1;
  const piece = Buffer.from(`%PDF-1.4 pièce du dossier ${number} ${randomBytes(8).toString('hex')}`);
  const dossier = makeDossier({ number, state: 'en_instruction', territory: 'vosges', receivedAt: '2026-01-10T09:00:00Z', arDate: '2026-01-15', pieces: [pieceOf(sha256Of(piece), 'Devis.pdf')] });
  await importOnHub(hub, [dossier], [piece]);
  return { dossier, piece };
}

const journalIds = (d: Desk): string[] => d.ctx.db.prepare('SELECT mutation_id FROM journal ORDER BY seq').pluck().all() as string[];
const outboxStates = (d: Desk): Record<string, number> =>
  Object.fromEntries(d.ctx.db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').raw().all() as [string, number][]);
const hubVersion = (d: Desk, key: string) => d.ctx.db.prepare('SELECT version FROM sync_field WHERE key = ?').pluck().get(key);

async function hubEventsOfDevice(deviceId: string): Promise<{ mutation_id: string; name: string }[]> {
  const { rows } = await hub.db.query<{ mutation_id: string; name: string }>('SELECT mutation_id, name FROM hub_event WHERE device_id = $1 ORDER BY seq', [deviceId]);
  return rows;
}

/** What a desk shows of a dossier that sync must carry: evaluation, annotations, instruction facts, visits, decisions. */
async function viewOf(d: Desk, dossierId: string) {
  const evaluation = await d.call('evaluation.get', { dossierId });
  const annotations = await d.call('annotations.list', { dossierId });
  const facts = await d.call('instruction.get', { dossierId });
  const visits = await d.call('visits.list', { dossierId });
  const decisions = await d.call('decisions.list', { dossierId });
  const dossier = await d.call('dossiers.get', { id: dossierId });
  return {
    state: dossier.state,
    labels: dossier.labels,
    criteria: evaluation.criteria.map(({ criterionId, status, comment, version }) => ({ criterionId, status, comment, version })),
    annotations,
    facts,
    visits: visits.visits,
    decisions: decisions.map(({ id, state, version, content }) => ({ id, state, version, content })),
  };
}

describe('sync engine, on a real hub', () => {
  it('pulls the hub’s dossiers with their pieces into a new desk, once, and keeps the cursor', async () => {
    const { dossier, piece } = await dossierOnHub();
    const a = await desk();
    const summary = await a.round();
    expect(summary).toMatchObject({ pushed: 0, conflicts: 0, rejected: 0, pending: 0 });
    expect(summary.pulled).toBeGreaterThanOrEqual(1);
    expect(summary.bytesDown).toBeGreaterThanOrEqual(piece.byteLength);

    const shown = await a.call('dossiers.get', { id: dossier.id });
    expect(shown.number).toBe(dossier.number);
    expect(a.ctx.blobs.read(sha256Of(piece))).toEqual(piece);
    expect(hubVersion(a, `dossier:${dossier.id}:state`)).toBe(1);
    expect(pullCursor(a.ctx)).toMatch(/^[0-9a-f-]{36}:\d+$/);

    const journal = journalIds(a);
    const again = await a.round();
    expect(again).toMatchObject({ pulled: 0, pushed: 0, bytesDown: 0 });
    expect(journalIds(a)).toEqual(journal);
  });

  it('carries every synced change of one desk to another, once; a desk’s own changes are not replayed', async () => {
    const { dossier } = await dossierOnHub();
    const [a, b, signer] = [await desk(), await desk(), await desk('signataire')];
    for (const d of [a, b, signer]) await d.round();
    const dossierId = dossier.id;

    await a.call('evaluation.setCriterion', { dossierId, criterionId: 'structuring_investment', expectedVersion: 0, status: 'met', comment: 'Ligne nouvelle.' });
    const note = await a.call('annotations.add', { dossierId, target: { kind: 'note' }, text: 'Appeler le dirigeant.' });
    await a.call('annotations.edit', { annotationId: note.id, expectedVersion: note.version, text: 'Dirigeant appelé le 3 mars.' });
    const comment = await a.call('annotations.add', { dossierId, target: { kind: 'field', position: 0 }, text: 'Montant à vérifier.' });
    await a.call('annotations.remove', { annotationId: comment.id, expectedVersion: comment.version });
    await a.call('instruction.setRegime', { dossierId, regime: { kind: 'regional', zone: 'c' } });
    await a.call('instruction.setAdvance', { dossierId, advance: { amountCents: 2_000_000, bankGuarantee: false } });
    await a.call('instruction.addExtension', { dossierId, decidedOn: '2026-02-01', newDue: '2026-11-15', reason: 'Pièces complémentaires attendues.' });
    await a.call('bulk.run', { action: { kind: 'addLabel', label: 'Prioritaire' }, target: { ids: [dossierId] } });
    const visit = await a.call('visits.create', { dossierId });
    await a.call('visits.update', { visitId: visit.id, expectedVersion: visit.version, changes: { place: 'Atelier de Golbey', observations: 'Machine livrée.' } });
    const photo = await a.call('visits.addPhoto', { visitId: visit.id, name: 'machine.jpg', base64: (await cameraJpeg()).toString('base64') });
    const draft = await a.call('messages.createDraft', { dossierId, templateId: 'message_libre' });
    await a.call('messages.saveDraft', { messageId: draft.id, expectedVersion: draft.version, subject: 'Votre dossier', body: 'Merci pour vos pièces.', answerDays: 30 });
    const saved = (await a.call('messages.list', { dossierId })).messages.find((message) => message.id === draft.id)!;
    await a.call('messages.send', { messageId: draft.id, expectedVersion: saved.version });
    const decision = await a.call('decisions.create', { dossierId, type: 'refus' });
    await a.call('dossiers.setFollowed', { id: dossierId, followed: true });

    const pushed = await a.round();
    expect(pushed.rejected).toBe(0);
    expect(pushed.conflicts).toBe(0);
    expect(outboxStates(a)).toEqual({ applied: pushed.pushed });
    expect(pushed.bytesUp).toBeGreaterThan(0);

    await b.round();
    // Everything but the follow (the author's own) reached b, under the same mutation ids.
    const sent = a.ctx.db.prepare(`SELECT mutation_id, name FROM outbox ORDER BY client_seq`).all() as { mutation_id: string; name: string }[];
    const bJournal = new Set(journalIds(b));
    expect(sent.filter((change) => !bJournal.has(change.mutation_id)).map((change) => change.name)).toEqual(['dossier.setFollowed']);
    expect(await viewOf(b, dossierId)).toEqual(await viewOf(a, dossierId));
    expect((await b.call('dossiers.get', { id: dossierId })).followed).toBe(false);
    expect(b.ctx.blobs.read(photo.sha256)).toEqual(a.ctx.blobs.read(photo.sha256));

    // a's own changes came back in its pull: recorded (versions), not replayed.
    const aJournal = journalIds(a);
    await a.round();
    expect(journalIds(a)).toEqual(aJournal);
    expect(hubVersion(a, `evaluation:${dossierId}/structuring_investment:assessment`)).toBe(1);

    // The signataire's desk, in scope of the same territory, has the draft too.
    await signer.round();
    expect((await signer.call('decisions.list', { dossierId })).map((d) => [d.id, d.state])).toEqual([[decision.id, 'brouillon']]);
    expect((await hubEventsOfDevice(a.account.deviceId)).map((event) => event.mutation_id)).toEqual(sent.map((change) => change.mutation_id));
  });

  it('carries a decision’s life and its signed act between an instructeur’s and a signataire’s desks', async () => {
    const { dossier } = await dossierOnHub();
    const [a, signer] = [await desk(), await desk('signataire')];
    for (const d of [a, signer]) await d.round();
    const dossierId = dossier.id;
    await a.call('instruction.setRegime', { dossierId, regime: { kind: 'regional', zone: 'c' } });
    const decisionId = a.ctx.newId();
    runMutation(a.ctx, createDecision, { decisionId, dossierId, content: decisionContent(dossier, 'refus', '2026-03-01'), at: a.ctx.clock().toISOString() });
    const decisionOn = async (d: Desk) => (await d.call('decisions.list', { dossierId })).find((decision) => decision.id === decisionId)!;
    const drafted = await decisionOn(a);
    await a.call('decisions.save', { id: decisionId, expectedVersion: drafted.version, content: { ...drafted.content, remarks: 'Vu le rapport de visite.' } });
    await a.call('decisions.propose', { id: decisionId, expectedVersion: drafted.version + 1 });
    await a.round();

    await signer.round();
    const proposed = await decisionOn(signer);
    expect(proposed).toMatchObject({ state: 'proposee', content: { remarks: 'Vu le rapport de visite.' } });
    await signer.call('decisions.sendBack', { id: decisionId, expectedVersion: proposed.version, comment: 'Préciser les motifs de fait.' });
    await signer.round();
    await a.round();
    const sentBack = await decisionOn(a);
    expect(sentBack).toMatchObject({ state: 'brouillon', sentBack: { comment: 'Préciser les motifs de fait.' } });
    await a.call('decisions.propose', { id: decisionId, expectedVersion: sentBack.version });
    await a.round();

    // Signed as the signing screen records it: the signed PDF as a blob, the signature, the dossier's outcome.
    await signer.round();
    const pdf = signer.ctx.blobs.put(Buffer.from(`%PDF-1.7 acte ${decisionId} signé ${randomBytes(8).toString('hex')}`));
    const signature = { signerName: signer.account.name, signerTitle: 'SGAR', signedAt: signer.ctx.clock().toISOString(), pdfSha256: pdf.sha256 };
    const proposal = await decisionOn(signer);
    runMutations(signer.ctx, [
      mutationCall(registerBlob, { ...pdf, mimeType: 'application/pdf', textStatus: 'indexed', pageCount: null, pages: [] }),
      mutationCall(signDecision, { id: decisionId, type: 'refus', signature }),
      dossierOutcome(dossierId, proposal.content)!,
    ]);
    expect(await signer.round()).toMatchObject({ rejected: 0, conflicts: 0 });
    await a.round();
    expect(await decisionOn(a)).toMatchObject({ state: 'signee', signatures: [expect.objectContaining({ pdfSha256: pdf.sha256 })] });
    expect((await a.call('dossiers.get', { id: dossierId })).state).toBe('refuse');
    expect(sha256Of(a.ctx.blobs.read(pdf.sha256))).toBe(pdf.sha256);
    expect(await viewOf(a, dossierId)).toEqual(await viewOf(signer, dossierId));
  });

  it('carries a user’s own settings to their other devices only', async () => {
    const { dossier } = await dossierOnHub();
    const first = await desk();
    const second = await Desk.another(hub, first);
    desks.push(second);
    const stranger = await desk();
    for (const d of [first, second, stranger]) await d.round();
    await first.call('dossiers.setFollowed', { id: dossier.id, followed: true });
    await first.call('preferences.setLanguage', { language: 'en' });
    await first.round();
    for (const d of [second, stranger]) await d.round();
    expect((await second.call('dossiers.get', { id: dossier.id })).followed).toBe(true);
    expect(await second.call('preferences.get', {})).toMatchObject({ language: 'en' });
    expect((await stranger.call('dossiers.get', { id: dossier.id })).followed).toBe(false);
    expect(await stranger.call('preferences.get', {})).toMatchObject({ language: 'fr' });
  });

  it('resumes an upload where the hub stopped, and every blob arrives intact', async () => {
    const { dossier } = await dossierOnHub();
    const [a, b] = [await desk(), await desk()];
    await a.round();
    const visit = await a.call('visits.create', { dossierId: dossier.id });
    const photo = await a.call('visits.addPhoto', { visitId: visit.id, name: 'site.jpg', base64: (await cameraJpeg({ orientation: 3 })).toString('base64') });
    const bytes = a.ctx.blobs.read(photo.sha256);
    // An earlier round sent the first half before the line dropped.
    const half = Math.floor(bytes.byteLength / 2);
    await putBlobChunk(hub.db, photo.sha256, 0, bytes.byteLength, bytes.subarray(0, half));

    const summary = await a.round();
    expect(summary.rejected).toBe(0);
    // The photo's second half and the whole thumbnail went up; nothing twice.
    const thumbnail = a.ctx.blobs.read(photo.thumbnailSha256);
    expect(summary.bytesUp).toBe(bytes.byteLength - half + thumbnail.byteLength);

    await b.round();
    expect(sha256Of(b.ctx.blobs.read(photo.sha256))).toBe(photo.sha256);
    expect(sha256Of(b.ctx.blobs.read(photo.thumbnailSha256))).toBe(photo.thumbnailSha256);
  });
});

describe('sync engine, bad answers', () => {
  it('drops downloaded bytes that do not match their hash, replays nothing, and takes them whole next round', async () => {
    const { dossier, piece } = await dossierOnHub();
    const a = await desk();
    const tampered: HubTransport = Object.assign(Object.create(a.transport) as HubTransport, {
      // The piece's first byte flipped on its way.
      getBlob: async (sha256: string) => {
        const bytes = await a.transport.getBlob(sha256);
        return sha256 === sha256Of(piece) ? Uint8Array.from(bytes, (byte, index) => (index === 0 ? byte ^ 0xff : byte)) : bytes;
      },
    });
    const error = await a.round(tampered).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RelaisError);
    expect([(error as RelaisError).code, (error as RelaisError).params]).toEqual(['sync_blob_mismatch', { sha256: sha256Of(piece) }]);
    expect(a.ctx.blobs.has(sha256Of(piece))).toBe(false);
    expect(a.ctx.db.prepare('SELECT count(*) FROM dossier WHERE id = ?').pluck().get(dossier.id)).toBe(0);
    expect(pullCursor(a.ctx)).toBeNull();

    await a.round();
    expect(a.ctx.blobs.read(sha256Of(piece))).toEqual(piece);
    expect((await a.call('dossiers.get', { id: dossier.id })).number).toBe(dossier.number);
  });

  it('stops at a cursor of another hub: the hub refuses it, nothing is replayed', async () => {
    await dossierOnHub();
    const a = await desk();
    const foreign = '0190a6f0-0000-7000-8000-0000000000aa:12';
    a.ctx.db.prepare(`INSERT INTO sync_state (key, value) VALUES ('pull_cursor', ?)`).run(foreign);
    const journal = journalIds(a);
    const error = await a.round().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HubRequestError);
    expect([(error as HubRequestError).status, (error as HubRequestError).code]).toEqual([400, 'cursor_foreign']);
    expect(journalIds(a)).toEqual(journal);
    expect(pullCursor(a.ctx)).toBe(foreign);
  });
});

/** The desk's process dies at one call of a round: before the request leaves, or once the hub answered. */
class CrashingTransport implements HubTransport {
  private calls = 0;
  crashed = false;

  constructor(
    private readonly inner: HubTransport,
    private readonly at: number,
    private readonly when: 'before' | 'after',
  ) {}

  private async call<T>(send: () => Promise<T>): Promise<T> {
    this.calls += 1;
    if (this.calls !== this.at) return send();
    this.crashed = true;
    if (this.when === 'after') await send();
    throw new Error(`the desk died ${this.when} call ${this.at}`);
  }

  enrol: HubTransport['enrol'] = (request) => this.call(() => this.inner.enrol(request));
  me: HubTransport['me'] = () => this.call(() => this.inner.me());
  push: HubTransport['push'] = (request) => this.call(() => this.inner.push(request));
  pull: HubTransport['pull'] = (query) => this.call(() => this.inner.pull(query));
  blobStatus: HubTransport['blobStatus'] = (sha256) => this.call(() => this.inner.blobStatus(sha256));
  putBlob: HubTransport['putBlob'] = (sha256, offset, size, bytes) => this.call(() => this.inner.putBlob(sha256, offset, size, bytes));
  getBlob: HubTransport['getBlob'] = (sha256, start) => this.call(() => this.inner.getBlob(sha256, start));
}

describe('sync engine, a round cut at any call', () => {
  // A round of a desk with a photo to send: HEAD and PUT of the photo and its thumbnail, push, pull.
  const CALLS = 6;
  const points = Array.from({ length: CALLS }, (_, index) => index + 1).flatMap((at) => [
    [at, 'before'],
    [at, 'after'],
  ]) as [number, 'before' | 'after'][];

  it.each(points)('dies at call %i (%s): the next round finishes, nothing lost, nothing applied twice', async (at, when) => {
    const { dossier } = await dossierOnHub();
    const a = await desk();
    await a.round();
    await a.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'structuring_investment', expectedVersion: 0, status: 'not_met', comment: `Coupure ${at} ${when}` });
    const report = await a.call('visits.create', { dossierId: dossier.id });
    await a.call('visits.addPhoto', { visitId: report.id, name: 'site.jpg', base64: (await cameraJpeg()).toString('base64') });

    const crashing = new CrashingTransport(a.transport, at, when);
    const cut = await a.round(crashing).then(
      () => null,
      (error: Error) => error,
    );
    if (crashing.crashed) expect(cut?.message).toMatch(/the desk died/);
    a.restart();
    await a.round();
    await a.round();

    const sent = a.ctx.db.prepare('SELECT mutation_id FROM outbox ORDER BY client_seq').pluck().all();
    expect(outboxStates(a)).toEqual({ applied: sent.length });
    expect((await hubEventsOfDevice(a.account.deviceId)).map((event) => event.mutation_id)).toEqual(sent);

    const b = await desk();
    await b.round();
    expect(await viewOf(b, dossier.id)).toEqual(await viewOf(a, dossier.id));
  });
});
