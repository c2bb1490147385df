/**
 * The CMS of one signature: read from the signature value, its signer certificate found, the
 * covered bytes hashed and compared with the signed messageDigest, and the signature over the
 * signed attributes checked with the certificate's key (RSA, RSA-PSS or ECDSA, through pkijs).
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { IntegrityProblem } from '../../../../shared/domain/signature';

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const SIGNING_TIME = '1.2.840.113549.1.9.5';
/** ESS signing-certificate (SHA-1) and signing-certificate-v2: the signed hash of the signer certificate. */
const SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';

/** The digest algorithms a PAdES signature may use, by OID, as node:crypto names them. */
const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};

/** pkijs on Node's WebCrypto, passed explicitly rather than set as a process-wide engine. */
export const cryptoEngine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

export interface CmsCheck {
  problem: IntegrityProblem | null;
  signerCertificate: pkijs.Certificate | null;
  /** Every certificate the CMS carries. */
  certificates: pkijs.Certificate[];
  /** The CMS signingTime attribute, which PAdES leaves out (the time is the dictionary's /M). */
  signingTime: Date | null;
}

const unreadable: CmsCheck = { problem: 'cms_unreadable', signerCertificate: null, certificates: [], signingTime: null };

export async function checkCms(value: Uint8Array, covered: readonly Uint8Array[]): Promise<CmsCheck> {
  const parsed = parseSignedData(value);
  if (!parsed) return unreadable;
  const { signedData, derLength } = parsed;
  const certificates = (signedData.certificates ?? []).filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return { ...unreadable, certificates };
  const signerCertificate = await findSignerCertificate(signerInfo, certificates);
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const signingTime = timeOf(attributes.find((attribute) => attribute.type === SIGNING_TIME));
  const result = (problem: IntegrityProblem | null): CmsCheck => ({ problem, signerCertificate, certificates, signingTime });

  // The value is zero-padded to its placeholder's size; a byte changed in the padding is a change too.
  if (value.subarray(derLength).some((byte) => byte !== 0)) return result('padding_not_empty');
  if (!signerCertificate) return result('signer_certificate_missing');
  const digestName = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  // A CMS that holds its own content (a document timestamp's TSTInfo, adbe.pkcs7.sha1) signs that
  // content, not the covered bytes: a format this check does not read.
  if (!digestName || signedData.encapContentInfo.eContent) return result('unsupported_algorithm');
  if (!signedCertificateMatches(attributes, signerCertificate)) return result('signing_certificate_mismatch');

  let signedBytes: BufferSource;
  if (signerInfo.signedAttrs) {
    const messageDigest = attributes.find((attribute) => attribute.type === MESSAGE_DIGEST)?.values[0];
    if (!(messageDigest instanceof asn1js.OctetString)) return result('cms_unreadable');
    if (!digestOf(digestName, covered).equals(Buffer.from(messageDigest.valueBlock.valueHexView))) return result('digest_mismatch');
    signedBytes = signerInfo.signedAttrs.encodedValue;
  } else {
    signedBytes = Buffer.concat(covered);
  }
  try {
    const verified = await cryptoEngine.verifyWithPublicKey(
      signedBytes,
      signerInfo.signature,
      signerCertificate.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      // The hash is the digest algorithm's, whatever the signature algorithm's OID says (rsaEncryption names none).
      signerInfo.signatureAlgorithm.algorithmId === RSA_ENCRYPTION || !cryptoEngine.getHashAlgorithm(signerInfo.signatureAlgorithm) ? webCryptoName(digestName) : undefined,
    );
    return result(verified ? null : 'signature_invalid');
  } catch {
    return result('unsupported_algorithm');
  }
}

function parseSignedData(value: Uint8Array): { signedData: pkijs.SignedData; derLength: number } | null {
  const asn1 = asn1js.fromBER(value);
  if (asn1.offset === -1) return null;
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== SIGNED_DATA) return null;
    return { signedData: new pkijs.SignedData({ schema: contentInfo.content }), derLength: asn1.offset };
  } catch {
    return null;
  }
}

/** By issuer and serial number, or by subject key identifier (the SHA-1 of the public key), as CMS allows. */
async function findSignerCertificate(signerInfo: pkijs.SignerInfo, certificates: pkijs.Certificate[]): Promise<pkijs.Certificate | null> {
  const sid: unknown = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((cert) => cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // [0] subjectKeyIdentifier: implicitly tagged, so asn1js left it as a primitive or constructed block.
  const keyId = sid instanceof asn1js.Constructed ? octetsOf(sid.valueBlock.value[0]) : octetsOf(sid);
  if (!keyId) return null;
  for (const cert of certificates) {
    const keyDigest = createHash('sha1').update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
    if (keyDigest.equals(keyId)) return cert;
  }
  return null;
}

/**
 * When the signed attributes name the signer certificate by its hash (PAdES requires it), the
 * certificate carried must be that one: a certificate swapped for another with the same key fails.
 */
function signedCertificateMatches(attributes: readonly pkijs.Attribute[], cert: pkijs.Certificate): boolean {
  const attribute = attributes.find((item) => item.type === SIGNING_CERTIFICATE_V2 || item.type === SIGNING_CERTIFICATE);
  if (!attribute) return true;
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), … }; the first names the signer.
  const first = sequenceItems(sequenceItems(attribute.values[0])[0])[0];
  const fields = sequenceItems(first);
  // ESSCertIDv2 may start with its hash algorithm (SHA-256 when left out); ESSCertID always hashes with SHA-1.
  const algorithm = fields[0] instanceof asn1js.Sequence ? new pkijs.AlgorithmIdentifier({ schema: fields[0] }).algorithmId : null;
  const hash = octetsOf(algorithm ? fields[1] : fields[0]);
  const digestName = algorithm ? DIGESTS[algorithm] : attribute.type === SIGNING_CERTIFICATE ? 'sha1' : 'sha256';
  if (!hash || !digestName) return false;
  return digestOf(digestName, [new Uint8Array(cert.toSchema().toBER())]).equals(hash);
}

function sequenceItems(block: unknown): unknown[] {
  return block instanceof asn1js.Sequence ? block.valueBlock.value : [];
}

function octetsOf(block: unknown): Buffer | null {
  return block instanceof asn1js.Primitive || block instanceof asn1js.OctetString ? Buffer.from(block.valueBlock.valueHexView) : null;
}

function digestOf(name: string, covered: readonly Uint8Array[]): Buffer {
  const hash = createHash(name);
  for (const segment of covered) hash.update(segment);
  return hash.digest();
}

function webCryptoName(digestName: string): string {
  return digestName.replace(/^sha/, 'SHA-');
}

function timeOf(attribute: pkijs.Attribute | undefined): Date | null {
  const value: unknown = attribute?.values[0];
  return value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime ? value.toDate() : null;
}
