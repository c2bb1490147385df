/**
 * Decisions and dossier states on the hub, on PostgreSQL and PGlite: guarded transitions, one
 * signed verdict per dossier even when two signataires sign at once, decided dossiers final, and a
 * proposal sent back to draft by the hub when new pieces arrive.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionType } from '../../../shared/domain/decision';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { HubDatabase } from '../../../server/db/database';
import { recordHubEvents } from '../../../server/sync/hub-events';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';
import { pieceOf } from '../fixtures/core-dossiers';
import { decisionContent } from '../fixtures/decisions';
import { expectStatus, importDossier, NOW, storeBlob, TestDevice } from './hub-fixture';

const at = NOW.toISOString();
const stateKey = (id: string) => `decision:${id}:state`;
const contentKey = (id: string) => `decision:${id}:content`;

describe.each(HUB_DATABASE_KINDS)('decisions on %s', (kind) => {
  let db: HubDatabase;
  let instructeur: TestDevice;
  let signataire: TestDevice;
  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
    instructeur = TestDevice.forRole(db, 'instructeur', ['vosges']);
    signataire = TestDevice.forRole(db, 'signataire', ['vosges']);
  });
  afterAll(() => db.close());

  /** A decision drafted then proposed by the instructeur; returns its id. */
  async function proposed(dossier: DossierImport, type: DecisionType): Promise<string> {
    const id = uuidv7();
    expectStatus(await instructeur.one('decision.create', { decisionId: id, dossierId: dossier.id, content: decisionContent(dossier, type, '2026-11-20'), at }, dossier.id), 'applied');
    expectStatus(await instructeur.one('decision.propose', { id, expectedVersion: 1, at }, dossier.id, { [stateKey(id)]: 0 }), 'applied');
    return id;
  }

  async function signature(): Promise<{ signerName: string; signerTitle: string; signedAt: string; pdfSha256: string }> {
    return { signerName: 'Claire Martin', signerTitle: 'SGAR', signedAt: at, pdfSha256: await storeBlob(db) };
  }

  const stateOf = async (id: string) => (await db.query<{ state: string; version: number }>('SELECT state, version FROM hub_decision WHERE id = $1', [id])).rows[0];

  it('moves a decision only from the states its command names', async () => {
    const dossier = await importDossier(db);
    const id = await proposed(dossier, 'attribution');
    // Proposed already: a second proposal (from another desk that saw version 1) is refused.
    const again = await instructeur.one('decision.propose', { id, expectedVersion: 1, at }, dossier.id, { [stateKey(id)]: 1 });
    expect(expectStatus(again, 'rejected').reason).toBe('decision_wrong_state');
    const saved = await instructeur.one('decision.save', { id, expectedVersion: 2, content: decisionContent(dossier, 'attribution', '2026-11-21'), at }, dossier.id, { [contentKey(id)]: 1 });
    expect(expectStatus(saved, 'rejected').reason).toBe('decision_wrong_state');
    expectStatus(await signataire.one('decision.sendBack', { id, expectedVersion: 2, comment: 'Montant à revoir', at }, dossier.id, { [stateKey(id)]: 1 }), 'applied');
    expect(await stateOf(id)).toEqual({ state: 'brouillon', version: 3 });
    expectStatus(await instructeur.one('decision.propose', { id, expectedVersion: 3, at }, dossier.id, { [stateKey(id)]: 2 }), 'applied');
    expectStatus(await signataire.one('decision.sign', { id, type: 'attribution', signature: await signature() }, dossier.id, { [stateKey(id)]: 3 }), 'applied');
    expect(await stateOf(id)).toEqual({ state: 'signee', version: 5 });
    expectStatus(await signataire.one('decision.countersign', { id, signature: await signature() }, dossier.id), 'applied');
    const create = await instructeur.one('decision.create', { decisionId: id, dossierId: dossier.id, content: decisionContent(dossier, 'refus', '2026-11-20'), at }, dossier.id);
    expect(expectStatus(create, 'rejected').reason).toBe('entity_exists');
  });

  it('lets one verdict be signed per dossier, when two signataires sign at once', async () => {
    const dossier = await importDossier(db);
    const grant = await proposed(dossier, 'attribution');
    const refusal = await proposed(dossier, 'refus');
    const other = TestDevice.forRole(db, 'signataire', ['vosges']);
    const results = await Promise.all([
      signataire.one('decision.sign', { id: grant, type: 'attribution', signature: await signature() }, dossier.id, { [stateKey(grant)]: 1 }),
      other.one('decision.sign', { id: refusal, type: 'refus', signature: await signature() }, dossier.id, { [stateKey(refusal)]: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected')!;
    expect(expectStatus(refused, 'rejected').reason).toBe('dossier_already_decided');
    const { rows } = await db.query(`SELECT id FROM hub_decision WHERE dossier_id = $1 AND state = 'signee'`, [dossier.id]);
    expect(rows).toHaveLength(1);
    // An acknowledgement is no verdict: it may still be signed.
    const ack = await proposed(dossier, 'accuse-reception');
    expectStatus(await signataire.one('decision.sign', { id: ack, type: 'accuse-reception', signature: await signature() }, dossier.id, { [stateKey(ack)]: 1 }), 'applied');
  });

  it('moves a dossier along the procedure, and never out of a decided state', async () => {
    const dossier = await importDossier(db, { state: 'en_construction' });
    const key = `dossier:${dossier.id}:state`;
    const wrong = await instructeur.one('dossier.accept', { id: dossier.id }, dossier.id, { [key]: 1 });
    expect(expectStatus(wrong, 'rejected')).toMatchObject({ reason: 'dossier_wrong_state', current: [{ key, value: 'en_construction', version: 1 }] });
    expectStatus(await instructeur.one('dossier.passToInstruction', { id: dossier.id }, dossier.id, { [key]: 1 }), 'applied');
    expectStatus(await instructeur.one('dossier.accept', { id: dossier.id }, dossier.id, { [key]: 2 }), 'applied');
    const back = await instructeur.one('dossier.backToConstruction', { id: dossier.id }, dossier.id, { [key]: 3 });
    expect(expectStatus(back, 'rejected').reason).toBe('dossier_already_decided');
    // A later import from DS does not undo the decision either.
    await recordHubEvents(db, [{ name: 'dossier.import', args: { ...dossier, state: 'en_instruction' } }], NOW);
    const { rows } = await db.query('SELECT state FROM hub_dossier WHERE id = $1', [dossier.id]);
    expect(rows).toEqual([{ state: 'accepte' }]);
  });

  it('sends a proposal back to draft when the applicant\'s new pieces arrive', async () => {
    const first = await storeBlob(db);
    const dossier = await importDossier(db, { pieces: [pieceOf(first, 'devis.pdf')] });
    const id = await proposed(dossier, 'attribution');
    const added = pieceOf(await storeBlob(db), 'kbis.pdf', 'extrait_kbis');
    const events = await recordHubEvents(db, [{ name: 'dossier.import', args: { ...dossier, pieces: [...dossier.pieces, added] } }], NOW);
    expect(events.map((e) => e.name)).toEqual(['dossier.import', 'decision.reviewAgain']);
    expect(events[1]).toMatchObject({ origin: 'hub', deviceId: null, args: { id, comment: expect.stringContaining('kbis.pdf') }, versions: { [stateKey(id)]: 2 } });
    expect(await stateOf(id)).toMatchObject({ state: 'brouillon' });
    // The proposal the signataire had in view is gone: signing it is refused.
    const sign = await signataire.one('decision.sign', { id, type: 'attribution', signature: await signature() }, dossier.id, { [stateKey(id)]: 2 });
    expect(expectStatus(sign, 'rejected').reason).toBe('decision_wrong_state');
    // The same import again adds nothing new: no second review.
    const again = await recordHubEvents(db, [{ name: 'dossier.import', args: { ...dossier, pieces: [...dossier.pieces, added] } }], NOW);
    expect(again.map((e) => e.name)).toEqual(['dossier.import']);
  });
});
