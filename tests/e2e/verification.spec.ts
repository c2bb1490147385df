/**
 * Verifying a signed decision in Chromium: an accusé de réception is proposed and signed through
 * the contract with a PKCS#12 file of the test PKI; its panel says the signature is intact but its
 * chain is not trusted, then trusted once the case file's trust folder holds the test root; in
 * French and in English, by keyboard, axe clean. Works on en_instruction dossiers from the 50th
 * highest number down, which no other spec uses, and leaves the role, the language and the trust
 * folder as it found them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import type { Decision, DeskRole } from '../../shared/channels/decisions';
import { createTestPki, TEST_P12_PASSWORD, type TestPki } from '../fixtures/pki';
import { call, dataDir, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

let pki: TestPki;
let roleBefore: DeskRole;
const trustFile = () => path.join(dataDir(), 'trust', 'relais-e2e-test-root.pem');

/** A signed accusé de réception on the first en_instruction dossier from `from` down that has no decision yet. */
async function signedAcknowledgement(request: APIRequestContext, from: number): Promise<Decision> {
  for (let offset = from; offset < from + 20; offset += 1) {
    const { rows } = await call(request, 'dossiers.list', { filters: { states: ['en_instruction'] }, sort: { column: 'number', direction: 'desc' }, offset, limit: 1 });
    const dossierId = rows[0]!.id;
    if ((await call(request, 'decisions.list', { dossierId })).length > 0) continue;
    await call(request, 'decisions.setRole', { role: 'instructeur' });
    const draft = await call(request, 'decisions.create', { dossierId, type: 'accuse-reception' });
    await call(request, 'decisions.propose', { id: draft.id, expectedVersion: draft.version });
    await call(request, 'decisions.setRole', { role: 'signataire' });
    const credentials = { kind: 'p12' as const, p12Base64: Buffer.from(pki.rsa.p12).toString('base64'), password: TEST_P12_PASSWORD };
    const { jobId } = await call(request, 'decisions.sign', { ids: [draft.id], credentials });
    await expect.poll(async () => (await call(request, 'decisions.signProgress', { jobId })).finished).toBe(true);
    const [signed] = (await call(request, 'decisions.list', { dossierId })).filter((decision) => decision.id === draft.id);
    expect(signed?.state).toBe('signee');
    return signed!;
  }
  throw new Error('no en_instruction dossier without a decision from the 50th down');
}

async function verifyIn(page: Page, regionName: string, action: string) {
  const region = page.getByRole('region', { name: regionName });
  await region.getByRole('button', { name: action }).press('Enter');
  return region;
}

test.beforeAll(async ({ request }) => {
  pki = await createTestPki();
  roleBefore = (await call(request, 'decisions.role', {})).role;
});
test.afterAll(async ({ request }) => {
  rmSync(trustFile(), { force: true });
  await call(request, 'decisions.setRole', { role: roleBefore });
  await call(request, 'preferences.setLanguage', { language: 'fr' });
  pki.cleanup();
});

test('a signed decision’s panel lists its signature: intact, chain untrusted, then trusted with the case file’s anchor, in French and English', async ({ page, request }) => {
  const decision = await signedAcknowledgement(request, 50);
  await call(request, 'preferences.setLanguage', { language: 'fr' });
  await openDesk(page, `/dossiers/${decision.dossierId}?onglet=decision`);
  await expect(page.getByRole('heading', { name: 'Accusé de réception : signée' })).toBeVisible();

  const panel = await verifyIn(page, 'Vérification des signatures', 'Vérifier les signatures');
  await expect(panel.getByRole('status')).toContainText('Les signatures sont intactes, mais un point demande votre attention');
  const signature = panel.getByRole('listitem');
  await expect(signature).toHaveCount(1);
  await expect(signature.getByRole('heading', { name: /^Signature 1 sur 1 : Camille Martin/ })).toContainText('À examiner');
  await expect(signature).toContainText('intacte (les octets signés n’ont pas changé)');
  await expect(signature).toContainText('couvre tout le document');
  await expect(signature).toContainText('(heure de Paris)');
  await expect(signature).toContainText('valide à la date de signature et aujourd’hui');
  await expect(signature).toContainText('non approuvée');
  await expectNoAxeViolations(page);
  await screenshot(page, 'verification-untrusted-fr');

  mkdirSync(path.dirname(trustFile()), { recursive: true });
  writeFileSync(trustFile(), pki.ca.certPem);
  await panel.getByRole('button', { name: 'Vérifier les signatures' }).press('Enter');
  await expect(panel.getByRole('status')).toContainText('La signature est intacte et son certificat est approuvé.');
  await expect(signature.getByRole('heading')).toContainText('Valide');
  await expect(signature).toContainText('approuvée (elle mène à une autorité de confiance)');
  await expectNoAxeViolations(page);
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'verification-trusted-fr');

  await call(request, 'preferences.setLanguage', { language: 'en' });
  await openDesk(page, `/dossiers/${decision.dossierId}?onglet=decision`);
  const english = await verifyIn(page, 'Signature verification', 'Verify the signatures');
  await expect(english.getByRole('status')).toContainText('The signature is intact and its certificate is trusted.');
  await expect(english.getByRole('listitem').getByRole('heading', { name: /^Signature 1 of 1: Camille Martin/ })).toContainText('Valid');
  await expect(english).toContainText('(Paris time)');
  await expect(english).toContainText('covers the whole document');
  await expectNoAxeViolations(page);
  await screenshot(page, 'verification-trusted-en');
});

test('a PDF piece’s signatures are verified from its viewer: a piece of the demo carries none', async ({ page, request }) => {
  await call(request, 'preferences.setLanguage', { language: 'fr' });
  const { rows } = await call(request, 'dossiers.list', { filters: { states: ['en_instruction'] }, sort: { column: 'number', direction: 'desc' }, offset: 70, limit: 40 });
  const withPdf = async (id: string) => {
    const candidate = await call(request, 'dossiers.get', { id });
    return { dossier: candidate, piece: candidate.pieces.find((p) => p.mimeType === 'application/pdf' && p.textStatus === 'indexed') };
  };
  let found: Awaited<ReturnType<typeof withPdf>> | undefined;
  for (const row of rows) {
    found = await withPdf(row.id);
    if (found.piece) break;
  }
  const { dossier, piece } = found ?? {};
  if (!dossier || !piece) throw new Error('no en_instruction dossier from the 70th down has a readable PDF piece');
  await openDesk(page, `/dossiers/${dossier.id}?onglet=pieces&piece=${piece.id}`);
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(piece.name) })).toBeVisible();

  const panel = await verifyIn(page, 'Vérification des signatures', 'Vérifier les signatures');
  await expect(panel.getByRole('heading', { level: 3, name: 'Vérification des signatures' })).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText('Ce document ne porte aucune signature électronique.');
  await expect(panel.getByRole('listitem')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await screenshot(page, 'verification-piece-unsigned-fr');
});
