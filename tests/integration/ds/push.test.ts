/**
 * The push to DS against the fake DS server: desks' changes pushed to the hub as desks push them,
 * then sent to DS — state changes, signed verdicts with the signed act as justificatif, notes,
 * messages, labels — with DS's « déjà » answers reconciled, a dossier the applicant changed left
 * for review, and crashes replayed without anything done twice on DS.
 */
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionType } from '../../../shared/domain/decision';
import type { DossierImport, DossierState } from '../../../shared/domain/dossier';
import type { HubRole } from '../../../shared/sync/protocol';
import { fieldKey } from '../../../shared/sync/mutations/keys';
import type { HubDatabase } from '../../../server/db/database';
import { DsClient } from '../../../server/ds/client';
import { instructeurDirectory, type DsConnection } from '../../../server/ds/connection';
import type { DsConfig } from '../../../server/ds/config';
import { relaisDossierId } from '../../../server/ds/ids';
import { importFromDs } from '../../../server/ds/import/run';
import { defaultMapping } from '../../../server/ds/mapping';
import { pushToDs } from '../../../server/ds/push/run';
import { openTestHubDatabase } from '../../fixtures/postgres';
import { startFakeDs, tiDemarche, type FakeDs } from '../../fixtures/ds';
import { TI_NOTES_ANNOTATION } from '../../fixtures/ds/ti-demarche';
import { decisionContent } from '../fixtures/decisions';
import { expectStatus, importDossier, NOW, storeBlob, TestDevice } from '../hub/hub-fixture';

const INSTRUCTEUR = 'anne.instructrice@example.gouv.fr';
const SIGNATAIRE = 'claire.signataire@example.gouv.fr';
const at = NOW.toISOString();

let fake: FakeDs;
let db: HubDatabase;
let config: DsConfig;
let connection: DsConnection;
let sources: DossierImport[];
let instructeur: TestDevice;
let signataire: TestDevice;
const used = new Set<number>();

function connect(fetchImpl?: typeof fetch): DsConnection {
  const client = new DsClient({ endpoint: fake.url, token: fake.token, queryRetries: 0, ...(fetchImpl && { fetch: fetchImpl }) });
  return { config, client, instructeurs: instructeurDirectory(client, config) };
}

async function person(role: HubRole, email: string): Promise<TestDevice> {
  const { rows } = await db.query<{ territory_id: string }>('SELECT DISTINCT territory_id FROM hub_dossier');
  const user = { id: uuidv7(), email, name: `${role === 'signataire' ? 'Claire' : 'Anne'} ${role}`, role, territories: rows.map((row) => row.territory_id) };
  await db.query('INSERT INTO hub_user (id, email, name, role, territories, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [user.id, email, user.name, role, user.territories, at]);
  return new TestDevice(db, user);
}

/** A dossier of the fake not used by another test, in that state on DS and on the hub. */
function dossierIn(state: DossierState): DossierImport {
  const source = sources.find((one) => one.state === state && !used.has(one.number));
  if (!source) throw new Error(`no ${state} dossier left in the fixture`);
  used.add(source.number);
  return { ...source, id: relaisDossierId(source.number) };
}

async function version(key: string): Promise<number> {
  const { rows } = await db.query<{ version: number }>(`SELECT version FROM hub_field WHERE scope = '' AND key = $1`, [key]);
  return rows[0]?.version ?? 0;
}

/** A dossier state change pushed by a desk, on the version the hub holds. */
async function changeState(device: TestDevice, name: string, dossier: DossierImport): Promise<void> {
  const key = fieldKey('dossier', dossier.id, 'state');
  expectStatus(await device.one(name, { id: dossier.id }, dossier.id, { [key]: await version(key) }), 'applied');
}

/** A verdict drafted, proposed, signed (the signed PDF stored on the hub) and the dossier moved, as desks push them. */
async function signedVerdict(dossier: DossierImport, type: DecisionType, dossierMutation: string): Promise<{ pdf: Buffer; decisionId: string }> {
  const decisionId = uuidv7();
  const stateKey = fieldKey('decision', decisionId, 'state');
  expectStatus(await instructeur.one('decision.create', { decisionId, dossierId: dossier.id, content: decisionContent(dossier, type, '2026-11-20'), at }, dossier.id), 'applied');
  expectStatus(await instructeur.one('decision.propose', { id: decisionId, expectedVersion: 1, at }, dossier.id, { [stateKey]: await version(stateKey) }), 'applied');
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048), Buffer.from('\n%%EOF\n')]);
  const pdfSha256 = await storeBlob(db, pdf);
  const signature = { signerName: 'Claire Martin', signerTitle: 'SGAR', signedAt: at, pdfSha256 };
  expectStatus(await signataire.one('decision.sign', { id: decisionId, type, signature }, dossier.id, { [stateKey]: await version(stateKey) }), 'applied');
  await changeState(signataire, dossierMutation, dossier);
  return { pdf, decisionId };
}

