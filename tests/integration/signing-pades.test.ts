/**
 * PAdES B-B signatures checked by the tools a reader would use: pdfsig (poppler, with the test CA
 * trusted in an NSS database), qpdf and pdffonts; the CMS itself read back with pkijs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFArray, PDFDict, PDFDocument as CantooDocument, PDFName } from '@cantoo/pdf-lib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentWriter } from '../../electron/core/documents';
import { openP12Signer } from '../../electron/core/signing/p12';
import { signPdf, type VisibleSignature } from '../../electron/core/signing/pades';
import { SIGNATURE_ROOM } from '../../electron/core/signing/placeholder';
import { createTestPki, nssDatabaseTrusting, TEST_P12_PASSWORD, type TestIdentity, type TestPki } from '../fixtures/pki';
import { pdfsigReport } from '../fixtures/pdfsig';
import { inspectPdf } from './fixtures/pdf-tools';

const SHOTS = '/tmp/relais/shots';
const SIGNING_TIME = '1.2.840.113549.1.9.5';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

let pki: TestPki;
let nssDir: string;
beforeAll(async () => {
  pki = await createTestPki();
  nssDir = nssDatabaseTrusting(pki.ca.certPem);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => pki?.cleanup());

const visible = (signerName: string, extra: Partial<VisibleSignature> = {}): VisibleSignature => ({
  signerName,
  signerTitle: 'Secrétaire générale pour les affaires régionales',
  delegation: 'Pour le préfet de région et par délégation,',
  signedAt: new Date('2026-11-26T13:45:00Z'),
  reason: 'Arrêté attributif de subvention',
  location: 'Strasbourg',
  ...extra,
});

/** A PDF/A decision-like act from the document writer, with the empty signature field decisions carry. */
async function actWithSignatureField(): Promise<Uint8Array> {
  const writer = await DocumentWriter.create({ title: 'Arrêté attributif', language: 'fr', createdAt: new Date('2026-03-15T10:00:00Z') });
  writer
    .title('Arrêté attributif de subvention', 'Fonds vert — Territoires d’industrie')
    .paragraph('Article 1 : une subvention d’un montant maximal de 120 000 € est attribuée à la société Forges de l’Est.')
    .paragraph('Fait à Strasbourg, le 26 novembre 2026.', { align: 'right' })
    .signatureField('Camille Martin', 80);
  return writer.save();
}

/** A plain two-page PDF without any form. */
async function plainPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.addPage().drawText('Annexe', { x: 50, y: 700 });
  return doc.save();
}

async function sign(pdf: Uint8Array, identity: TestIdentity, name = identity.commonName): Promise<Uint8Array> {
  const signer = await openP12Signer(identity.p12, TEST_P12_PASSWORD, new Date());
  return signPdf(pdf, signer, visible(name));
}

/** The CMS of every signature, in file order, from each dictionary's /ByteRange gap. */
function signatureCms(pdf: Uint8Array): pkijs.SignedData[] {
  const text = Buffer.from(pdf).toString('latin1');
  return Array.from(text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+\d+\s*\]/g), (match) => {
    const hex = text.slice(Number(match[1]) + 1, Number(match[2]) - 1);
    const der = Buffer.from(hex, 'hex');
    const contentInfo = pkijs.ContentInfo.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
    return new pkijs.SignedData({ schema: contentInfo.content });
  });
}

function signedAttributeTypes(signedData: pkijs.SignedData): string[] {
  return signedData.signerInfos[0]?.signedAttrs?.attributes.map((attribute) => attribute.type) ?? [];
}

function expectValidAndTrusted(pdf: Uint8Array, names: string[]) {
  const report = pdfsigReport(pdf, nssDir);
  expect(report.signatures.map((signature) => signature.signerName), report.output).toEqual(names);
  for (const signature of report.signatures) {
    expect(signature.valid, report.output).toBe(true);
    expect(signature.trusted, report.output).toBe(true);
    expect(signature.signatureType).toBe('ETSI.CAdES.detached');
  }
  expect(report.signatures.map((signature) => signature.coversWholeDocument)).toEqual(names.map((_, index) => index === names.length - 1));
  return report;
}

