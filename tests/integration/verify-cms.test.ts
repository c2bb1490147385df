/**
 * checkCms on CMS values built here with pkijs and the test PKI's RSA key: a detached signature
 * over the covered bytes is intact; one that holds its own content (as a document timestamp's
 * TSTInfo does) signs that content and is said not to be supported, not to be a changed document.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCms, cryptoEngine } from '../../electron/core/signing/verification/cms';
import { createTestPki, type TestPki } from '../fixtures/pki';

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(() => pki.cleanup());

const covered = [new Uint8Array(Buffer.from('%PDF-1.7 first part ')), new Uint8Array(Buffer.from(' second part %%EOF'))];

/** A SignedData by the RSA test signer, detached over `covered`, or holding `content` when given. */
async function signedData(content?: Uint8Array): Promise<Uint8Array> {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(pki.rsa.certDer));
  const pkcs8 = Buffer.from(pki.rsa.keyPem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
  const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const signed = content ?? Buffer.concat(covered);
  const digest = await webcrypto.subtle.digest('SHA-256', signed);
  const cms = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.7.1',
      ...(content ? { eContent: new asn1js.OctetString({ valueHex: content }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [cert],
  });
  await cms.sign(key as CryptoKey, 0, 'SHA-256', undefined, cryptoEngine);
  const info = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: cms.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER());
}

describe('checkCms', () => {
  it('finds a detached RSA signature over the covered bytes intact, with its signer certificate', async () => {
    const check = await checkCms(await signedData(), covered);
    expect(check.problem).toBeNull();
    expect(check.signerCertificate?.serialNumber.isEqual(pkijs.Certificate.fromBER(new Uint8Array(pki.rsa.certDer)).serialNumber)).toBe(true);
  });

  it('says a CMS that holds its own content is not supported, rather than that the document changed', async () => {
    const check = await checkCms(await signedData(new Uint8Array(Buffer.from('a TSTInfo would be here'))), covered);
    expect(check.problem).toBe('unsupported_algorithm');
  });

  it('finds the covered bytes changed', async () => {
    const changed = [covered[0]!, new Uint8Array(Buffer.from(' second part %%EOF '))];
    expect((await checkCms(await signedData(), changed)).problem).toBe('digest_mismatch');
  });
});
