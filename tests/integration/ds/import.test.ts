import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { HubDatabase } from '../../../server/db/database';
import { DsApiError, DsClient, type DsClientOptions } from '../../../server/ds/client';
import type { DsConnection } from '../../../server/ds/connection';
import { relaisDossierId } from '../../../server/ds/ids';
import { importFromDs, reimportDossier, SINCE_MARGIN_MS, type DsImportSummary } from '../../../server/ds/import/run';
import { defaultMapping } from '../../../server/ds/mapping';
import { recentDsErrors } from '../../../server/ds/error-log';
import { openTestHubDatabase } from '../../fixtures/postgres';
import { startFakeDs, tiDemarche, type FakeDs, type FakeFile } from '../../fixtures/ds';
import { TestDevice, expectStatus } from '../hub/hub-fixture';

const NOTHING: DsImportSummary = { imported: 0, updated: 0, deleted: 0, files: 0, messages: 0, avis: 0, errors: 0 };
const PAGE_QUERY = 'RelaisDemarcheDossiers';

let fake: FakeDs;
let demarche: number;
let sources: DossierImport[];
const opened: HubDatabase[] = [];

function connect(fake: FakeDs, options: Partial<DsClientOptions> = {}): DsConnection {
  return {
    config: { endpoint: fake.url, demarches: [demarche], mapping: defaultMapping(), instructeurs: {} },
    client: new DsClient({ endpoint: fake.url, token: fake.token, queryRetries: 0, ...options }),
    instructeurs: { idFor: () => Promise.resolve(null) },
  };
}

async function database(): Promise<HubDatabase> {
  const db = await openTestHubDatabase('postgresql');
  opened.push(db);
  return db;
}

/** The hub clock a little after the fake's, as the hub's own runs are. */
const hubNow = () => new Date(fake.clock.now().getTime() + 1000);

function dossiersOf(number: number): number {
  return fake.state.dossiers.filter((dossier) => dossier.demarche === number).length;
}

function pageCalls(from: number) {
  return fake.requests.slice(from).filter((request) => request.operationName === PAGE_QUERY);
}

async function lastImport(db: HubDatabase, number: number): Promise<DossierImport> {
  const { rows } = await db.query<{ args: DossierImport }>(`SELECT args FROM hub_event WHERE dossier_id = $1 AND name = 'dossier.import' ORDER BY seq DESC LIMIT 1`, [relaisDossierId(number)]);
  return rows[0]!.args;
}

async function importEvents(db: HubDatabase): Promise<number> {
  const { rows } = await db.query<{ count: string }>(`SELECT count(*) FROM hub_event WHERE name = 'dossier.import'`);
  return Number(rows[0]!.count);
}

async function importState(db: HubDatabase) {
  const { rows } = await db.query<{ updated_since: Date | null; end_cursor: string | null; retry_numbers: number[] }>(
    'SELECT updated_since, end_cursor, retry_numbers FROM ds_import_state WHERE demarche = $1',
    [demarche],
  );
  return rows[0]!;
}

beforeAll(async () => {
  fake = await startFakeDs();
  ({ demarche, sources } = await tiDemarche(fake, { dossiers: 250, seed: 11 }));
});

afterAll(async () => {
  for (const db of opened) await db.close();
  await fake?.close();
});

