/**
 * Signers over keys on real SoftHSM2 tokens: slots listed, RSA and ECDSA signatures that verify
 * against the token's certificate, and every way a token can refuse.
 */
import { generateKeyPairSync, sign, verify, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentWriter } from '../../electron/core/documents';
import { signPdf } from '../../electron/core/signing/pades';
import { ecdsaSignatureToDer, listPkcs11Slots, openPkcs11Signer } from '../../electron/core/signing/pkcs11';
import { RelaisError } from '../../shared/errors';
import { pdfsigReport } from '../fixtures/pdfsig';
import { createTestPki, nssDatabaseTrusting, type TestPki } from '../fixtures/pki';
import { createSoftHsm, type SoftHsm } from '../fixtures/softhsm';
import { inspectPdf } from './fixtures/pdf-tools';

let pki: TestPki;
let hsm: SoftHsm;
let nssDir: string;

beforeAll(async () => {
  pki = await createTestPki();
  hsm = createSoftHsm([
    { label: 'rsa', signer: pki.rsa, chain: [pki.ca] },
    { label: 'ecdsa', signer: pki.ecdsa, chain: [pki.ca] },
    { label: 'empty', chain: [pki.ca] },
    { label: 'locked', signer: pki.rsa },
    { label: 'expired', signer: pki.expired },
    { label: 'encipher', signer: pki.encipherOnly },
  ]);
  hsm.lockUserPin('locked');
  nssDir = nssDatabaseTrusting(pki.ca.certPem);
});

afterAll(() => {
  hsm?.cleanup();
  pki?.cleanup();
});

const open = (label: string, pin = hsm.tokens[label]!.pin) =>
  openPkcs11Signer({ modulePath: hsm.modulePath, slot: hsm.tokens[label]!.slot, pin, now: new Date() });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; params: Record<string, string | number> }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RelaisError);
  return { code: (error as RelaisError).code, params: (error as RelaisError).params };
}