async function pushRows(number: number) {
  const { rows } = await db.query<{ kind: string; state: string; attempts: number; last_error: string | null; progress: { signedBlobId?: string } }>(
    'SELECT kind, state, attempts, last_error, progress FROM ds_push WHERE number = $1 ORDER BY id',
    [number],
  );
  return rows;
}

const calls = (name: string, from = 0) => fake.requests.slice(from).filter((request) => request.operationName === name);
const isMutation = (name: string | null | undefined) => /^Relais(PasserEn|RepasserEn|Accepter|Refuser|ClasserSansSuite|ModifierAnnotations|EnvoyerMessage|AjouterLabel|SupprimerLabel|CreateDirectUpload)/.test(name ?? '');
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('base64');

/** A fetch that fails the first calls of an operation before they leave the hub, as a crash or a network cut would. */
function crashingOn(operationName: string, times = 1): typeof fetch {
  let crashes = 0;
  return async (input, init) => {
    if (crashes < times && typeof init?.body === 'string' && JSON.parse(init.body).operationName === operationName) {
      crashes++;
      throw new Error('the hub process stopped');
    }
    return fetch(input, init);
  };
}

beforeAll(async () => {
  fake = await startFakeDs();
  let demarche: number;
  ({ demarche, sources } = await tiDemarche(fake, { dossiers: 60, seed: 5, instructeurs: [INSTRUCTEUR, SIGNATAIRE] }));
  config = { endpoint: fake.url, demarches: [demarche], mapping: defaultMapping(), instructeurs: {} };
  db = await openTestHubDatabase('postgresql');
  connection = connect();
  const imported = await importFromDs(db, connection);
  expect(imported.errors).toBe(0);
  instructeur = await person('instructeur', INSTRUCTEUR);
  signataire = await person('signataire', SIGNATAIRE);
});

afterAll(async () => {
  await db?.close();
  await fake?.close();
});

