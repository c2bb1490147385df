/**
 * A rendered act goes through signing as it is meant to: the signature lands in the empty field
 * the act reserves under its signatory, a countersignature adds a second one, and the document
 * stays clean (qpdf), verifiable (pdfsig) and keeps its data attached.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDecisionPdf, SIGNATURE_FIELD } from '../../electron/core/decisions/render';
import { openP12Signer } from '../../electron/core/signing/p12';
import { signPdf } from '../../electron/core/signing/pades';
import type { DecisionContent } from '../../shared/domain/decision';
import { createTestPki, nssDatabaseTrusting, TEST_P12_PASSWORD, type TestPki } from '../fixtures/pki';

// The test certificates are valid from yesterday: the act is signed now.
const NOW = new Date();

const REFUSAL: DecisionContent = {
  type: 'refus',
  dossier: {
    number: 1042,
    company: 'Forges de l’Est SAS',
    siret: '73282932000074',
    address: ['12 rue de l’Usine', '67100 Strasbourg'],
    projectTitle: 'Ligne de découpe laser',
    regionCode: '44',
  },
  reference: 'TI-2026-1042-REF',
  date: '2026-03-15',
  authority: ['PRÉFET DE LA RÉGION GRAND EST', 'Secrétariat général pour les affaires régionales'],
  signatory: { firstName: 'Camille', lastName: 'Martin', title: 'secrétaire générale pour les affaires régionales', delegation: 'Pour le préfet de la région Grand Est et par délégation,' },
  remarks: '',
  reasonsOfLaw: 'Le cahier des charges réserve les subventions aux projets qui atteignent la note minimale.',
  reasonsOfFact: 'Le projet obtient 32 points sur 100, pour un minimum de 50.',
};

let pki: TestPki;
let nssDir: string;
let dir: string;

beforeAll(async () => {
  pki = await createTestPki();
  nssDir = nssDatabaseTrusting(pki.ca.certPem);
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-decision-signed-'));
}, 60_000);

afterAll(() => {
  pki.cleanup();
  rmSync(nssDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function signatureFields(pdf: PDFDocument): PDFDict[] {
  const fields = pdf.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
  return fields.asArray().map((_, index) => fields.lookup(index, PDFDict));
}

describe('a rendered act, signed and countersigned', () => {
  it('is signed in its reserved field, countersigned in a new one, and both verify', async () => {
    const rendered = await renderDecisionPdf(REFUSAL, { now: NOW, data: { content: REFUSAL } });
    const [reserved] = signatureFields(await PDFDocument.load(rendered, { updateMetadata: false }));
    const reservedRect = reserved!.lookup(PDFName.of('Rect'), PDFArray).asRectangle();

    const first = await openP12Signer(pki.rsa.p12, TEST_P12_PASSWORD, NOW);
    const signed = await signPdf(rendered, first, { signerName: 'Camille MARTIN', signerTitle: 'Secrétaire générale pour les affaires régionales', delegation: REFUSAL.signatory.delegation, signedAt: NOW });
    await first.close();
    const second = await openP12Signer(pki.ecdsa.p12, TEST_P12_PASSWORD, NOW);
    const countersigned = await signPdf(signed, second, { signerName: 'Dominique BERNARD', signerTitle: 'Préfet de région', signedAt: new Date(NOW.getTime() + 60_000) });
    await second.close();

    const file = path.join(dir, 'countersigned.pdf');
    writeFileSync(file, countersigned);
    const fields = signatureFields(await PDFDocument.load(countersigned, { updateMetadata: false }));
    expect(fields.map((field) => field.lookup(PDFName.of('T'))?.toString())).toHaveLength(2);
    // The first signature took the field the act reserved, with its rectangle.
    expect(fields[0]!.lookup(PDFName.of('T'))?.toString()).toBe(`(${SIGNATURE_FIELD})`);
    expect(fields[0]!.has(PDFName.of('V'))).toBe(true);
    expect(fields[0]!.lookup(PDFName.of('Rect'), PDFArray).asRectangle()).toEqual(reservedRect);

    const report = execFileSync('pdfsig', ['-nssdir', `sql:${nssDir}`, file], { encoding: 'utf8' });
    expect(report.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(report.match(/Certificate is Trusted\./g)).toHaveLength(2);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    const saved = path.join(dir, 'decision.json');
    execFileSync('pdfdetach', ['-save', '1', '-o', saved, file]);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual({ content: REFUSAL });
    expect(execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' })).toContain('<pdfaid:conformance>B</pdfaid:conformance>');

    mkdirSync('/tmp/relais/shots', { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', file, '/tmp/relais/shots/decision-refus-signed']);
  }, 60_000);
});
