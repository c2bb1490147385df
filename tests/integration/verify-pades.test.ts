/**
 * verifyPdf on PAdES signatures made by Relais's own signPdf (ETSI.CAdES.detached, 32 KB room,
 * signing-certificate-v2) from the test PKI's PKCS#12 files, compared with pdfsig's verdicts:
 * RSA, ECDSA, a countersignature, changed bytes (covered, in the CMS, in its padding), a chain
 * to an unknown root, an expired certificate.
 */
import { createHash, createPrivateKey, sign as signWithKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openP12Signer } from '../../electron/core/signing/p12';
import { signPdf, type VisibleSignature } from '../../electron/core/signing/pades';
import type { Signer } from '../../electron/core/signing/signer';
import { verifyPdf } from '../../electron/core/signing/verify';
import type { VerificationReport } from '../../shared/domain/signature';
import { pdfsigReport } from '../fixtures/pdfsig';
import { createTestPki, nssDatabaseTrusting, TEST_P12_PASSWORD, type TestIdentity, type TestPki } from '../fixtures/pki';
import { byteRanges, unsignedPdf, withByteFlipped, withHexDigitChanged } from './verify-fixtures';

let pki: TestPki;
let nssDir: string;
let plain: Uint8Array;
let rsaSigned: Uint8Array;
let ecdsaSigned: Uint8Array;
let countersigned: Uint8Array;

const signedAt = new Date('2026-11-26T10:15:30.000Z');
const visible = (signerName: string): VisibleSignature => ({ signerName, signerTitle: 'Secrétaire général pour les affaires régionales', signedAt });

function verify(pdf: Uint8Array, trustAnchors = [pki.ca.certDer]): Promise<VerificationReport> {
  return verifyPdf(pdf, { trustAnchors, now: new Date() });
}

async function signWithP12(pdf: Uint8Array, identity: TestIdentity, name: string): Promise<Uint8Array> {
  const signer = await openP12Signer(identity.p12, TEST_P12_PASSWORD, new Date());
  try {
    return await signPdf(pdf, signer, visible(name));
  } finally {
    await signer.close();
  }
}

/** A key used as it is, past the checks Relais's own openers make: how another tool may have signed. */
function rawKeySigner(identity: TestIdentity, chain: readonly TestIdentity[]): Signer {
  const key = createPrivateKey(identity.keyPem);
  return {
    certificates: [identity.certDer, ...chain.map((issuer) => issuer.certDer)],
    keyAlgorithm: key.asymmetricKeyType === 'ec' ? 'ECDSA' : 'RSA',
    sign: async (data) => new Uint8Array(signWithKey('sha256', data, key)),
    close: async () => undefined,
  };
}

/** pdfsig's verdict on each signature: [valid, trusted, covers the whole document]. */
function pdfsigSays(pdf: Uint8Array): Array<[boolean, boolean, boolean]> {
  return pdfsigReport(pdf, nssDir).signatures.map((s) => [s.valid, s.trusted, s.coversWholeDocument]);
}

beforeAll(async () => {
  pki = await createTestPki();
  nssDir = nssDatabaseTrusting(pki.ca.certPem);
  plain = await unsignedPdf();
  rsaSigned = await signWithP12(plain, pki.rsa, 'Camille Martin');
  ecdsaSigned = await signWithP12(plain, pki.ecdsa, 'Dominique Bernard');
  countersigned = await signWithP12(rsaSigned, pki.ecdsa, 'Dominique Bernard');
});

afterAll(() => pki.cleanup());

