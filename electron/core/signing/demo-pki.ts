/**
 * A demonstration PKI for `relais demo`: a CA the case file trusts and a signer's PKCS#12 file,
 * so that signing and verification can be tried without a real certificate. Both are marked
 * « DÉMONSTRATION — sans valeur » in their names. Built with pkijs and webcrypto only (no openssl
 * command), so that it works the same on Windows.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ownBuffer } from './bytes';

/** The demo PKCS#12 file's password: a demonstration has nothing to protect. */
export const DEMO_P12_PASSWORD = 'demo';
export const DEMO_MARK = 'DÉMONSTRATION — sans valeur';

export interface DemoPki {
  caPath: string;
  p12Path: string;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  certBag: '1.2.840.113549.1.12.10.1.3',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
} as const;

// KeyUsage bits, first byte: digitalSignature 0x80, nonRepudiation 0x40, keyCertSign 0x04, cRLSign 0x02.
const SIGNER_USAGE = { bits: 0xc0, unused: 6 };
const CA_USAGE = { bits: 0x06, unused: 1 };
const DAY_MS = 24 * 3600 * 1000;
const EC_P256: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
// What OpenSSL 3 writes by default: PBES2 with AES-256-CBC, PBKDF2-HMAC-SHA256, and a SHA-256 MAC.
// pkijs draws the IV itself: its type asks for one it does not read.
const AES_256_CBC = { name: 'AES-CBC', length: 256 } as pkijs.ContentEncryptionAlgorithm;
const PBES2 = { contentEncryptionAlgorithm: AES_256_CBC, hmacHashAlgorithm: 'SHA-256', iterationCount: 2048 };

interface Issued {
  certificate: pkijs.Certificate;
  keys: CryptoKeyPair;
}

/** Writes `<dataDir>/trust/demo-ca.pem` and `<dataDir>/demo-signataire.p12` (password `demo`). */
export async function writeDemoPki(dataDir: string, now: Date): Promise<DemoPki> {
  const ca = await issue({ commonName: `Autorité de certification Relais (${DEMO_MARK})`, ca: true, now, years: 10 });
  const signer = await issue({ commonName: `Camille Martin (${DEMO_MARK})`, ca: false, now, years: 3, issuer: ca });
  const caPath = path.join(dataDir, 'trust', 'demo-ca.pem');
  const p12Path = path.join(dataDir, 'demo-signataire.p12');
  mkdirSync(path.dirname(caPath), { recursive: true });
  writeFileSync(caPath, pem(ca.certificate));
  writeFileSync(p12Path, await pkcs12(signer, [ca.certificate], DEMO_P12_PASSWORD));
  return { caPath, p12Path };
}

/** C=FR, O=…, CN=…, one attribute per RDN (pkijs alone would put them all in one multi-valued RDN). */
function demoName(commonName: string): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: asn1js.BaseStringBlock) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] });
  const name = new asn1js.Sequence({
    value: [
      rdn(OID.country, new asn1js.PrintableString({ value: 'FR' })),
      rdn(OID.organization, new asn1js.Utf8String({ value: `Relais (${DEMO_MARK})` })),
      rdn(OID.commonName, new asn1js.Utf8String({ value: commonName })),
    ],
  });
  return pkijs.RelativeDistinguishedNames.fromBER(name.toBER(false));
}

async function issue(spec: { commonName: string; ca: boolean; now: Date; years: number; issuer?: Issued }): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  // A positive 16-byte serial: the high bit cleared so that DER does not read it as negative.
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  certificate.serialNumber = new asn1js.Integer({ valueHex: ownBuffer(serial) });
  certificate.subject = demoName(spec.commonName);
  certificate.issuer = spec.issuer ? spec.issuer.certificate.subject : demoName(spec.commonName);
  certificate.notBefore.value = new Date(spec.now.getTime() - DAY_MS);
  certificate.notAfter.value = new Date(spec.now.getTime() + spec.years * 365 * DAY_MS);
  const usage = spec.ca ? CA_USAGE : SIGNER_USAGE;
  certificate.extensions = [
    new pkijs.Extension({ extnID: OID.basicConstraints, critical: true, extnValue: new pkijs.BasicConstraints({ cA: spec.ca }).toSchema().toBER(false) }),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: new asn1js.BitString({ valueHex: ownBuffer(new Uint8Array([usage.bits])), unusedBits: usage.unused }).toBER(false),
    }),
  ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign((spec.issuer ?? { keys }).keys.privateKey, 'SHA-256');
  return { certificate, keys };
}

function pem(certificate: pkijs.Certificate): string {
  const base64 = Buffer.from(certificate.toSchema().toBER(false)).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** A PKCS#12 file as OpenSSL 3 would write it: the shrouded key, then the certificates encrypted, under a MAC. */
async function pkcs12(signer: Issued, chain: pkijs.Certificate[], password: string): Promise<Uint8Array> {
  const passwordBuffer = ownBuffer(new TextEncoder().encode(password)).buffer;
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', signer.keys.privateKey);
  const encryptedKey = new pkijs.EncryptedData();
  await encryptedKey.encrypt({ ...PBES2, password: passwordBuffer, contentToEncrypt: pkcs8 });
  // The same localKeyID on the key and its certificate is how importers (Windows, NSS, OpenSSL) pair them.
  const pairing = [
    new pkijs.Attribute({ type: OID.localKeyId, values: [new asn1js.OctetString({ valueHex: ownBuffer(randomBytes(20)) })] }),
    new pkijs.Attribute({ type: OID.friendlyName, values: [new asn1js.BmpString({ value: `Camille Martin (${DEMO_MARK})` })] }),
  ];
  const keyBag = new pkijs.SafeBag({
    bagId: OID.shroudedKeyBag,
    bagAttributes: pairing,
    bagValue: new pkijs.PKCS8ShroudedKeyBag({
      encryptionAlgorithm: encryptedKey.encryptedContentInfo.contentEncryptionAlgorithm,
      // One primitive OCTET STRING (DER), not the 1 KB pieces pkijs keeps the encrypted content in.
      encryptedData: new asn1js.OctetString({ valueHex: encryptedKey.encryptedContentInfo.getEncryptedContent() }),
    }),
  });
  const certBags = [signer.certificate, ...chain].map(
    (certificate, index) =>
      new pkijs.SafeBag({ bagId: OID.certBag, bagValue: new pkijs.CertBag({ parsedValue: certificate }), ...(index === 0 ? { bagAttributes: pairing } : {}) }),
  );
  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    parsedValue: {
      safeContents: [
        { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [keyBag] }) },
        { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) },
      ],
    },
  });
  await authenticatedSafe.makeInternalValues({ safeContents: [{}, { ...PBES2, password: passwordBuffer }] });
  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe } });
  await pfx.makeInternalValues({ password: passwordBuffer, iterations: PBES2.iterationCount, pbkdf2HashAlgorithm: 'SHA-256', hmacHashAlgorithm: 'SHA-256' });
  return new Uint8Array(pfx.toSchema().toBER(false));
}