describe('importFromDs against the fake DS', () => {
  let db: HubDatabase;
  let connection: DsConnection;

  beforeAll(async () => {
    db = await database();
    connection = connect(fake);
  });

  it('imports 250 dossiers over 3 pages of 100, their files checked and stored', async () => {
    const from = fake.requests.length;
    const progress: number[] = [];
    const startedAt = hubNow();
    const summary = await importFromDs(db, connection, { now: () => startedAt, onProgress: (done) => progress.push(done) });
    expect(summary).toMatchObject({ imported: 250, updated: 0, deleted: 0, errors: 0 });
    expect(summary.files).toBeGreaterThanOrEqual(250);
    const pages = pageCalls(from);
    expect(pages).toHaveLength(3);
    expect(pages.map((page) => page.variables)).toEqual([
      expect.objectContaining({ first: 100, after: null, updatedSince: null }),
      expect.objectContaining({ first: 100, after: expect.any(String), updatedSince: null }),
      expect.objectContaining({ first: 100, after: expect.any(String), updatedSince: null }),
    ]);
    expect(progress.at(-1)).toBe(250);
    const counts = await db.query<{ dossiers: number; hub: number }>(`SELECT (SELECT count(*)::int FROM ds_dossier) AS dossiers, (SELECT count(*)::int FROM hub_dossier) AS hub`);
    expect(counts.rows[0]).toEqual({ dossiers: 250, hub: 250 });
    const state = await importState(db);
    expect(state.end_cursor).toBeNull();
    expect(new Date(state.updated_since!).getTime()).toBe(startedAt.getTime() - SINCE_MARGIN_MS);
    expect(await recentDsErrors(db)).toEqual([]);
  });

  it('gives each dossier as the DossierImport it was made from, field by field (ids aside)', async () => {
    for (const source of sources) {
      const imported = await lastImport(db, source.number);
      expect(imported.id).toBe(relaisDossierId(source.number));
      expect(imported.state).toBe(source.state);
      expect(imported.demandeur).toEqual(source.demandeur);
      expect(imported.projet).toEqual(source.projet);
      expect(imported.finance).toEqual(source.finance);
      expect(imported.labels).toEqual(source.labels);
      // DS carries neither the AR date nor the notice of admissibility: desks set them.
      expect(imported.dates).toEqual({ ...source.dates, arDate: null, admissibilityNotifiedOn: null });
      expect(imported.updatedAt).toBe(source.updatedAt);
      expect(imported.exchanges).toEqual({ messages: [], avis: [] });
      expect(imported.assignedInstructor).toBeNull();
      const piece = ({ name, kind, mimeType, sizeBytes, sha256 }: DossierImport['pieces'][number]) => ({ name, kind, mimeType, sizeBytes, sha256 });
      expect(imported.pieces.map(piece)).toEqual(source.pieces.map(piece));
      for (const champ of source.champs) expect(imported.champs).toContainEqual(champ);
    }
  });

  it('reads nothing again on a second run: the same dossiers come back unchanged and nothing is recorded', async () => {
    const events = await importEvents(db);
    const from = fake.requests.length;
    const summary = await importFromDs(db, connection, { now: hubNow });
    expect(summary).toEqual(NOTHING);
    expect(await importEvents(db)).toBe(events);
    expect(pageCalls(from)[0]!.variables).toMatchObject({ updatedSince: expect.any(String), after: null });
  });

  it("records DS's changes (a champ, the state, the SVA/SVR date) and keeps the desks' assignment and AR date", async () => {
    const source = sources[0]!;
    const id = relaisDossierId(source.number);
    const instructor = { email: 'ines@region.example', name: 'Inès Martin' };
    const desk = new TestDevice(db, { id: uuidv7(), email: instructor.email, name: instructor.name, role: 'instructeur', territories: [source.projet.territoryId] });
    expectStatus(await desk.one('dossier.assign', { id, instructor }, id, { [`dossier:${id}:assigned`]: 1 }), 'applied');
    expectStatus(await desk.one('dossier.acknowledge', { id, arDate: '2026-04-02' }, id, { [`dossier:${id}:arDate`]: 1 }), 'applied');
    fake.clock.advance(60_000);
    const target = source.state === 'en_construction' ? 'en_instruction' : 'en_construction';
    fake.modify(source.number, { champs: { 'Intitulé du projet': 'Four électrique à induction, deuxième tranche' }, state: target, svaSvrDecisionOn: '2026-07-01' });
    const summary = await importFromDs(db, connection, { now: hubNow });
    expect(summary).toEqual({ ...NOTHING, updated: 1 });
    const imported = await lastImport(db, source.number);
    expect(imported.projet.title).toBe('Four électrique à induction, deuxième tranche');
    expect(imported.state).toBe(target);
    expect(imported.dates.svaSvrDecisionOn).toBe('2026-07-01');
    expect(imported.assignedInstructor).toEqual(instructor);
    expect(imported.dates.arDate).toBe('2026-04-02');
    const { rows } = await db.query<{ state: string; assigned_email: string }>('SELECT state, assigned_email FROM hub_dossier WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ state: target, assigned_email: instructor.email });
  });

  it("keeps a desk's move of the dossier that DS has not been told yet; reimportDossier brings DS's state back", async () => {
    const source = sources.slice(10).find((one) => one.state === 'en_construction')!;
    const id = relaisDossierId(source.number);
    const desk = new TestDevice(db, { id: uuidv7(), email: 'paul@region.example', name: 'Paul', role: 'instructeur', territories: [source.projet.territoryId] });
    expectStatus(await desk.one('dossier.passToInstruction', { id }, id, { [`dossier:${id}:state`]: 1 }), 'applied');
    fake.clock.advance(60_000);
    fake.modify(source.number, { champs: { 'Chaîne de valeur': 'Métallurgie' } });
    expect(await importFromDs(db, connection, { now: hubNow })).toEqual({ ...NOTHING, updated: 1 });
    const imported = await lastImport(db, source.number);
    expect(imported.projet.valueChain).toBe('Métallurgie');
    expect(imported.state).toBe('en_instruction');
    const { rows } = await db.query<{ state: string }>('SELECT state FROM ds_dossier WHERE number = $1', [source.number]);
    expect(rows[0]!.state).toBe('en_construction');

    await reimportDossier(db, connection, source.number);
    expect((await lastImport(db, source.number)).state).toBe('en_construction');
  });

  it('sees a new file, a message with its attachment and an avis at the next run', async () => {
    const [withFile, withMessage, withAvis] = [sources[1]!, sources[2]!, sources[3]!];
    fake.clock.advance(60_000);
    fake.modify(withFile.number, { addFiles: { Devis: [{ filename: 'devis-complementaire.pdf', bytes: '%PDF-1.4 devis complémentaire' }] } });
    fake.modify(withMessage.number, { message: { body: 'Voici le plan de financement corrigé.', attachments: [{ filename: 'plan-corrige.pdf', bytes: '%PDF-1.4 plan' }] } });
    fake.modify(withAvis.number, { avis: { question: 'Le procédé est-il éligible au volet 1 ?', expert: 'expert@ademe.example', answer: 'Oui, sans réserve.' } });
    const summary = await importFromDs(db, connection, { now: hubNow });
    expect(summary).toEqual({ ...NOTHING, updated: 3, files: 2, messages: 1, avis: 1 });

    const file = await lastImport(db, withFile.number);
    expect(file.pieces).toHaveLength(withFile.pieces.length + 1);
    expect(file.pieces.find((piece) => piece.name === 'devis-complementaire.pdf')).toMatchObject({ kind: 'devis', sizeBytes: Buffer.byteLength('%PDF-1.4 devis complémentaire') });
    const message = await lastImport(db, withMessage.number);
    expect(message.exchanges!.messages.at(-1)).toMatchObject({ body: 'Voici le plan de financement corrigé.', attachments: ['plan-corrige.pdf'] });
    expect(message.pieces.find((piece) => piece.name === 'plan-corrige.pdf')).toMatchObject({ kind: 'autre', mimeType: 'application/pdf' });
    const avis = await lastImport(db, withAvis.number);
    expect(avis.exchanges!.avis.at(-1)).toMatchObject({ question: 'Le procédé est-il éligible au volet 1 ?', expert: 'expert@ademe.example', answer: 'Oui, sans réserve.' });
  });

  it('reads the labels again after an hour: a label DS added without a modification date is recorded', async () => {
    const source = sources[4]!;
    const label = fake.state.demarches.find((one) => one.number === demarche)!.labels.find((one) => !source.labels.includes(one.name))!.name;
    fake.modify(source.number, { addLabels: [label] });
    expect(await importFromDs(db, connection, { now: hubNow })).toEqual(NOTHING);
    fake.clock.advance(61 * 60_000);
    const from = fake.requests.length;
    const summary = await importFromDs(db, connection, { now: hubNow });
    expect(summary).toEqual({ ...NOTHING, updated: 1 });
    expect(fake.requests.slice(from).map((request) => request.operationName)).toContain('RelaisDossierLabels');
    expect((await lastImport(db, source.number)).labels).toContain(label);
    // Read within the hour: no labels query.
    const next = fake.requests.length;
    await importFromDs(db, connection, { now: hubNow });
    expect(fake.requests.slice(next).map((request) => request.operationName)).not.toContain('RelaisDossierLabels');
  });

  it('marks a dossier DS deleted, and keeps it on the hub', async () => {
    const source = sources[5]!;
    fake.deleteDossier(source.number);
    const summary = await importFromDs(db, connection, { now: hubNow });
    expect(summary).toEqual({ ...NOTHING, deleted: 1 });
    const { rows } = await db.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM ds_dossier WHERE number = $1', [source.number]);
    expect(rows[0]!.deleted_at).toBeInstanceOf(Date);
    expect((await db.query('SELECT 1 FROM hub_dossier WHERE id = $1', [relaisDossierId(source.number)])).rowCount).toBe(1);
    expect(await importFromDs(db, connection, { now: hubNow })).toEqual(NOTHING);
  });

  it('reads a dossier again for fresh links when a file link has expired', async () => {
    const source = sources[6]!;
    fake.clock.advance(60_000);
    fake.modify(source.number, { addFiles: { Devis: [{ filename: 'devis-v2.pdf', bytes: '%PDF-1.4 devis v2' }] } });
    fake.faults.failDownloads(1);
    const from = fake.requests.length;
    const summary = await importFromDs(db, connection, { now: hubNow });
    expect(summary).toEqual({ ...NOTHING, updated: 1, files: 1 });
    expect(fake.requests.slice(from).filter((request) => request.operationName === 'RelaisDossier')).toEqual([
      expect.objectContaining({ variables: expect.objectContaining({ number: source.number }) }),
    ]);
    expect((await lastImport(db, source.number)).pieces.map((piece) => piece.name)).toContain('devis-v2.pdf');
  });

  it('fails a dossier whose file does not match its checksum, records nothing of it, and imports it at the next run', async () => {
    const source = sources[7]!;
    const events = await importEvents(db);
    fake.clock.advance(60_000);
    const modified = fake.modify(source.number, { addFiles: { Devis: [{ filename: 'devis-v3.pdf', bytes: '%PDF-1.4 devis v3' }] } });
    const devis = modified.champs.flatMap((champ) => (Array.isArray(champ.value) ? (champ.value as FakeFile[]) : [])).find((file) => (file as FakeFile).filename === 'devis-v3.pdf') as FakeFile;
    const bytes = fake.state.blobs.get(devis.key)!;
    fake.state.blobs.set(devis.key, Buffer.from('%PDF-1.4 altered'));
    const failed = await importFromDs(db, connection, { now: hubNow });
    expect(failed).toEqual({ ...NOTHING, errors: 1 });
    expect(await importEvents(db)).toBe(events);
    expect((await recentDsErrors(db))[0]).toMatchObject({
      phase: 'import',
      number: source.number,
      message: `Dossier ${source.number}: the file « devis-v3.pdf » does not match the checksum DS gives for it; the next run tries again.`,
    });
    expect((await importState(db)).retry_numbers).toEqual([source.number]);
    expect(JSON.stringify(await db.query('SELECT * FROM ds_error'))).not.toContain(fake.token);

    fake.state.blobs.set(devis.key, bytes);
    const retried = await importFromDs(db, connection, { now: hubNow });
    expect(retried).toEqual({ ...NOTHING, updated: 1, files: 1 });
    expect((await lastImport(db, source.number)).pieces.map((piece) => piece.name)).toContain('devis-v3.pdf');
    expect((await importState(db)).retry_numbers).toEqual([]);
  });

  it('reimportDossier records a dossier as DS has it, even unchanged', async () => {
    const source = sources[8]!;
    const events = await importEvents(db);
    await reimportDossier(db, connection, source.number);
    expect(await importEvents(db)).toBe(events + 1);
    expect((await lastImport(db, source.number)).projet).toEqual(source.projet);
  });
});

describe('runs DS interrupts', () => {
  it('resumes from the saved cursor with the same updatedSince, and moves it only once complete', async () => {
    const db = await database();
    const startedAt = hubNow();
    // After two pages, DS keeps the third one past the client's timeout.
    const impatient = connect(fake, { timeoutMs: 1000 });
    const cut = importFromDs(db, impatient, { now: () => startedAt, onProgress: (done) => done === 200 && fake.faults.delay(1, 2500, PAGE_QUERY) });
    await expect(cut).rejects.toBeInstanceOf(DsApiError);
    const state = await importState(db);
    expect(state.updated_since).toBeNull();
    expect(state.end_cursor).toEqual(expect.any(String));
    expect((await db.query('SELECT 1 FROM ds_dossier')).rowCount).toBe(200);

    const from = fake.requests.length;
    const later = new Date(startedAt.getTime() + 10 * 60_000);
    const summary = await importFromDs(db, connect(fake), { now: () => later });
    expect(summary).toMatchObject({ imported: dossiersOf(demarche) - 200, errors: 0 });
    expect(pageCalls(from).map((page) => page.variables)).toEqual([expect.objectContaining({ after: state.end_cursor, updatedSince: null })]);
    const done = await importState(db);
    expect(done.end_cursor).toBeNull();
    expect(new Date(done.updated_since!).getTime()).toBe(startedAt.getTime() - SINCE_MARGIN_MS);
  });

  it('takes a page where DS failed one dossier: that one is an error read again next run, the others are recorded', async () => {
    const db = await database();
    fake.faults.partial(1, PAGE_QUERY);
    const summary = await importFromDs(db, connect(fake), { now: hubNow });
    const total = dossiersOf(demarche);
    expect(summary).toMatchObject({ imported: total - 1, errors: 1 });
    const [error] = await recentDsErrors(db);
    expect(error!.message).toMatch(new RegExp(`^Dossier ${error!.number}: DS could not give it \\(.+\\); the next run reads it again\\.$`));
    expect((await importState(db)).retry_numbers).toEqual([error!.number]);
    const again = await importFromDs(db, connect(fake), { now: hubNow });
    expect(again).toMatchObject({ imported: 1, updated: 0, errors: 0 });
    expect((await importState(db)).retry_numbers).toEqual([]);
  });
});

describe('several démarches', () => {
  it('imports each démarche of the configuration with its own position, and reimportDossier fails clearly on a dossier DS does not give', async () => {
    const db = await database();
    const other = await tiDemarche(fake, { dossiers: 4, seed: 11 });
    const base = connect(fake);
    const both: DsConnection = { ...base, config: { ...base.config, demarches: [demarche, other.demarche] } };
    const summary = await importFromDs(db, both, { now: hubNow });
    expect(summary).toMatchObject({ imported: dossiersOf(demarche) + 4, errors: 0 });
    const { rows } = await db.query<{ demarche: number; dossiers: number }>('SELECT demarche, count(*)::int AS dossiers FROM ds_dossier GROUP BY demarche ORDER BY demarche');
    expect(rows).toEqual([
      { demarche, dossiers: dossiersOf(demarche) },
      { demarche: other.demarche, dossiers: 4 },
    ]);
    const states = await db.query<{ demarche: number }>('SELECT demarche FROM ds_import_state WHERE updated_since IS NOT NULL ORDER BY demarche');
    expect(states.rows.map((row) => row.demarche)).toEqual([demarche, other.demarche]);
    await expect(reimportDossier(db, both, 1)).rejects.toBeInstanceOf(DsApiError);
  });
});
