/**
 * What signing refuses, and the sentence the user reads: a wrong password, a certificate that may
 * not sign (expired, not yet valid, not for signing), a file that is not what it should be.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelaisError, type ErrorCode } from '../../shared/errors';
import { createTranslator } from '../../shared/i18n/translator';
import { openP12Signer } from '../../electron/core/signing/p12';
import { parseCertificate } from '../../electron/core/signing/signer';
import { signPdf } from '../../electron/core/signing/pades';
import { createTestPki, TEST_P12_PASSWORD, type TestPki } from '../fixtures/pki';

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(() => pki?.cleanup());

const fr = createTranslator('fr');

async function refusal(action: () => Promise<unknown>): Promise<RelaisError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof RelaisError) return error;
    throw error;
  }
  throw new Error('expected a RelaisError');
}

/** A PKCS#12 file with certificates only, as a CA's chain export is. */
function certificatesOnlyP12(): Uint8Array {
  const file = path.join(pki.dir, 'certificates-only.p12');
  execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', pki.rsa.certPath, '-out', file, '-passout', `pass:${TEST_P12_PASSWORD}`]);
  return readFileSync(file);
}

/** A PKCS#12 file encrypted with RC4, which only very old tools wrote. */
function rc4P12(): Uint8Array {
  const file = path.join(pki.dir, 'rc4.p12');
  const scheme = 'PBE-SHA1-RC4-128';
  execFileSync('openssl', ['pkcs12', '-export', '-legacy', '-keypbe', scheme, '-certpbe', scheme, '-inkey', pki.rsa.keyPath, '-in', pki.rsa.certPath, '-out', file, '-passout', `pass:${TEST_P12_PASSWORD}`]);
  return readFileSync(file);
}

describe('openP12Signer refuses', () => {
  const cases: [string, () => { p12: Uint8Array; password: string }, ErrorCode, RegExp][] = [
    ['a wrong password', () => ({ p12: pki.rsa.p12, password: 'pas-le-bon' }), 'wrong_password', /mot de passe .* incorrect/],
    ['an expired certificate', () => ({ p12: pki.expired.p12, password: TEST_P12_PASSWORD }), 'certificate_expired', /Certificat Expiré a expiré le \d{4}-\d{2}-\d{2}/],
    ['a certificate not yet valid', () => ({ p12: pki.notYetValid.p12, password: TEST_P12_PASSWORD }), 'certificate_not_yet_valid', /Certificat Futur n’est valide qu’à partir du \d{4}-\d{2}-\d{2}/],
    ['a certificate for encryption only', () => ({ p12: pki.encipherOnly.p12, password: TEST_P12_PASSWORD }), 'certificate_cannot_sign', /Certificat Chiffrement n’est pas fait pour signer/],
    ['an encryption Relais does not read (RC4)', () => ({ p12: rc4P12(), password: TEST_P12_PASSWORD }), 'p12_legacy_encryption', /chiffré selon une méthode que Relais ne lit pas/],
    ['a file that is not a PKCS#12', () => ({ p12: Buffer.from('%PDF-1.7 not a certificate'), password: TEST_P12_PASSWORD }), 'p12_unreadable', /n’est pas un certificat PKCS#12/],
    ['a file without a private key', () => ({ p12: certificatesOnlyP12(), password: TEST_P12_PASSWORD }), 'p12_without_key', /ne contient pas à la fois une clé privée/],
  ];
  it.each(cases)('%s', async (_label, input, code, sentence) => {
    const { p12, password } = input();
    const error = await refusal(() => openP12Signer(p12, password, new Date()));
    expect(error.code).toBe(code);
    const text = fr.describe(error.toInfo());
    expect(text).toMatch(sentence);
    expect(text).toContain('rien n’a été signé');
    // The password never shows in what the user or a log would read.
    expect(`${text} ${error.message}`).not.toContain(password);
  });

  it('accepts a certificate at the last second of its validity and refuses it a second later', async () => {
    const end = parseCertificate(pki.rsa.certDer).notAfter.value;
    await expect(openP12Signer(pki.rsa.p12, TEST_P12_PASSWORD, end)).resolves.toBeDefined();
    expect((await refusal(() => openP12Signer(pki.rsa.p12, TEST_P12_PASSWORD, new Date(end.getTime() + 1000)))).code).toBe('certificate_expired');
  });
});

describe('signPdf refuses', () => {
  async function encryptedPdf(): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    doc.addPage();
    const plain = path.join(pki.dir, 'plain.pdf');
    const encrypted = path.join(pki.dir, 'encrypted.pdf');
    writeFileSync(plain, await doc.save());
    execFileSync('qpdf', ['--encrypt', 'lecture', 'proprietaire', '256', '--', plain, encrypted]);
    return readFileSync(encrypted);
  }

  const cases: [string, () => Promise<Uint8Array>][] = [
    ['a file that is not a PDF', async () => Buffer.from('PK\u0003\u0004 a zip archive')],
    ['a truncated PDF', async () => Buffer.from('%PDF-1.7\n1 0 obj\n<<')],
    ['an encrypted PDF', encryptedPdf],
  ];
  it.each(cases)('%s', async (_label, input) => {
    const signer = await openP12Signer(pki.rsa.p12, TEST_P12_PASSWORD, new Date());
    const error = await refusal(async () => signPdf(await input(), signer, { signerName: 'Camille Martin', signerTitle: 'Préfète', signedAt: new Date() }));
    expect(error.code).toBe('pdf_not_signable');
    expect(fr.describe(error.toInfo())).toMatch(/n’est pas un PDF lisible, ou il est chiffré/);
  });
});
