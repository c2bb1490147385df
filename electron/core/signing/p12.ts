/**
 * A signer from a PKCS#12 file (.p12, .pfx): the key and certificate an official receives from
 * a certification authority, protected by a password. The password is used here and nowhere else.
 */
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { RelaisError } from '../../../shared/errors';
import { ownBuffer } from './bytes';
import { decryptWithPassword } from './pkcs12-pbe';
import { checkSigningCertificate, type KeyAlgorithm, type Signer } from './signer';

const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

interface P12Contents {
  keys: pkijs.PrivateKeyInfo[];
  certificates: pkijs.Certificate[];
}

/** Opens the file, checks its integrity with the password, and returns a signer for its key. */
export async function openP12Signer(p12: Uint8Array, password: string, now: Date): Promise<Signer> {
  const { keys, certificates } = await readP12(p12, password);
  const pair = matchKeyAndCertificate(keys, certificates);
  if (!pair) throw new RelaisError('p12_without_key');
  const { key, certificate } = pair;
  const certificateDer = new Uint8Array(certificate.toSchema().toBER(false));
  checkSigningCertificate(certificateDer, now);
  const chain = certificates.filter((other) => other !== certificate).map((other) => new Uint8Array(other.toSchema().toBER(false)));
  const keyAlgorithm = keyAlgorithmOf(key);
  return {
    certificates: [certificateDer, ...chain],
    keyAlgorithm,
    // Node signs ECDSA straight into the DER Ecdsa-Sig-Value that CMS wants, and RSA in PKCS#1 v1.5.
    sign: async (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'der' })),
    close: async () => undefined,
  };
}

async function readP12(p12: Uint8Array, password: string): Promise<P12Contents> {
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(ownBuffer(p12));
  } catch {
    throw new RelaisError('p12_unreadable');
  }
  try {
    // The MAC tells a wrong password apart from a damaged file before anything is decrypted.
    await pfx.parseInternalValues({ password: ownBuffer(new TextEncoder().encode(password)).buffer, checkIntegrity: Boolean(pfx.macData) });
  } catch (error) {
    throw new RelaisError(pfx.macData && /integrity/i.test(String(error)) ? 'wrong_password' : 'p12_unreadable');
  }
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authenticatedSafe) throw new RelaisError('p12_unreadable');
  try {
    const contents: P12Contents = { keys: [], certificates: [] };
    for (const content of authenticatedSafe.safeContents) {
      for (const bag of (await openSafeContents(content, password)).safeBags) await collectBag(bag, password, contents);
    }
    return contents;
  } catch (error) {
    if (error instanceof RelaisError) throw error;
    // Without a MAC, a wrong password only shows as content that does not decrypt.
    throw new RelaisError(pfx.macData ? 'p12_unreadable' : 'wrong_password');
  }
}

/** One part of the file: in clear, or encrypted with the password (PBES2 or a legacy PKCS#12 scheme). */
async function openSafeContents(content: pkijs.ContentInfo, password: string): Promise<pkijs.SafeContents> {
  if (content.contentType === pkijs.id_ContentType_Data) return pkijs.SafeContents.fromBER((content.content as asn1js.OctetString).getValue());
  if (content.contentType !== pkijs.id_ContentType_EncryptedData) throw new RelaisError('p12_legacy_encryption');
  const { encryptedContentInfo } = new pkijs.EncryptedData({ schema: content.content });
  const decrypted = await decryptWithPassword(encryptedContentInfo.contentEncryptionAlgorithm, new Uint8Array(encryptedContentInfo.getEncryptedContent()), password);
  return pkijs.SafeContents.fromBER(ownBuffer(decrypted));
}

async function collectBag(bag: pkijs.SafeBag, password: string, contents: P12Contents): Promise<void> {
  switch (bag.bagId) {
    case SHROUDED_KEY_BAG: {
      const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
      // getValue joins the pieces of an OCTET STRING written in constructed form (pkijs writes them so).
      const keyDer = await decryptWithPassword(shrouded.encryptionAlgorithm, new Uint8Array(shrouded.encryptedData.getValue()), password);
      contents.keys.push(pkijs.PrivateKeyInfo.fromBER(ownBuffer(keyDer)));
      break;
    }
    case KEY_BAG:
      contents.keys.push(bag.bagValue as pkijs.PrivateKeyInfo);
      break;
    case CERT_BAG: {
      const parsed = (bag.bagValue as pkijs.CertBag).parsedValue;
      if (parsed instanceof pkijs.Certificate) contents.certificates.push(parsed);
      break;
    }
  }
}

/** The certificate whose public key is the key's own: the file's order and attributes are not relied on. */
function matchKeyAndCertificate(keys: pkijs.PrivateKeyInfo[], certificates: pkijs.Certificate[]): { key: KeyObject; certificate: pkijs.Certificate } | null {
  for (const info of keys) {
    const key = createPrivateKey({ key: Buffer.from(info.toSchema().toBER(false)), format: 'der', type: 'pkcs8' });
    const publicDer = createPublicKey(key).export({ type: 'spki', format: 'der' });
    const certificate = certificates.find((cert) => Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)).equals(publicDer));
    if (certificate) return { key, certificate };
  }
  return null;
}

function keyAlgorithmOf(key: KeyObject): KeyAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RSA';
  if (key.asymmetricKeyType === 'ec') return 'ECDSA';
  throw new RelaisError('signing_key_unsupported', { algorithm: key.asymmetricKeyType ?? '?' });
}
