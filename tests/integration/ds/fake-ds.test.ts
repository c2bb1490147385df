/**
 * The fake DS server other DS tests stand on: it executes operations against the real DS schema
 * (an operation DS would reject is rejected with graphql-js's errors), pages and filters as DS,
 * serves files under expiring URLs, applies mutations with DS's rules, and each fault does what
 * it says.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierImport } from '../../../shared/domain/dossier';
import { defaultMapping, parseRef } from '../../../server/ds/mapping';
import { startFakeDs, tiDemarche, TI_OTHER_GROUPE, type FakeDs, type FakeDossier } from '../../fixtures/ds';

let fake: FakeDs;
let demarche: number;
let sources: DossierImport[];

interface Answer {
  status: number;
  contentType: string | null;
  headers: Headers;
  json: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> } | null;
  text: string;
}

async function post(query: string, variables: Record<string, unknown> = {}, token = fake.token): Promise<Answer> {
  const operationName = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  const response = await fetch(fake.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const text = await response.text();
  let json: Answer['json'] = null;
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    // A 429 answers plain text.
  }
  return { status: response.status, contentType: response.headers.get('content-type'), headers: response.headers, json, text };
}

const PAGE = `query Page($demarche: Int!, $after: String, $first: Int, $updatedSince: ISO8601DateTime) {
  demarche(number: $demarche) {
    dossiers(first: $first, after: $after, updatedSince: $updatedSince) {
      pageInfo { endCursor hasNextPage }
      nodes { number dateDerniereModification labels { name } }
    }
  }
}`;

const FILES = `query Files($number: Int!) {
  dossier(number: $number) {
    champs { label ... on PieceJustificativeChamp { files { filename contentType byteSizeBigInt checksum url } } }
  }
}`;

function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('base64');
}

function instructeurOf(dossier: FakeDossier) {
  const groupe = fake.state.demarches.find((one) => one.number === dossier.demarche)!.groupeInstructeurs.find((one) => one.number === dossier.groupeInstructeur)!;
  return groupe.instructeurs[0]!;
}

function dossierIn(state: FakeDossier['state']): FakeDossier {
  const found = fake.state.dossiers.find((one) => one.state === state);
  if (!found) throw new Error(`no dossier ${state} left in the fixture`);
  return found;
}

beforeAll(async () => {
  fake = await startFakeDs();
  ({ demarche, sources } = await tiDemarche(fake, { dossiers: 24, seed: 3 }));
});

afterAll(async () => {
  await fake?.close();
});

describe('the Territoires d’industrie démarche', () => {
  it('has every champ the default mapping names, of a fitting type, as DS lists its descriptors', async () => {
    const answer = await post(`query Form($demarche: Int!) {
      demarche(number: $demarche) { activeRevision {
        champDescriptors { __typename label ... on RepetitionChampDescriptor { champDescriptors { __typename label } } }
        annotationDescriptors { __typename label }
      } }
    }`, { demarche });
    const { champDescriptors, annotationDescriptors } = answer.json!.data!.demarche.activeRevision as Record<string, Array<{ __typename: string; label: string; champDescriptors?: Array<{ __typename: string; label: string }> }>>;
    const typeOf = (ref: string, among = champDescriptors!) => among.find((one) => one.label === (parseRef(ref) as { label: string }).label)?.__typename;
    const { champs, pieces, annotations } = defaultMapping();
    expect([champs.projetTitle, champs.projetSummary, champs.projetValueChain].map((ref) => typeOf(ref))).toEqual(['TextChampDescriptor', 'TextareaChampDescriptor', 'TextChampDescriptor']);
    expect([champs.projetVolet, champs.companySize].map((ref) => typeOf(ref))).toEqual(['DropDownListChampDescriptor', 'DropDownListChampDescriptor']);
    expect([champs.plannedStart, champs.plannedEnd].map((ref) => typeOf(ref))).toEqual(['DateChampDescriptor', 'DateChampDescriptor']);
    expect(typeOf(champs.siteCommune)).toBe('CommuneChampDescriptor');
    expect(typeOf(champs.amountRequested)).toBe('DecimalNumberChampDescriptor');
    for (const block of [champs.costLines, champs.financingPlan]) {
      const repetition = champDescriptors!.find((one) => one.label === block.block)!;
      expect(repetition.__typename).toBe('RepetitionChampDescriptor');
      for (const column of Object.values(block.columns)) expect(typeOf(column, repetition.champDescriptors)).toEqual(expect.any(String));
    }
    for (const piece of Object.keys(pieces)) expect(typeOf(piece)).toBe('PieceJustificativeChampDescriptor');
    expect(typeOf(annotations.notes, annotationDescriptors)).toBe('TextareaChampDescriptor');
  });

  it('makes the same dossiers from the same seed, numbered after those the fake holds, in another démarche', async () => {
    const other = await startFakeDs();
    try {
      const first = await tiDemarche(other, { dossiers: 3, seed: 3 });
      const second = await tiDemarche(other, { number: 200_001, dossiers: 3, seed: 3 });
      expect(second.demarche).toBe(200_001);
      expect(first.sources.map((one) => one.number)).toEqual(sources.slice(0, 3).map((one) => one.number));
      expect(second.sources.map(({ number, ...rest }) => rest)).toEqual(first.sources.map(({ number, ...rest }) => rest));
      expect(Math.min(...second.sources.map((one) => one.number))).toBeGreaterThan(Math.max(...first.sources.map((one) => one.number)));
      expect(other.state.dossiers.filter((one) => one.demarche === 200_001)).toHaveLength(3);
    } finally {
      await other.close();
    }
  });
});

describe('queries', () => {
  it('answers a valid query page by page, ordered by modification date then number', async () => {
    const seen: Array<{ number: number; dateDerniereModification: string }> = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const answer = await post(PAGE, { demarche, first: 10, after });
      expect(answer.status).toBe(200);
      expect(answer.json!.errors).toBeUndefined();
      const { pageInfo, nodes } = answer.json!.data!.demarche.dossiers;
      seen.push(...nodes);
      pages++;
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen.map((one) => one.number).sort()).toEqual(sources.map((one) => one.number).sort());
    // DS writes instants to the second, with Paris's offset.
    for (const one of seen) expect(one.dateDerniereModification).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    const keys = seen.map((one) => [Date.parse(one.dateDerniereModification), one.number] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('rejects an unknown field and an argument of the wrong type with the errors graphql-js gives', async () => {
    const unknownField = await post(`query Bad($number: Int!) { dossier(number: $number) { number nope } }`, { number: sources[0]!.number });
    expect(unknownField.status).toBe(200);
    expect(unknownField.json!.data).toBeUndefined();
    expect(unknownField.json!.errors!.map((error) => error.message)).toEqual(['Cannot query field "nope" on type "Dossier".']);

    const wrongLiteral = await post(`query Bad { dossier(number: "12") { number } }`);
    expect(wrongLiteral.json!.errors!.map((error) => error.message)).toEqual(['Int cannot represent non-integer value: "12"']);

    const wrongVariable = await post(`query Bad($number: Int!) { dossier(number: $number) { number } }`, { number: 'douze' });
    expect(wrongVariable.json!.errors![0]!.message).toMatch(/^Variable "\$number" got invalid value "douze"; Int cannot represent non-integer value/);
    expect(fake.requests.at(-1)).toMatchObject({ operationName: 'Bad', status: 200, errors: [expect.objectContaining({ message: expect.stringContaining('$number') })] });
  });

  it('refuses any other token with HTTP 401 and JSON errors', async () => {
    const answer = await post(PAGE, { demarche, first: 1 }, 'not-the-token');
    expect(answer.status).toBe(401);
    expect(answer.json!.errors![0]!.message).toMatch(/Unauthorized/);
    expect(answer.json!.errors![0]!.extensions).toEqual({ code: 'unauthorized' });
    expect(answer.text).not.toContain('not-the-token');
  });

  it('answers an unknown dossier or démarche with a not_found error', async () => {
    const answer = await post(`query Missing { dossier(number: 1) { number } }`);
    expect(answer.json).toMatchObject({ data: null, errors: [{ message: 'Dossier not found', extensions: { code: 'not_found' } }] });
  });

  it('gives files whose URL serves the bytes of their MD5 checksum, for an hour', async () => {
    const source = sources[0]!;
    const answer = await post(FILES, { number: source.number });
    const files = answer.json!.data!.dossier.champs.flatMap((champ: { files?: unknown[] }) => champ.files ?? []);
    expect(files.map((file: { filename: string }) => file.filename)).toEqual(source.pieces.map((piece) => piece.name));
    for (const file of files) {
      const response = await fetch(file.url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(response.status).toBe(200);
      expect(md5(bytes)).toBe(file.checksum);
      expect(bytes.length).toBe(Number(file.byteSizeBigInt));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(source.pieces.find((piece) => piece.name === file.filename)!.sha256);
    }
    fake.clock.advance(60 * 60 * 1000 + 1);
    expect((await fetch(files[0].url)).status).toBe(403);
    const fresh = await post(FILES, { number: source.number });
    const url = fresh.json!.data!.dossier.champs.flatMap((champ: { files?: Array<{ url: string }> }) => champ.files ?? [])[0].url;
    expect((await fetch(url)).status).toBe(200);
  });

  it('lists what changed since a date: a champ change is seen, a label is not', async () => {
    const since = fake.clock.now().toISOString();
    const [changed, labelled] = [sources[1]!, sources[2]!];
    fake.modify(labelled.number, { addLabels: ['Prioritaire'].filter((name) => !labelled.labels.includes(name)), removeLabels: labelled.labels });
    const before = fake.dossier(changed.number).dateDerniereModificationChamps;
    fake.modify(changed.number, { champs: { 'Intitulé du projet': 'Nouveau titre' } });
    expect(fake.dossier(changed.number).dateDerniereModificationChamps.getTime()).toBeGreaterThan(before.getTime());
    const answer = await post(PAGE, { demarche, first: 100, updatedSince: since });
    expect(answer.json!.data!.demarche.dossiers.nodes.map((one: { number: number }) => one.number)).toEqual([changed.number]);
  });

  it('pages backwards with last and before, and gives the SVA/SVR date set on DS', async () => {
    const all = (await post(PAGE, { demarche, first: 100 })).json!.data!.demarche.dossiers.nodes.map((one: { number: number }) => one.number);
    const tail = await post(`query Tail($demarche: Int!) { demarche(number: $demarche) { dossiers(last: 3) { pageInfo { startCursor hasPreviousPage } nodes { number } } } }`, { demarche });
    const { pageInfo, nodes } = tail.json!.data!.demarche.dossiers;
    expect(nodes.map((one: { number: number }) => one.number)).toEqual(all.slice(-3));
    expect(pageInfo.hasPreviousPage).toBe(true);
    const before = await post(`query Before($demarche: Int!, $before: String) { demarche(number: $demarche) { dossiers(last: 2, before: $before) { nodes { number } } } }`, { demarche, before: pageInfo.startCursor });
    expect(before.json!.data!.demarche.dossiers.nodes.map((one: { number: number }) => one.number)).toEqual(all.slice(-5, -3));

    const number = all[0];
    fake.modify(number, { svaSvrDecisionOn: '2027-02-15' });
    const sva = await post(`query Sva($number: Int!) { dossier(number: $number) { datePrevisionnelleDecisionSVASVR } }`, { number });
    expect(sva.json!.data!.dossier.datePrevisionnelleDecisionSVASVR).toBe('2027-02-15');
  });

  it('lists deleted dossiers since a date, and no longer answers for them', async () => {
    const since = fake.clock.now().toISOString();
    const gone = sources[3]!;
    fake.deleteDossier(gone.number);
    const answer = await post(
      `query Deleted($demarche: Int!, $since: ISO8601DateTime) { demarche(number: $demarche) { deletedDossiers(deletedSince: $since, first: 100) { nodes { number reason dateSupression } } } }`,
      { demarche, since },
    );
    expect(answer.json!.data!.demarche.deletedDossiers.nodes).toEqual([{ number: gone.number, reason: 'user_request', dateSupression: expect.any(String) }]);
    expect((await post(`query One { dossier(number: ${gone.number}) { number } }`)).json!.errors![0]!.message).toBe('Dossier not found');
  });
});

const PASSER = `mutation Passer($dossierId: ID!, $instructeurId: ID!) {
  dossierPasserEnInstruction(input: { dossierId: $dossierId, instructeurId: $instructeurId }) { dossier { state } errors { message } }
}`;

const UPLOAD = `mutation Upload($input: CreateDirectUploadInput!) { createDirectUpload(input: $input) { directUpload { url headers blobId signedBlobId } } }`;

const ACCEPTER = `mutation Accepter($input: DossierAccepterInput!) { dossierAccepter(input: $input) { dossier { state motivation motivationAttachment { checksum filename } } errors { message } } }`;

async function directUpload(dossier: FakeDossier, bytes: Buffer, declared = md5(bytes)) {
  const answer = await post(UPLOAD, { input: { dossierId: dossier.id, filename: 'decision.pdf', byteSize: bytes.length, checksum: declared, contentType: 'application/pdf' } });
  const upload = answer.json!.data!.createDirectUpload.directUpload as { url: string; headers: string; signedBlobId: string };
  return { ...upload, put: (body: Buffer = bytes) => fetch(upload.url, { method: 'PUT', headers: JSON.parse(upload.headers) as Record<string, string>, body: new Uint8Array(body) }) };
}

describe('mutations', () => {
  it('passes a dossier to instruction once; again, « Le dossier est déjà en instruction »', async () => {
    const dossier = dossierIn('en_construction');
    const instructeur = instructeurOf(dossier);
    const first = await post(PASSER, { dossierId: dossier.id, instructeurId: instructeur.id });
    expect(first.json!.data!.dossierPasserEnInstruction).toEqual({ dossier: { state: 'en_instruction' }, errors: null });
    const again = await post(PASSER, { dossierId: dossier.id, instructeurId: instructeur.id });
    expect(again.json!.data!.dossierPasserEnInstruction).toEqual({ dossier: null, errors: [{ message: 'Le dossier est déjà en instruction' }] });
  });

  it('refuses an instructeur outside the dossier’s groupe instructeur, and an unknown one', async () => {
    const dossier = dossierIn('en_construction');
    const outsider = fake.state.demarches.find((one) => one.number === demarche)!.groupeInstructeurs.find((one) => one.label === TI_OTHER_GROUPE.label)!.instructeurs[0]!;
    const answer = await post(PASSER, { dossierId: dossier.id, instructeurId: outsider.id });
    expect(answer.json!.data!.dossierPasserEnInstruction.errors).toEqual([{ message: 'L’instructeur n’a pas les droits d’accès à ce dossier' }]);
    expect(fake.dossier(dossier.number).state).toBe('en_construction');
    const unknown = await post(PASSER, { dossierId: dossier.id, instructeurId: 'SW5zdHJ1Y3RldXItMQ==' });
    expect(unknown.json!.errors![0]!.message).toMatch(/^No object found for `instructeurId/);
  });

  it('accepts with a justificatif uploaded whole and checked, and keeps its bytes; then « déjà accepté »', async () => {
    const dossier = dossierIn('en_instruction');
    const instructeur = instructeurOf(dossier);
    const pdf = Buffer.from('%PDF-1.7\nune décision signée\n%%EOF\n');
    const upload = await directUpload(dossier, pdf);
    const notYet = await post(ACCEPTER, { input: { dossierId: dossier.id, instructeurId: instructeur.id, justificatif: upload.signedBlobId } });
    expect(notYet.json!.data!.dossierAccepter.errors).toEqual([{ message: 'Le fichier joint n’a pas été téléversé entièrement' }]);
    expect((await upload.put(Buffer.from('autre chose'))).status).toBe(400);
    const wrongType = await fetch(upload.url, { method: 'PUT', headers: { ...(JSON.parse(upload.headers) as Record<string, string>), 'Content-Type': 'text/plain' }, body: new Uint8Array(pdf) });
    expect(wrongType.status).toBe(403);
    expect((await upload.put()).status).toBe(200);
    const accepted = await post(ACCEPTER, { input: { dossierId: dossier.id, instructeurId: instructeur.id, justificatif: upload.signedBlobId, motivation: 'Aide attribuée' } });
    expect(accepted.json!.data!.dossierAccepter).toEqual({
      dossier: { state: 'accepte', motivation: 'Aide attribuée', motivationAttachment: { checksum: md5(pdf), filename: 'decision.pdf' } },
      errors: null,
    });
    expect(fake.fileBytes(fake.dossier(dossier.number).motivationAttachment!)).toEqual(pdf);
    const again = await post(ACCEPTER, { input: { dossierId: dossier.id, instructeurId: instructeur.id } });
    expect(again.json!.data!.dossierAccepter.errors).toEqual([{ message: 'Le dossier est déjà accepté' }]);
  });

  it('refuses a justificatif whose signed id is over an hour old', async () => {
    const dossier = dossierIn('en_instruction');
    const upload = await directUpload(dossier, Buffer.from('%PDF-1.7 refus'));
    expect((await upload.put()).status).toBe(200);
    fake.clock.advance(60 * 60 * 1000 + 1);
    const answer = await post(`mutation Refuser($input: DossierRefuserInput!) { dossierRefuser(input: $input) { dossier { state } errors { message } } }`, {
      input: { dossierId: dossier.id, instructeurId: instructeurOf(dossier).id, justificatif: upload.signedBlobId, motivation: 'Motifs de droit et de fait' },
    });
    expect(answer.json!.data!.dossierRefuser).toEqual({ dossier: null, errors: [{ message: 'Le fichier joint n’est pas valide : son identifiant a expiré' }] });
  });

  it('checks annotations against their descriptors, and sends every message, even the same twice', async () => {
    const dossier = dossierIn('en_instruction');
    const instructeur = instructeurOf(dossier);
    const descriptors = fake.state.demarches.find((one) => one.number === demarche)!.revision.annotationDescriptors;
    const notes = descriptors.find((one) => one.type === 'textarea')!;
    const amount = descriptors.find((one) => one.type === 'decimal_number')!;
    const annotate = (annotations: unknown) =>
      post(`mutation Annoter($input: DossierModifierAnnotationsInput!) { dossierModifierAnnotations(input: $input) { annotations { label stringValue } errors { message } } }`, {
        input: { dossierId: dossier.id, instructeurId: instructeur.id, annotations },
      });
    const wrongKind = await annotate([{ id: amount.id, value: { text: 'beaucoup' } }]);
    expect(wrongKind.json!.data!.dossierModifierAnnotations.errors[0].message).toMatch(/ne prend pas une valeur « text »/);
    const set = await annotate([{ id: notes.id, value: { textarea: 'Visite faite le 3 mars.' } }, { id: amount.id, value: { decimalNumber: 125000.5 } }]);
    expect(set.json!.data!.dossierModifierAnnotations).toEqual({
      annotations: [
        { label: notes.label, stringValue: 'Visite faite le 3 mars.' },
        { label: amount.label, stringValue: '125000.5' },
      ],
      errors: null,
    });
    const send = () =>
      post(`mutation Message($input: DossierEnvoyerMessageInput!) { dossierEnvoyerMessage(input: $input) { message { body email } errors { message } } }`, {
        input: { dossierId: dossier.id, instructeurId: instructeur.id, body: 'Merci de compléter le plan de financement.' },
      });
    await send();
    await send();
    expect(fake.dossier(dossier.number).messages.map((message) => [message.email, message.body])).toEqual([
      [instructeur.email, 'Merci de compléter le plan de financement.'],
      [instructeur.email, 'Merci de compléter le plan de financement.'],
    ]);
  });

  it('adds and removes a label of the démarche without touching the modification date', async () => {
    const dossier = fake.state.dossiers.find((one) => one.labels.length === 0)!;
    const label = fake.state.demarches.find((one) => one.number === demarche)!.labels[0]!;
    const modified = dossier.dateDerniereModification.getTime();
    const change = (mutation: string) =>
      post(`mutation Label($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { dossier { labels { name } } errors { message } } }`, {
        input: { dossierId: dossier.id, labelId: label.id },
      });
    expect((await change('dossierAjouterLabel')).json!.data!.dossierAjouterLabel).toEqual({ dossier: { labels: [{ name: label.name }] }, errors: null });
    expect((await change('dossierAjouterLabel')).json!.data!.dossierAjouterLabel.errors).toEqual([{ message: 'Ce label est déjà associé au dossier' }]);
    expect((await change('dossierSupprimerLabel')).json!.data!.dossierSupprimerLabel).toEqual({ dossier: { labels: [] }, errors: null });
    expect(fake.dossier(dossier.number).dateDerniereModification.getTime()).toBe(modified);
  });
});

describe('faults', () => {
  const ONE = `query One($demarche: Int!) { demarche(number: $demarche) { dossiers(first: 3) { nodes { number state } } } }`;

  it('rateLimit answers 429 in plain text with RateLimit-Reset, then lets calls through', async () => {
    fake.faults.rateLimit(1, 7, 'One');
    const limited = await post(ONE, { demarche });
    expect(limited.status).toBe(429);
    expect(limited.contentType).toMatch(/^text\/plain/);
    expect(limited.headers.get('ratelimit-reset')).toBe('7');
    expect((await post(ONE, { demarche })).status).toBe(200);
  });

  it('enforces a rate limit per minute when asked, as DS does over its limit', async () => {
    const limited = await startFakeDs({ requestsPerMinute: 2 });
    try {
      const call = () => fetch(limited.url, { method: 'POST', headers: { authorization: `Bearer ${limited.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect([(await call()).status, (await call()).status]).toEqual([200, 200]);
      const refused = await call();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      limited.clock.advance(60_000);
      expect((await call()).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('delay answers late', async () => {
    fake.faults.delay(1, 400);
    const started = Date.now();
    expect((await post(ONE, { demarche })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('partial gives data and a field error in one answer', async () => {
    fake.faults.partial(1, 'One');
    const answer = await post(ONE, { demarche });
    expect(answer.status).toBe(200);
    const nodes = answer.json!.data!.demarche.dossiers.nodes as unknown[];
    expect(nodes[0]).toBeNull();
    expect(nodes.slice(1).every((node) => node !== null)).toBe(true);
    expect(answer.json!.errors).toEqual([expect.objectContaining({ path: ['demarche', 'dossiers', 'nodes', 0, 'number'] })]);
  });

  it('partial on an answer with no list of nullable items gives the whole data and an error beside it', async () => {
    const { number, state } = fake.state.dossiers[0]!;
    fake.faults.partial(1);
    const answer = await post(`query Single($number: Int!) { dossier(number: $number) { number state } }`, { number });
    expect(answer.json).toEqual({ data: { dossier: { number, state } }, errors: [expect.objectContaining({ message: expect.any(String) })] });
  });

  it('serverError answers a 5xx with a JSON error and runs nothing', async () => {
    const dossier = dossierIn('en_construction');
    fake.faults.serverError(1, 'Passer', 502);
    const answer = await post(PASSER, { dossierId: dossier.id, instructeurId: instructeurOf(dossier).id });
    expect(answer.status).toBe(502);
    expect(answer.json).toEqual({ errors: [expect.objectContaining({ message: 'Internal server error' })] });
    expect(fake.dossier(dossier.number).state).toBe('en_construction');
  });

  it('failDownloads answers 403 on file URLs', async () => {
    const answer = await post(FILES, { number: sources[5]!.number });
    const url = answer.json!.data!.dossier.champs.flatMap((champ: { files?: Array<{ url: string }> }) => champ.files ?? [])[0].url;
    fake.faults.failDownloads(1);
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url)).status).toBe(200);
  });

  it('dropAfterMutation applies the mutation then cuts the connection', async () => {
    const dossier = dossierIn('en_construction');
    fake.faults.dropAfterMutation(1, 'Passer');
    await expect(post(PASSER, { dossierId: dossier.id, instructeurId: instructeurOf(dossier).id })).rejects.toThrow();
    expect(fake.dossier(dossier.number).state).toBe('en_instruction');
    expect(fake.requests.at(-1)).toMatchObject({ operationName: 'Passer', status: 0 });
  });
});
