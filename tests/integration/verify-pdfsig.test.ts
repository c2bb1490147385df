/**
 * verifyPdf on PDFs signed by poppler's pdfsig (NSS) with the test PKI, its verdicts compared
 * with pdfsig's own on the same files: RSA, a chain through an intermediate CA, a
 * countersignature, an expired certificate, changed bytes, bytes appended, unknown anchors.
 * (pdfsig 22.12 often fails to fit its own ECDSA signatures: ECDSA is in verify-pades.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf } from '../../electron/core/signing/verify';
import type { VerificationReport } from '../../shared/domain/signature';
import { RelaisError } from '../../shared/errors';
import { pdfsigReport } from '../fixtures/pdfsig';
import { createTestPki, type TestPki } from '../fixtures/pki';
import { byteRanges, pdfsigSigner, unsignedPdf, withByteFlipped, withHexDigitChanged, type PdfsigSigner } from './verify-fixtures';

let pki: TestPki;
let nss: PdfsigSigner;
let plain: Uint8Array;
let rsaSigned: Uint8Array;
let countersigned: Uint8Array;
const now = () => new Date();

/** pdfsig's verdict on each signature: [valid, trusted, covers the whole document]. */
function pdfsigSays(pdf: Uint8Array): Array<[boolean, boolean, boolean]> {
  return pdfsigReport(pdf, nss.nssDir).signatures.map((s) => [s.valid, s.trusted, s.coversWholeDocument]);
}

function verify(pdf: Uint8Array, trustAnchors = [pki.ca.certDer], at = now()): Promise<VerificationReport> {
  return verifyPdf(pdf, { trustAnchors, now: at });
}

beforeAll(async () => {
  pki = await createTestPki();
  nss = pdfsigSigner(pki, [pki.rsa, pki.chained, pki.expired]);
  plain = await unsignedPdf();
  rsaSigned = nss.sign(plain, pki.rsa, 'Signature du préfet');
  countersigned = nss.sign(rsaSigned, pki.chained, 'Contre');
});

afterAll(() => {
  nss.cleanup();
  pki.cleanup();
});

describe('verifyPdf on intact signatures', () => {
  it('reads an RSA signature: who, when, intact, the whole file, a valid certificate chained to the anchor, as pdfsig says', async () => {
    const before = Date.now();
    const report = await verify(rsaSigned);
    expect(report).toMatchObject({ allIntact: true, changedAfterLastSignature: false, sizeBytes: rsaSigned.length });
    expect(report.signatures).toHaveLength(1);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({
      signerCommonName: 'Camille Martin',
      signerName: 'Camille Martin',
      subFilter: 'adbe.pkcs7.detached',
      reason: 'Signature du préfet',
      integrity: 'intact',
      problem: null,
      coversWholeDocument: true,
      followedOnlyByIncrementalUpdates: true,
      chain: 'trusted',
    });
    expect(signature!.fieldName).toMatch(/^[0-9A-F]{32}$/);
    // /M has a one-second precision.
    expect(Date.parse(signature!.signedAt!)).toBeGreaterThan(before - 120_000);
    expect(signature!.certificate).toMatchObject({
      subject: 'C=FR, O=Relais tests, CN=Camille Martin',
      issuer: 'C=FR, O=Relais tests, CN=Relais Test Root CA',
      validAtSigningTime: true,
      validNow: true,
    });
    expect(pdfsigSays(rsaSigned)).toEqual([[true, true, true]]);
  });

  it('follows a chain through an intermediate CA the signature carries to the root anchor, or to the intermediate as anchor', async () => {
    const signed = nss.sign(plain, pki.chained);
    expect((await verify(signed)).signatures[0]).toMatchObject({ signerCommonName: 'Sacha Petit', integrity: 'intact', chain: 'trusted' });
    expect((await verify(signed, [pki.intermediate.certDer])).signatures[0]!.chain).toBe('trusted');
    expect(pdfsigSays(signed)).toEqual([[true, true, true]]);
  });

  it('keeps both signatures of a countersigned file intact: the first one is followed only by an incremental update', async () => {
    const report = await verify(countersigned);
    expect(report.allIntact).toBe(true);
    expect(report.changedAfterLastSignature).toBe(false);
    expect(report.signatures.map((s) => ({ who: s.signerCommonName, integrity: s.integrity, whole: s.coversWholeDocument, incremental: s.followedOnlyByIncrementalUpdates }))).toEqual([
      { who: 'Camille Martin', integrity: 'intact', whole: false, incremental: true },
      { who: 'Sacha Petit', integrity: 'intact', whole: true, incremental: true },
    ]);
    expect(pdfsigSays(countersigned)).toEqual([
      [true, true, false],
      [true, true, true],
    ]);
  });

  it('finds no signature in an unsigned PDF', async () => {
    expect(await verify(plain)).toEqual({ signatures: [], allIntact: true, changedAfterLastSignature: false, sizeBytes: plain.length });
  });
});

