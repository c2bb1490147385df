/**
 * Two instructors and a signataire on one hub (real HTTP on loopback, a PostgreSQL server), each
 * on a real case file driven through the contract as the desk's screens drive it: they sign in
 * with their enrolment codes and sync with « Synchroniser maintenant » (rounds in the sync
 * worker). The instructors assess the same criterion offline (a conflict, settled by the second
 * one keeping his value) and annotate; the first proposes an attribution, which the signataire
 * signs with the demo certificate. Then the three desks and the hub hold the same dossier state,
 * decision, signature, assessment and notes, and every change reached everyone exactly once.
 */
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/mutations';
import { DEMO_P12_PASSWORD, writeDemoPki } from '../../electron/core/signing/demo-pki';
import type { SyncSummary } from '../../shared/channels/sync';
import type { DossierImport } from '../../shared/domain/dossier';
import type { HubDatabase } from '../../server/db/database';
import { openHubDatabase } from '../../server/db/open';
import { startHub } from '../../server/main';
import { recordHubEvents } from '../../server/sync/hub-events';
import { addUser } from '../../server/users/users';
import { freshDatabaseUrl } from '../fixtures/postgres';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';
import { decisionContent } from './fixtures/decisions';

// The demo certificate is valid from today: the desks' clocks are the real one.
const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const CRITERION = 'eligible_applicant';

interface Person {
  email: string;
  name: string;
  role: 'instructeur' | 'signataire';
}

const ALICE: Person = { email: 'alice.instructrice@example.gouv.fr', name: 'Alice Instructrice', role: 'instructeur' };
const BRUNO: Person = { email: 'bruno.instructeur@example.gouv.fr', name: 'Bruno Instructeur', role: 'instructeur' };
const SOPHIE: Person = { email: 'sophie.signataire@example.gouv.fr', name: 'Sophie Signataire', role: 'signataire' };

let db: HubDatabase;
let hub: { url: string; close(): Promise<void> };
let pkiDir: string;
let dossier: DossierImport;
let elsewhere: DossierImport;
const desks = new Map<Person, TestContext>();
const desk = (person: Person) => desks.get(person)!;

/** « Synchroniser maintenant », then the status until the round has ended; its summary. */
async function sync(person: Person): Promise<SyncSummary> {
  const t = desk(person);
  let status = await t.call('sync.now', {});
  while (status.state === 'syncing') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = await t.call('sync.status', {});
  }
  if (status.lastError) throw new Error(`${person.name}'s round failed: ${JSON.stringify(status.lastError)}`);
  return status.lastSummary!;
}

beforeAll(async () => {
  const databaseUrl = await freshDatabaseUrl();
  db = await openHubDatabase({ databaseUrl });
  hub = await startHub({ port: 0, databaseUrl });
  dossier = makeDossier({ number: 7001, state: 'en_instruction', territory: 'vosges', receivedAt: '2026-01-10T09:00:00Z', arDate: '2026-01-15', amountRequestedCents: 10_000_000 });
  // Another territory's dossier: none of the three may see it.
  elsewhere = makeDossier({ number: 7002, state: 'en_instruction', territory: 'lyon' });
  await recordHubEvents(db, [dossier, elsewhere].map((args) => ({ name: 'dossier.import', args, dossierId: args.id })));
  pkiDir = mkdtempSync(path.join(os.tmpdir(), 'relais-multi-user-pki-'));
  for (const person of [ALICE, BRUNO, SOPHIE]) {
    const { code } = await addUser(db, { email: person.email, name: person.name, role: person.role, territories: [dossier.projet.territoryId] });
    const t = createTestContext(NOW.toISOString());
    desks.set(person, t);
    const status = await t.call('sync.login', { hubUrl: hub.url, email: person.email, code, deviceName: `Poste de ${person.name}` });
    expect(status.account).toMatchObject({ email: person.email, role: person.role, territories: ['ti-0088'] });
  }
}, 120_000);

afterAll(async () => {
  for (const t of desks.values()) t.dispose();
  await hub?.close();
  await db?.close();
  if (pkiDir) rmSync(pkiDir, { recursive: true, force: true });
});