describe('verifyPdf on signatures made by signPdf', () => {
  it.each([
    ['RSA', () => rsaSigned, 'Camille Martin'],
    ['ECDSA', () => ecdsaSigned, 'Dominique Bernard'],
  ])('reads a PAdES %s signature: intact, whole document, signing time from /M, certificate valid, chain trusted, as pdfsig says', async (_, pdf, who) => {
    const report = await verify(pdf());
    expect(report).toMatchObject({ allIntact: true, changedAfterLastSignature: false });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      signerCommonName: who,
      subFilter: 'ETSI.CAdES.detached',
      signedAt: signedAt.toISOString(),
      integrity: 'intact',
      problem: null,
      coversWholeDocument: true,
      chain: 'trusted',
      certificate: { validAtSigningTime: true, validNow: true },
    });
    expect(pdfsigSays(pdf())).toEqual([[true, true, true]]);
  });

  it('keeps both signatures of a countersigned act intact, the first followed only by the countersignature’s incremental update', async () => {
    const report = await verify(countersigned);
    expect(report.allIntact).toBe(true);
    expect(report.signatures.map((s) => [s.signerCommonName, s.integrity, s.coversWholeDocument, s.followedOnlyByIncrementalUpdates, s.chain])).toEqual([
      ['Camille Martin', 'intact', false, true, 'trusted'],
      ['Dominique Bernard', 'intact', true, true, 'trusted'],
    ]);
    expect(pdfsigSays(countersigned)).toEqual([
      [true, true, false],
      [true, true, true],
    ]);
  });

  it('finds one byte changed in a covered range, in the CMS signature value, and in the zero padding of the placeholder', async () => {
    const [[, firstLength, secondStart]] = byteRanges(rsaSigned) as [number[]];
    const hex = Buffer.from(rsaSigned.subarray(firstLength! + 1, secondStart! - 1)).toString('latin1');
    // The CMS is followed by zeros up to the placeholder's end; its signature value is its last 256 bytes.
    const cmsEnd = firstLength! + 1 + hex.replace(/(00)+$/, '').length;
    const cases: Array<[string, Uint8Array, string]> = [
      ['a covered byte (page content)', withByteFlipped(rsaSigned, Math.floor(firstLength! / 2)), 'digest_mismatch'],
      ['the signature value', withHexDigitChanged(rsaSigned, cmsEnd - 40), 'signature_invalid'],
      ['the padding', withHexDigitChanged(rsaSigned, cmsEnd + 100), 'padding_not_empty'],
    ];
    for (const [where, changed, problem] of cases) {
      const [signature] = (await verify(changed)).signatures;
      expect(signature, where).toMatchObject({ integrity: 'altered', problem });
    }
    // pdfsig agrees on the first two; it reads the CMS without looking at what follows it.
    expect(cases.map(([, changed]) => pdfsigSays(changed)[0]![0])).toEqual([false, false, true]);
  });

  it('finds the signer certificate no longer the one signing-certificate-v2 names when a byte of that hash changed', async () => {
    const certHash = createHash('sha256').update(pki.rsa.certDer).digest('hex');
    const at = Buffer.from(rsaSigned).toString('latin1').indexOf(certHash);
    expect(at).toBeGreaterThan(0);
    const [signature] = (await verify(withHexDigitChanged(rsaSigned, at + 10))).signatures;
    expect(signature).toMatchObject({ integrity: 'altered', problem: 'signing_certificate_mismatch' });
  });

  it('finds a changed byte covered by the first signature of a countersigned act in both signatures', async () => {
    const changed = withByteFlipped(countersigned, 400);
    const report = await verify(changed);
    expect(report.allIntact).toBe(false);
    expect(report.signatures.map((s) => s.problem)).toEqual(['digest_mismatch', 'digest_mismatch']);
  });

  it('calls the chain untrusted when the anchors lack the test root the signature carries, and trusted with it', async () => {
    expect((await verify(rsaSigned, [])).signatures[0]).toMatchObject({ integrity: 'intact', chain: 'untrusted' });
    expect((await verify(rsaSigned, [pki.intermediate.certDer])).signatures[0]!.chain).toBe('untrusted');
    const chained = await signWithP12(plain, pki.chained, 'Sacha Petit');
    expect((await verify(chained)).signatures[0]!.chain).toBe('trusted');
    expect((await verify(chained, [pki.intermediate.certDer])).signatures[0]!.chain).toBe('trusted');
  });

  it('says a certificate expired at the signing time was not valid then while the signature stays intact, as pdfsig says', async () => {
    const signed = await signPdf(plain, rawKeySigner(pki.expired, [pki.ca]), visible('Certificat Expiré'));
    const [signature] = (await verify(signed)).signatures;
    expect(signature).toMatchObject({ integrity: 'intact', chain: 'trusted', certificate: { validAtSigningTime: false, validNow: false } });
    expect(pdfsigSays(signed)).toEqual([[true, false, true]]);
    expect(pdfsigReport(signed, nssDir).signatures[0]!.raw).toContain('Certificate Validation: Certificate has Expired');
  });

});