describe('PKCS#11 tokens', () => {
  it('lists the slots that hold a token, with its label, serial and manufacturer', () => {
    const slots = listPkcs11Slots(hsm.modulePath);
    expect(slots.map((slot) => slot.tokenLabel).sort()).toEqual(['ecdsa', 'empty', 'encipher', 'expired', 'locked', 'rsa']);
    const rsa = slots.find((slot) => slot.tokenLabel === 'rsa')!;
    expect(rsa).toMatchObject({ slot: hsm.tokens.rsa!.slot, manufacturer: 'SoftHSM project' });
    expect(rsa.serial).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['rsa', 'RSA', () => pki.rsa],
    ['ecdsa', 'ECDSA', () => pki.ecdsa],
  ] as const)('signs with the %s key on the token, verifiable against its certificate', async (label, algorithm, identity) => {
    const signer = await open(label);
    try {
      expect(signer.keyAlgorithm).toBe(algorithm);
      expect(Buffer.from(signer.certificates[0]!)).toEqual(Buffer.from(identity().certDer));
      // The chain is what else the token holds.
      expect(signer.certificates.slice(1).map((der) => Buffer.from(der))).toEqual([Buffer.from(pki.ca.certDer)]);
      const data = new TextEncoder().encode(`signed attributes of a ${label} signature`);
      const signature = await signer.sign(data);
      const publicKey = new X509Certificate(signer.certificates[0]!).publicKey;
      // node verifies RSA PKCS#1 v1.5 and ECDSA as DER Ecdsa-Sig-Value, what CMS carries.
      expect(verify('sha256', data, publicKey, signature)).toBe(true);
      expect(verify('sha256', new TextEncoder().encode('other data'), publicKey, signature)).toBe(false);
      if (algorithm === 'ECDSA') expect(signature[0]).toBe(0x30);
      else expect(signature.length).toBe(256);
    } finally {
      await signer.close();
    }
  });

  it.each([
    ['rsa', 'Camille Martin'],
    ['ecdsa', 'Dominique Bernard'],
  ])('signs a PDF with the %s token that pdfsig finds valid and trusted, and qpdf clean', async (label, commonName) => {
    const writer = await DocumentWriter.create({ title: 'Arrêté attributif', language: 'fr', createdAt: new Date('2026-11-26T09:00:00Z') });
    const pdf = await writer.title('Arrêté attributif de subvention').paragraph('Article 1 : une subvention est attribuée.').signatureField('Signature', 80).save();
    const signer = await open(label);
    const signed = await signPdf(pdf, signer, { signerName: commonName, signerTitle: 'Préfète de région', delegation: null, signedAt: new Date() }).finally(() => signer.close());
    const report = pdfsigReport(signed, nssDir);
    expect(report.signatures, report.output).toEqual([
      expect.objectContaining({ signerName: commonName, valid: true, trusted: true, signatureType: 'ETSI.CAdES.detached', coversWholeDocument: true }),
    ]);
    expect(inspectPdf(signed).qpdfOk).toBe(true);
  });

  it('opens again after a signer closed, and two signers of the same token at once', async () => {
    const first = await open('rsa');
    await first.close();
    const again = await open('rsa');
    const other = await open('ecdsa');
    const alongside = await open('rsa');
    const data = new Uint8Array([1, 2, 3]);
    await Promise.all([again.sign(data), other.sign(data), alongside.sign(data)]);
    await Promise.all([again.close(), other.close(), alongside.close()]);
    // Closed twice is harmless, and the library was finalised: a new listing initialises it again.
    await again.close();
    expect(listPkcs11Slots(hsm.modulePath)).toHaveLength(6);
  });

  it('checks the PIN of a second signer while the token is already logged in', async () => {
    const first = await open('rsa');
    try {
      expect((await refusal(open('rsa', '0000'))).code).toBe('wrong_pin');
      const second = await open('rsa');
      await second.close();
    } finally {
      await first.close();
    }
    // The last signer closed: the token checks the PIN itself again.
    expect((await refusal(open('rsa', '0000'))).code).toBe('wrong_pin');
  });

  it.each([
    ['a wrong PIN', () => open('rsa', '0000'), 'wrong_pin', { token: 'rsa' }],
    ['a PIN too short for the token', () => open('rsa', '12'), 'wrong_pin', { token: 'rsa' }],
    ['a locked PIN', () => open('locked'), 'pin_locked', { token: 'locked' }],
    ['a token with certificates but no key', () => open('empty'), 'token_without_key', { token: 'empty' }],
    ['a slot without a token', () => openPkcs11Signer({ modulePath: hsm.modulePath, slot: 4_000_000_000, pin: '1234', now: new Date() }), 'token_absent', { slot: 4_000_000_000 }],
    ['a library that is not there', () => openPkcs11Signer({ modulePath: '/nonexistent/libpkcs11.so', slot: 0, pin: '1234', now: new Date() }), 'pkcs11_module_unavailable', { module: '/nonexistent/libpkcs11.so' }],
    ['a file that is not a PKCS#11 library', () => openPkcs11Signer({ modulePath: '/etc/hostname', slot: 0, pin: '1234', now: new Date() }), 'pkcs11_module_unavailable', { module: '/etc/hostname' }],
    ['an expired certificate', () => open('expired'), 'certificate_expired', { subject: 'Certificat Expiré' }],
    ['a certificate whose key usage does not sign', () => open('encipher'), 'certificate_cannot_sign', { subject: 'Certificat Chiffrement' }],
  ] as const)('refuses %s', async (_case, attempt, code, params) => {
    const { code: actual, params: actualParams } = await refusal(attempt());
    expect(actual).toBe(code);
    expect(actualParams).toMatchObject(params);
    // A refusal leaves nothing open: the right PIN works right after.
    const signer = await open('rsa');
    await signer.close();
  });

  it('lists no slot from a library that is not there', () => {
    expect(() => listPkcs11Slots('/nonexistent/libpkcs11.so')).toThrow(expect.objectContaining({ code: 'pkcs11_module_unavailable' }));
  });

  it('never puts the PIN in an error', async () => {
    const error = (await open('rsa', '98765').then(
      () => null,
      (caught: unknown) => caught,
    )) as RelaisError;
    expect(error.code).toBe('wrong_pin');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('98765');
  });
});

describe('an ECDSA signature from a token, as CMS carries it', () => {
  const raw = (r: number[], s: number[]) => new Uint8Array([...r, ...s]);
  const padded = (bytes: number[]) => [...new Array(32 - bytes.length).fill(0), ...bytes];

  it.each([
    ['small positive integers lose their leading zeros', raw(padded([1]), padded([2])), [0x30, 6, 2, 1, 1, 2, 1, 2]],
    ['a top bit set takes a leading zero', raw(padded([0x80]), padded([0xff, 0])), [0x30, 9, 2, 2, 0, 0x80, 2, 3, 0, 0xff, 0]],
    ['a zero stays one zero byte', raw(padded([]), padded([0x7f])), [0x30, 6, 2, 1, 0, 2, 1, 0x7f]],
  ])('%s', (_case, signature, der) => {
    expect([...ecdsaSignatureToDer(signature)]).toEqual(der);
  });

  it('turns P-256 and P-384 r‖s signatures into DER that verifies', () => {
    for (const namedCurve of ['P-256', 'P-384']) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      for (let i = 0; i < 40; i++) {
        const data = Buffer.from(`attributes ${i}`);
        const p1363 = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
        expect(verify('sha256', data, publicKey, ecdsaSignatureToDer(p1363))).toBe(true);
      }
    }
  });
});