describe('verifyPdf on certificates', () => {
  it('says a certificate expired before the signing time was not valid then, nor now, while the signature stays intact, as pdfsig says', async () => {
    const signed = nss.sign(plain, pki.expired);
    const [signature] = (await verify(signed)).signatures;
    expect(signature).toMatchObject({ integrity: 'intact', chain: 'trusted', certificate: { validAtSigningTime: false, validNow: false } });
    expect(pdfsigReport(signed, nss.nssDir).signatures[0]!.raw).toContain('Certificate Validation: Certificate has Expired');
    expect(pdfsigSays(signed)).toEqual([[true, false, true]]);
  });

  it('says a certificate valid at the signing time has expired since, when checked after its end', async () => {
    // The test certificates are valid five years from today.
    const later = new Date(Date.now() + 6 * 365 * 24 * 3600 * 1000);
    const [signature] = (await verify(rsaSigned, [pki.ca.certDer], later)).signatures;
    expect(signature!.certificate).toMatchObject({ validAtSigningTime: true, validNow: false });
  });

  it('calls a chain incomplete when its root is neither carried (NSS leaves it out) nor an anchor', async () => {
    for (const anchors of [[], [pki.intermediate.certDer]]) {
      expect((await verify(rsaSigned, anchors)).signatures[0]).toMatchObject({ integrity: 'intact', chain: 'incomplete' });
    }
  });
});

describe('verifyPdf on changed files', () => {
  it('finds a byte changed in the first signed range, in the second, and in the signature value', async () => {
    const [[, firstLength, secondStart, secondLength]] = byteRanges(rsaSigned) as [number[]];
    const cases: Array<[string, Uint8Array, string]> = [
      ['first range', withByteFlipped(rsaSigned, 200), 'digest_mismatch'],
      ['second range (the trailer)', withByteFlipped(rsaSigned, secondStart! + secondLength! - 30), 'digest_mismatch'],
      // The hex string of the CMS: its content type near the start, its signature value near the end.
      ['the CMS content type', withHexDigitChanged(rsaSigned, firstLength! + 1 + 20), 'cms_unreadable'],
      ['the CMS signature value', withHexDigitChanged(rsaSigned, secondStart! - 1 - 100), 'signature_invalid'],
    ];
    for (const [where, changed, problem] of cases) {
      const report = await verify(changed);
      expect(report.allIntact, where).toBe(false);
      expect(report.signatures[0]!.integrity, where).toBe('altered');
      expect(report.signatures[0]!.problem, where).toBe(problem);
      expect(pdfsigSays(changed)[0]![0], where).toBe(false);
    }
  });

  it('finds the first signature of a countersigned file altered when a byte it covers changed, and names bytes appended after the last signature', async () => {
    const changed = withByteFlipped(countersigned, 150);
    expect((await verify(changed)).signatures.map((s) => s.integrity)).toEqual(['altered', 'altered']);

    const appended = new Uint8Array([...countersigned, ...Buffer.from('\n% added later\n')]);
    const report = await verify(appended);
    expect(report.allIntact).toBe(true);
    expect(report.changedAfterLastSignature).toBe(true);
    expect(report.signatures.map((s) => [s.coversWholeDocument, s.followedOnlyByIncrementalUpdates])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect(pdfsigSays(appended).map(([, , whole]) => whole)).toEqual([false, false]);
  });

  it('never reports the signatures intact whatever single byte of the signed file changed', async () => {
    const offsets = Array.from({ length: 60 }, (_, i) => Math.floor(((i + 0.5) * rsaSigned.length) / 60));
    for (const offset of offsets) {
      const report = await verify(withByteFlipped(rsaSigned, offset)).catch((error: unknown) => error);
      // A change may also break the file (not a PDF any more) or the signature dictionary (no signature left).
      if (report instanceof RelaisError) continue;
      const { signatures, allIntact } = report as VerificationReport;
      expect(signatures.length === 1 && allIntact, `byte ${offset}`).toBe(false);
    }
  });
});

describe('verifyPdf on what is not a signed PDF', () => {
  it('refuses a file that is not a PDF with a clear error naming it', async () => {
    for (const bytes of [Buffer.from('PK\u0003\u0004 a zip file'), new Uint8Array(0), Buffer.from('%PDF-1.7\n garbage')]) {
      const error = await verifyPdf(bytes, { trustAnchors: [], now: now(), fileName: 'piece.zip' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RelaisError);
      expect(error).toMatchObject({ code: 'verification_not_pdf', params: { name: 'piece.zip' } });
    }
  });

  it('says a signature whose range does not frame its value is not intact', async () => {
    const text = Buffer.from(rsaSigned).toString('latin1');
    const [[, firstLength]] = byteRanges(rsaSigned) as [number[]];
    // One more digit-for-digit: the file keeps its length, the range now starts its gap a byte late.
    const forged = text.replace(/(\/ByteRange\s*\[\s*0\s+)(\d+)/, (_, head: string) => `${head}${firstLength! + 1}`);
    expect(forged).toHaveLength(text.length);
    const [signature] = (await verify(new Uint8Array(Buffer.from(forged, 'latin1')))).signatures;
    expect(signature).toMatchObject({ integrity: 'altered', problem: 'byte_range_invalid' });
  });
});