describe('two instructors and a signataire on one hub', () => {
  it('edit, clash, settle, propose and sign; everyone ends with the same dossier, and so does the hub', async () => {
    // Everyone gets the dossier of their territory, and only that one.
    for (const person of [ALICE, BRUNO, SOPHIE]) {
      expect(await sync(person)).toMatchObject({ pulled: 1, pushed: 0, conflicts: 0, rejected: 0, pending: 0 });
      const { total, rows } = await desk(person).call('dossiers.list', { limit: 50 });
      expect({ total, numbers: rows.map((row) => row.number) }).toEqual({ total: 1, numbers: [7001] });
      expect(await desk(person).call('dossiers.get', { id: dossier.id })).toMatchObject({ number: 7001, state: 'en_instruction' });
    }

    // Offline, both instructors assess the same criterion from the same version, and each writes a note.
    await desk(ALICE).call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: CRITERION, expectedVersion: 0, status: 'met', comment: 'Kbis à jour.' });
    await desk(ALICE).call('annotations.add', { dossierId: dossier.id, target: { kind: 'note' }, text: 'Visite sur site prévue le 3.' });
    await desk(BRUNO).call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: CRITERION, expectedVersion: 0, status: 'to_check', comment: 'Kbis de plus de trois mois.' });
    await desk(BRUNO).call('annotations.add', { dossierId: dossier.id, target: { kind: 'field', position: 0 }, text: 'Description à préciser.' });

    expect(await sync(ALICE)).toMatchObject({ pushed: 2, conflicts: 0, rejected: 0, pending: 0 });
    // Bruno's note goes through (insert-only); his assessment meets Alice's: a conflict, not applied.
    expect(await sync(BRUNO)).toMatchObject({ pushed: 1, conflicts: 1, rejected: 0 });
    const [conflict, ...others] = await desk(BRUNO).call('sync.conflicts', {});
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({
      dossierId: dossier.id,
      dossierNumber: 7001,
      key: `evaluation:${dossier.id}/${CRITERION}:assessment`,
      mine: { value: { status: 'to_check', comment: 'Kbis de plus de trois mois.' } },
      theirs: { value: { status: 'met', comment: 'Kbis à jour.' }, by: ALICE.name },
    });
    // Until he settles it, Bruno's desk keeps his own value.
    expect(await criterion(BRUNO)).toMatchObject({ status: 'to_check' });

    // He keeps his: sent again over Alice's, it becomes the hub's value, and Alice gets it.
    await desk(BRUNO).call('sync.resolveConflict', { id: conflict!.id, choice: 'mine' });
    expect(await sync(BRUNO)).toMatchObject({ pushed: 1, conflicts: 0, rejected: 0, pending: 0 });
    expect(await desk(BRUNO).call('sync.conflicts', {})).toEqual([]);
    await sync(ALICE);
    for (const person of [ALICE, BRUNO]) expect(await criterion(person)).toMatchObject({ status: 'to_check', comment: 'Kbis de plus de trois mois.' });

    // Alice instructs and proposes an attribution.
    const alice = desk(ALICE);
    await alice.call('instruction.setRegime', { dossierId: dossier.id, regime: { kind: 'regional', zone: 'c' } });
    const draft = await alice.call('decisions.create', { dossierId: dossier.id, type: 'attribution' });
    const saved = await alice.call('decisions.save', { id: draft.id, expectedVersion: draft.version, content: decisionContent(dossier, 'attribution', TODAY) });
    await alice.call('decisions.propose', { id: draft.id, expectedVersion: saved.version });
    expect(await sync(ALICE)).toMatchObject({ conflicts: 0, rejected: 0, pending: 0 });

    // Sophie finds it to sign, and signs it with the demo certificate.
    const sophie = desk(SOPHIE);
    await sync(SOPHIE);
    expect(await sophie.call('decisions.queue', {})).toMatchObject([{ decision: { id: draft.id } }]);
    const { p12Path } = await writeDemoPki(pkiDir, NOW);
    const { jobId } = await sophie.call('decisions.sign', {
      ids: [draft.id],
      credentials: { kind: 'p12', p12Base64: readFileSync(p12Path).toString('base64'), password: DEMO_P12_PASSWORD },
    });
    for (;;) {
      const progress = await sophie.call('decisions.signProgress', { jobId });
      if (progress.finished) {
        expect(progress).toMatchObject({ total: 1, done: 1, failed: [] });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await sync(SOPHIE)).toMatchObject({ conflicts: 0, rejected: 0, pending: 0 });
    for (const person of [ALICE, BRUNO]) expect(await sync(person)).toMatchObject({ conflicts: 0, rejected: 0, pending: 0 });

    // The same final state on the three desks.
    const views = await Promise.all([ALICE, BRUNO, SOPHIE].map(finalView));
    expect(views[0]).toMatchObject({
      state: 'accepte',
      decisions: [{ id: draft.id, content: { type: 'attribution' }, state: 'signee', signatures: [{ signerName: 'Claire Martin' }] }],
      criterion: { status: 'to_check', comment: 'Kbis de plus de trois mois.' },
    });
    expect(views[0]!.notes).toEqual(['Description à préciser.', 'Visite sur site prévue le 3.']);
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);

    // Every desk holds the signed act itself, byte for byte.
    const pdfs = await Promise.all([ALICE, BRUNO, SOPHIE].map(async (person) => (await desk(person).call('decisions.signedPdf', { id: draft.id })).base64));
    expect(new Set(pdfs).size).toBe(1);

    // Nothing waits, nothing was refused, no conflict is open (Bruno's first try stays in his
    // outbox as the conflict it met), and each journal holds every change of the hub on their
    // dossier once, and none of the other territory's.
    const eventsOf = async (dossierId: string) =>
      (await db.query<{ mutation_id: string; name: string }>('SELECT mutation_id, name FROM hub_event WHERE dossier_id = $1 ORDER BY seq', [dossierId])).rows;
    const events = await eventsOf(dossier.id);
    const [unseen] = await eventsOf(elsewhere.id);
    for (const person of [ALICE, BRUNO, SOPHIE]) {
      const t = desk(person);
      expect(await t.call('sync.outbox', { states: ['waiting', 'sent', 'rejected'], limit: 100, offset: 0 })).toMatchObject({ total: 0 });
      expect(await t.call('sync.conflicts', {})).toEqual([]);
      const journal = t.ctx.db.prepare<[], string>('SELECT mutation_id FROM journal').pluck().all();
      for (const event of events) expect(journal.filter((id) => id === event.mutation_id), `${person.name}: ${event.name}`).toHaveLength(1);
      expect(journal).not.toContain(unseen!.mutation_id);
      expect(verifyJournal(t.ctx.db, { fromStart: true })).toMatchObject({ ok: true });
    }

    // And the hub agrees.
    const hubDossiers = await db.query('SELECT number, state FROM hub_dossier ORDER BY number');
    expect(hubDossiers.rows).toEqual([{ number: 7001, state: 'accepte' }, { number: 7002, state: 'en_instruction' }]);
    const hubDecision = await db.query('SELECT id, type, state FROM hub_decision WHERE dossier_id = $1', [dossier.id]);
    expect(hubDecision.rows).toEqual([{ id: draft.id, type: 'attribution', state: 'signee' }]);
    const assessment = await db.query<{ value: unknown }>(`SELECT value FROM hub_field WHERE scope = '' AND key = $1`, [conflict!.key]);
    expect(assessment.rows[0]!.value).toMatchObject({ status: 'to_check', comment: 'Kbis de plus de trois mois.' });
    const signedAct = views[0]!.decisions[0]!.signatures[0]!.pdfSha256;
    expect((await db.query('SELECT complete FROM hub_blob WHERE sha256 = $1', [signedAct])).rows).toEqual([{ complete: true }]);
    const names = events.map((event) => event.name);
    expect(names.filter((name) => name === 'evaluation.setCriterion')).toHaveLength(2);
    expect(names.filter((name) => name === 'annotation.add')).toHaveLength(2);
    expect(names).toContain('decision.sign');
  }, 180_000);
});

async function criterion(person: Person) {
  const { criteria } = await desk(person).call('evaluation.get', { dossierId: dossier.id });
  // Its local version number is the desk's own counter: what the person sees is compared.
  const { status, comment, updatedBy } = criteria.find((candidate) => candidate.criterionId === CRITERION)!;
  return { status, comment, updatedBy };
}

/** What a desk shows of the dossier at the end: its state, decisions, the disputed criterion, the notes. */
async function finalView(person: Person) {
  const t = desk(person);
  const { state } = await t.call('dossiers.get', { id: dossier.id });
  const decisions = await t.call('decisions.list', { dossierId: dossier.id });
  const { annotations } = await t.call('annotations.list', { dossierId: dossier.id, includeRemoved: false });
  return { state, decisions, criterion: await criterion(person), notes: annotations.map((annotation) => annotation.text).sort() };
}