function firstIdOf(pdf: Uint8Array): string[] {
  return Array.from(Buffer.from(pdf).toString('latin1').matchAll(/\/ID\s*\[\s*<([0-9A-Fa-f]+)>/g), (match) => match[1]!.toUpperCase());
}

describe('signPdf (PAdES B-B from a PKCS#12 file)', () => {
  it.each([
    ['RSA-2048', 'rsa'],
    ['ECDSA P-256', 'ecdsa'],
    ['RSA under an intermediate CA carried in the file', 'chained'],
  ] as const)('%s: pdfsig says valid and trusted, qpdf and pdffonts are clean', async (_label, key) => {
    const act = await actWithSignatureField();
    const signed = await sign(act, pki[key]);
    expectValidAndTrusted(signed, [pki[key].commonName]);
    const inspected = inspectPdf(signed, `${SHOTS}/signing-${key}`);
    expect(inspected.qpdfOk).toBe(true);
    expect(inspected.fonts.length).toBeGreaterThan(0);
    expect(inspected.fonts.filter((font) => !font.embedded)).toEqual([]);
    // An incremental update: the act's bytes are untouched, its /ID kept.
    expect(Buffer.from(signed.subarray(0, act.byteLength)).equals(Buffer.from(act))).toBe(true);
    const ids = firstIdOf(signed);
    expect(new Set(ids).size).toBe(1);
  });

  it('signs from the legacy PKCS#12 of older files (3DES key, 40-bit RC2 certificates)', async () => {
    const signer = await openP12Signer(readFileSync(pki.rsaLegacyP12Path), TEST_P12_PASSWORD, new Date());
    expect(signer.certificates).toHaveLength(2);
    expectValidAndTrusted(await signPdf(await plainPdf(), signer, visible(pki.rsa.commonName)), [pki.rsa.commonName]);
  });

  it('writes a CMS with contentType, messageDigest and signing-certificate-v2, and no signingTime', async () => {
    const signed = await sign(await actWithSignatureField(), pki.ecdsa);
    const [cms] = signatureCms(signed);
    const types = signedAttributeTypes(cms!);
    expect(types).toEqual(expect.arrayContaining(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', SIGNING_CERTIFICATE_V2]));
    expect(types).not.toContain(SIGNING_TIME);
    // signing-certificate-v2 names the signer's certificate by its SHA-256.
    const attribute = cms!.signerInfos[0]!.signedAttrs!.attributes.find((candidate) => candidate.type === SIGNING_CERTIFICATE_V2)!;
    const essCertId = (((attribute.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
    const certHash = Buffer.from((essCertId[0] as asn1js.OctetString).valueBlock.valueHexView);
    expect(certHash.equals(createHash('sha256').update(pki.ecdsa.certDer).digest())).toBe(true);
    // The signing time is the dictionary's /M.
    expect(Buffer.from(signed).toString('latin1')).toContain('/M (D:20261126134500Z)');
  });

  it('countersigns: RSA then ECDSA, both valid, the first revision unchanged, only the last covers the whole file', async () => {
    const first = await sign(await actWithSignatureField(), pki.rsa);
    const countersigned = await sign(first, pki.ecdsa);
    expectValidAndTrusted(countersigned, [pki.rsa.commonName, pki.ecdsa.commonName]);
    expect(Buffer.from(countersigned.subarray(0, first.byteLength)).equals(Buffer.from(first))).toBe(true);
    expect(inspectPdf(countersigned, `${SHOTS}/signing-countersigned`).qpdfOk).toBe(true);
  });

  it('adds a field on the last page of a PDF that has none, and stacks a second signature above the first', async () => {
    const once = await sign(await plainPdf(), pki.rsa);
    const twice = await sign(once, pki.chained);
    expect(expectValidAndTrusted(twice, [pki.rsa.commonName, pki.chained.commonName]).signatures.map((signature) => signature.fieldName)).toEqual(['Signature 1', 'Signature 2']);
    expect(inspectPdf(twice, `${SHOTS}/signing-stacked`).qpdfOk).toBe(true);
    const doc = await CantooDocument.load(twice);
    const rects = doc
      .getPages()
      .map((page) => page.node.Annots()?.asArray().map((ref) => doc.context.lookup(ref, PDFDict).lookup(PDFName.of('Rect'), PDFArray).asRectangle()) ?? []);
    expect(rects[0]).toEqual([]);
    const [lower, upper] = rects[1]!;
    expect(upper!.y).toBeGreaterThanOrEqual(lower!.y + lower!.height);
  });

  it('names a new field so that it clashes with no field the form already has', async () => {
    const doc = await PDFDocument.create();
    doc.getForm().createTextField('Signature 1').addToPage(doc.addPage(), { x: 50, y: 700 });
    const signed = await sign(await doc.save(), pki.rsa);
    expect(pdfsigReport(signed, nssDir).signatures.map((signature) => signature.fieldName)).toEqual(['Signature 2']);
  });

  it('places the new block inside the visible area of a page whose origin is not (0, 0)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().setMediaBox(1000, 2000, 595, 842);
    const signed = await CantooDocument.load(await sign(await doc.save(), pki.rsa));
    const [ref] = signed.getPage(0).node.Annots()!.asArray();
    const rect = signed.context.lookup(ref, PDFDict).lookup(PDFName.of('Rect'), PDFArray).asRectangle();
    expect(rect.x).toBeGreaterThanOrEqual(1000);
    expect(rect.x + rect.width).toBeLessThanOrEqual(1000 + 595);
    expect(rect.y).toBeGreaterThanOrEqual(2000);
    expect(rect.y + rect.height).toBeLessThanOrEqual(2000 + 842);
  });

  it('keeps the placeholder room whatever the key: a 32 KB /Contents', async () => {
    const signed = await sign(await plainPdf(), pki.rsa);
    const text = Buffer.from(signed).toString('latin1');
    const [, start, end] = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)/.exec(text)!;
    expect(Number(end) - Number(start)).toBe(2 * SIGNATURE_ROOM + 2);
  });
});