describe('pushToDs against the fake DS', () => {
  it('passes a dossier en instruction on DS as the instructeur who did it, and sends nothing the second time', async () => {
    const dossier = dossierIn('en_construction');
    await changeState(instructeur, 'dossier.passToInstruction', dossier);
    const from = fake.requests.length;
    const summary = await pushToDs(db, connection);
    expect(summary).toMatchObject({ pushed: 1, review: 0, failed: 0, pending: 0, errors: 0 });
    expect(fake.dossier(dossier.number).state).toBe('en_instruction');
    const instructeurId = fake.state.demarches[0]!.groupeInstructeurs[0]!.instructeurs.find((one) => one.email === INSTRUCTEUR)!.id;
    expect(calls('RelaisPasserEnInstruction', from).map((call) => call.variables)).toEqual([{ input: { dossierId: fake.dossier(dossier.number).id, instructeurId } }]);
    expect(await pushRows(dossier.number)).toMatchObject([{ kind: 'passer_en_instruction', state: 'done', attempts: 1 }]);

    const again = fake.requests.length;
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, failed: 0, pending: 0 });
    expect(fake.requests.slice(again).filter((request) => isMutation(request.operationName))).toEqual([]);
  });

  it('sends a dossier back en construction on DS', async () => {
    const dossier = dossierIn('en_instruction');
    await changeState(instructeur, 'dossier.backToConstruction', dossier);
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, failed: 0 });
    expect(fake.dossier(dossier.number).state).toBe('en_construction');
    expect(await pushRows(dossier.number)).toMatchObject([{ kind: 'repasser_en_construction', state: 'done' }]);
  });

  it('leaves out dossiers the hub did not import from DS', async () => {
    const local = await importDossier(db, { state: 'en_construction' });
    const other = TestDevice.forRole(db, 'instructeur', ['vosges']);
    await changeState(other, 'dossier.passToInstruction', local);
    const from = fake.requests.length;
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, failed: 0, pending: 0 });
    expect(await pushRows(local.number)).toEqual([]);
    expect(fake.requests.slice(from).filter((request) => isMutation(request.operationName))).toEqual([]);
  });

  it('accepts with the signed PDF as justificatif (the same bytes on DS) and a motivation naming the act', async () => {
    const dossier = dossierIn('en_instruction');
    const { pdf } = await signedVerdict(dossier, 'attribution', 'dossier.accept');
    const from = fake.requests.length;
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, failed: 0, review: 0 });
    const onDs = fake.dossier(dossier.number);
    expect(onDs.state).toBe('accepte');
    expect(fake.fileBytes(onDs.motivationAttachment!).equals(pdf)).toBe(true);
    expect(onDs.motivationAttachment!.checksum).toBe(md5(pdf));
    expect(onDs.motivation).toContain(`TI-${dossier.number}-attribution`);
    expect(onDs.motivation).toMatch(/, d’un montant maximal de 100\s000\s€\.$/);
    expect(calls('RelaisCreateDirectUpload', from)).toHaveLength(1);
    expect(calls('RelaisAccepter', from)).toHaveLength(1);
  });

  it('refuses with the reasons of law and of fact as motivation', async () => {
    const dossier = dossierIn('en_instruction');
    await signedVerdict(dossier, 'refus', 'dossier.refuse');
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, failed: 0 });
    const onDs = fake.dossier(dossier.number);
    const content = decisionContent(dossier, 'refus', '2026-11-20');
    expect(onDs.state).toBe('refuse');
    expect(onDs.motivation).toBe(`Motifs de droit : ${content.reasonsOfLaw}\n\nMotifs de fait : ${content.reasonsOfFact}`);
  });

  it('takes « déjà » for done when DS is where the hub wanted it, and for a failure brought back to DS’s state otherwise', async () => {
    const already = dossierIn('en_construction');
    const decided = dossierIn('en_construction');
    await changeState(instructeur, 'dossier.passToInstruction', already);
    await changeState(instructeur, 'dossier.passToInstruction', decided);
    // Meanwhile on DS: another instructeur passed one en instruction, and the other was passed then refused.
    fake.modify(already.number, { state: 'en_instruction' });
    fake.modify(decided.number, { state: 'refuse' });
    const from = fake.requests.length;
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, failed: 1, errors: 1 });
    expect(calls('RelaisPasserEnInstruction', from)).toHaveLength(2);
    expect(await pushRows(already.number)).toMatchObject([{ state: 'done' }]);
    const [row] = await pushRows(decided.number);
    expect(row).toMatchObject({ state: 'failed' });
    expect(row!.last_error).toContain('Le dossier est déjà refusé');
    const { rows } = await db.query<{ state: string }>('SELECT state FROM hub_dossier WHERE id = $1', [decided.id]);
    expect(rows[0]!.state).toBe('refuse');
  });

  it('leaves a verdict for review, and sends nothing, when the applicant changed the dossier after it was decided', async () => {
    const dossier = dossierIn('en_instruction');
    await signedVerdict(dossier, 'attribution', 'dossier.accept');
    fake.modify(dossier.number, { champs: { [config.mapping.champs.projetTitle]: 'Extension de la ligne de découpe laser (version 2)' } });
    const from = fake.requests.length;
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, review: 1, failed: 0 });
    expect(fake.dossier(dossier.number).state).toBe('en_instruction');
    expect(fake.requests.slice(from).filter((request) => isMutation(request.operationName))).toEqual([]);
    const [row] = await pushRows(dossier.number);
    expect(row).toMatchObject({ kind: 'accepter', state: 'review' });
    expect(row!.last_error).toContain('changed dossier');
    // The hub holds what the applicant changed (DS gives its dates to the second).
    const { rows } = await db.query<{ champs_modified_at: Date }>('SELECT champs_modified_at FROM ds_dossier WHERE number = $1', [dossier.number]);
    const changedAt = fake.dossier(dossier.number).dateDerniereModificationChamps.getTime();
    expect(rows[0]!.champs_modified_at.getTime()).toBe(changedAt - (changedAt % 1000));
  });

  it('leaves a verdict for review when an import already brought the applicant’s change', async () => {
    const dossier = dossierIn('en_instruction');
    await signedVerdict(dossier, 'refus', 'dossier.refuse');
    fake.modify(dossier.number, { champs: { [config.mapping.champs.projetTitle]: 'Projet revu par le demandeur' } });
    await importFromDs(db, connection);
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, review: 1 });
    expect(fake.dossier(dossier.number).state).toBe('en_instruction');
  });

  it('reuses the uploaded act after a crash between upload and mutation: one upload, one decision on DS', async () => {
    const dossier = dossierIn('en_instruction');
    const { pdf } = await signedVerdict(dossier, 'attribution', 'dossier.accept');
    const from = fake.requests.length;
    expect(await pushToDs(db, connect(crashingOn('RelaisAccepter')))).toMatchObject({ pushed: 0, pending: 1, errors: 1 });
    const [crashed] = await pushRows(dossier.number);
    expect(crashed).toMatchObject({ state: 'pending', attempts: 1 });
    expect(crashed!.last_error).toContain('the hub process stopped');
    expect(crashed!.progress.signedBlobId).toBeTruthy();

    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, pending: 0 });
    expect(calls('RelaisCreateDirectUpload', from)).toHaveLength(1);
    expect(calls('RelaisAccepter', from)).toHaveLength(1);
    expect((calls('RelaisAccepter', from)[0]!.variables as { input: { justificatif: string } }).input.justificatif).toBe(crashed!.progress.signedBlobId);
    expect(fake.fileBytes(fake.dossier(dossier.number).motivationAttachment!).equals(pdf)).toBe(true);
  });

  it('uploads the act again when the one uploaded before a crash is close to expiring', async () => {
    const dossier = dossierIn('en_instruction');
    await signedVerdict(dossier, 'sans-suite', 'dossier.closeSansSuite');
    const from = fake.requests.length;
    await pushToDs(db, connect(crashingOn('RelaisClasserSansSuite')));
    fake.clock.advance(55 * 60_000);
    expect(await pushToDs(db, connection, { now: () => fake.clock.now() })).toMatchObject({ pushed: 1 });
    expect(calls('RelaisCreateDirectUpload', from)).toHaveLength(2);
    expect(fake.dossier(dossier.number).state).toBe('sans_suite');
    expect(fake.dossier(dossier.number).motivation).toBe(decisionContent(dossier, 'sans-suite', '2026-11-20').reason);
  });

  it('takes a decision whose answer was lost as done, without deciding twice on DS', async () => {
    const dossier = dossierIn('en_instruction');
    await signedVerdict(dossier, 'refus', 'dossier.refuse');
    const from = fake.requests.length;
    fake.faults.dropAfterMutation(1, 'RelaisRefuser');
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, pending: 1 });
    expect(fake.dossier(dossier.number).state).toBe('refuse');
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, pending: 0 });
    expect(calls('RelaisRefuser', from)).toHaveLength(1);
    expect(fake.dossier(dossier.number).traitements.filter((one) => one.state === 'refuse')).toHaveLength(1);
  });

  it('refuses to decide on a dossier DS sent back en construction, without uploading the act', async () => {
    const dossier = dossierIn('en_instruction');
    await signedVerdict(dossier, 'attribution', 'dossier.accept');
    fake.modify(dossier.number, { state: 'en_construction' });
    const from = fake.requests.length;
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, failed: 1 });
    expect(fake.requests.slice(from).filter((request) => isMutation(request.operationName))).toEqual([]);
    const [row] = await pushRows(dossier.number);
    expect(row!.last_error).toContain('en_construction');
  });

  it('keeps a change pending while DS is out of reach or late, and sends it once DS answers', async () => {
    const dossier = dossierIn('en_construction');
    await changeState(instructeur, 'dossier.passToInstruction', dossier);
    // DS applies the change but answers after the hub stopped waiting: the next run finds it done.
    fake.faults.delay(1, 1500, 'RelaisPasserEnInstruction');
    const impatient = new DsClient({ endpoint: fake.url, token: fake.token, queryRetries: 0, timeoutMs: 300 });
    expect(await pushToDs(db, { ...connection, client: impatient })).toMatchObject({ pushed: 0, pending: 1, errors: 1 });
    const [late] = await pushRows(dossier.number);
    expect(late).toMatchObject({ state: 'pending', attempts: 1 });
    expect(late!.last_error).toContain('did not answer');
    const deadline = Date.now() + 5000;
    while (fake.dossier(dossier.number).state !== 'en_instruction' && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, pending: 0 });
    expect(fake.dossier(dossier.number).traitements.filter((one) => one.state === 'en_instruction')).toHaveLength(1);
  });

  it('fails a change after ten attempts DS could not be reached for', async () => {
    const dossier = dossierIn('en_construction');
    await changeState(instructeur, 'dossier.passToInstruction', dossier);
    const unreachable = connect(crashingOn('RelaisPasserEnInstruction', 10));
    for (let attempt = 1; attempt < 10; attempt++) expect(await pushToDs(db, unreachable)).toMatchObject({ pending: 1, failed: 0 });
    expect(await pushToDs(db, unreachable)).toMatchObject({ pending: 0, failed: 1 });
    const [row] = await pushRows(dossier.number);
    expect(row).toMatchObject({ state: 'failed', attempts: 10 });
    expect(row!.last_error).toContain('(10 attempts)');
    expect(fake.dossier(dossier.number).state).toBe('en_construction');
  });

  it('holds back a dossier’s later changes while an earlier one waits for DS', async () => {
    const dossier = dossierIn('en_construction');
    await changeState(instructeur, 'dossier.passToInstruction', dossier);
    const message = { messageId: uuidv7(), dossierId: dossier.id, templateId: 'message_libre', expectedVersion: 1, subject: 'Instruction', body: 'Votre dossier est en cours d’instruction.', answerDays: 15, answerBy: '2026-12-05', at };
    expectStatus(await instructeur.one('message.send', message, dossier.id), 'applied');
    const from = fake.requests.length;
    expect(await pushToDs(db, connect(crashingOn('RelaisPasserEnInstruction')))).toMatchObject({ pushed: 0, pending: 2 });
    expect(calls('RelaisEnvoyerMessage', from)).toHaveLength(0);
    expect(await pushRows(dossier.number)).toMatchObject([{ kind: 'passer_en_instruction', attempts: 1 }, { kind: 'message', attempts: 0 }]);
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 2, pending: 0 });
    const onDs = fake.dossier(dossier.number);
    expect(onDs.state).toBe('en_instruction');
    expect(onDs.messages.at(-1)!.createdAt.getTime()).toBeGreaterThanOrEqual(onDs.datePassageEnInstruction!.getTime());
  });

  it('never sends a message twice, even when DS’s answer to it was lost', async () => {
    const dossier = dossierIn('en_instruction');
    const message = { messageId: uuidv7(), dossierId: dossier.id, templateId: 'demande_precisions', expectedVersion: 1, subject: 'Précisions sur le plan de financement', body: 'Merci de préciser le montant de l’emprunt bancaire.', answerDays: 15, answerBy: '2026-12-05', at };
    expectStatus(await instructeur.one('message.send', message, dossier.id), 'applied');
    const from = fake.requests.length;
    fake.faults.dropAfterMutation(1, 'RelaisEnvoyerMessage');
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, pending: 1 });
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, pending: 0 });
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, pending: 0 });
    const text = `${message.subject}\n\n${message.body}`;
    expect(fake.dossier(dossier.number).messages.filter((one) => one.body === text)).toHaveLength(1);
    expect(fake.dossier(dossier.number).messages.find((one) => one.body === text)!.email).toBe(INSTRUCTEUR);
    expect(calls('RelaisEnvoyerMessage', from)).toHaveLength(1);
  });

  it('adds and removes labels by name, and fails a label DS does not have with a sentence', async () => {
    const dossier = dossierIn('en_instruction');
    const labels = fake.state.demarches[0]!.labels;
    const onDs = () => fake.dossier(dossier.number).labels.map((id) => labels.find((label) => label.id === id)!.name);
    const absent = labels.find((label) => !onDs().includes(label.name))!.name;
    const label = async (name: string, text: string) => {
      const key = fieldKey('dossier', dossier.id, `label/${text}`);
      expectStatus(await instructeur.one(name, { id: dossier.id, label: text }, dossier.id, { [key]: await version(key) }), 'applied');
    };
    await label('dossier.addLabel', absent);
    await label('dossier.addLabel', 'Inconnu sur DS');
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, failed: 1 });
    expect(onDs()).toContain(absent);
    const rows = await pushRows(dossier.number);
    expect(rows[1]).toMatchObject({ kind: 'label_add', state: 'failed' });
    expect(rows[1]!.last_error).toContain('DS has no label « Inconnu sur DS »');
    await label('dossier.removeLabel', absent);
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1, failed: 0 });
    expect(onDs()).not.toContain(absent);
  });

  it('sends all the dossier’s current notes to the notes annotation, once per run', async () => {
    const dossier = dossierIn('en_instruction');
    const first = uuidv7();
    const second = uuidv7();
    const note = (annotationId: string, text: string) => instructeur.item('annotation.add', { annotationId, dossierId: dossier.id, target: { kind: 'note' }, text, at }, dossier.id);
    const results = await instructeur.push(note(first, 'Visite du site prévue le 3 décembre.'), note(second, 'Devis signé avant le dépôt ?'));
    for (const result of results) expectStatus(result, 'applied');
    expectStatus(await signataire.one('annotation.edit', { annotationId: second, versionId: uuidv7(), expectedVersion: 1, text: 'Devis signé après le dépôt : éligible.', at }, dossier.id), 'applied');
    const from = fake.requests.length;
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1 });
    expect(calls('RelaisModifierAnnotations', from)).toHaveLength(1);
    const descriptor = fake.state.demarches[0]!.revision.annotationDescriptors.find((one) => one.label === TI_NOTES_ANNOTATION)!;
    const value = fake.dossier(dossier.number).annotations.find((one) => one.descriptorId === descriptor.id)!.value;
    expect(value).toBe(`${instructeur.principal.user.name} — 20/11/2026\nVisite du site prévue le 3 décembre.\n\n${signataire.principal.user.name} — 20/11/2026\nDevis signé après le dépôt : éligible.`);
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0 });
  });

  it('fails a change to a dossier deleted on DS, saying so', async () => {
    const dossier = dossierIn('en_construction');
    await changeState(instructeur, 'dossier.passToInstruction', dossier);
    fake.deleteDossier(dossier.number);
    await importFromDs(db, connection);
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, failed: 1 });
    const [row] = await pushRows(dossier.number);
    expect(row!.last_error).toBe(`Dossier ${dossier.number} was deleted on DS: nothing can be sent to it any more.`);
  });

  it('stops at a refused token, leaving the changes to send as they were', async () => {
    const dossier = dossierIn('en_construction');
    await changeState(instructeur, 'dossier.passToInstruction', dossier);
    const revoked = new DsClient({ endpoint: fake.url, token: 'revoked-token', queryRetries: 0 });
    await expect(pushToDs(db, { config, client: revoked, instructeurs: instructeurDirectory(revoked, config) })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await pushRows(dossier.number)).toMatchObject([{ state: 'pending', attempts: 0, last_error: null }]);
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 1 });
  });

  it('fails a change made by a hub user DS knows no instructeur for, naming them', async () => {
    const stranger = await person('instructeur', 'inconnu.de.ds@example.gouv.fr');
    const dossier = dossierIn('en_construction');
    await changeState(stranger, 'dossier.passToInstruction', dossier);
    expect(await pushToDs(db, connection)).toMatchObject({ pushed: 0, failed: 1 });
    const [row] = await pushRows(dossier.number);
    expect(row!.last_error).toContain('inconnu.de.ds@example.gouv.fr');
    expect(fake.dossier(dossier.number).state).toBe('en_construction');
  });

  it('writes the DS token in no queued change and no error', async () => {
    const { rows } = await db.query<{ found: string }>(
      `SELECT count(*) AS found FROM (SELECT payload::text || progress::text || coalesce(last_error, '') AS text FROM ds_push UNION ALL SELECT message FROM ds_error) AS written WHERE text LIKE '%' || $1 || '%'`,
      [fake.token],
    );
    expect(Number(rows[0]!.found)).toBe(0);
  });
});
