/**
 * What signs a PDF, whatever holds the key (a PKCS#12 file, a PKCS#11 token), and the checks
 * every certificate passes before it may sign.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parisDate } from '../../../shared/domain/dates';
import { RelaisError } from '../../../shared/errors';
import { ownBuffer } from './bytes';

export type KeyAlgorithm = 'RSA' | 'ECDSA';

export interface Signer {
  /** The signer's certificate first, then the rest of its chain, DER. */
  readonly certificates: readonly Uint8Array[];
  readonly keyAlgorithm: KeyAlgorithm;
  /** Signs `data` (the DER of the CMS signed attributes) with SHA-256: RSA PKCS#1 v1.5, or ECDSA as a DER Ecdsa-Sig-Value. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

const KEY_USAGE_OID = '2.5.29.15';
const COMMON_NAME_OID = '2.5.4.3';
// KeyUsage is a named BIT STRING: bit 0 (the first byte's high bit) is digitalSignature, bit 1 nonRepudiation.
const DIGITAL_SIGNATURE = 0x80;
const NON_REPUDIATION = 0x40;

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(ownBuffer(der));
}

/** The subject's common name (or its whole name when it has none), for messages and the signature block. */
export function subjectName(cert: pkijs.Certificate): string {
  const attributes = cert.subject.typesAndValues;
  const commonName = attributes.find((attribute) => attribute.type === COMMON_NAME_OID);
  const text = (attribute: pkijs.AttributeTypeAndValue) => String(attribute.value.valueBlock.value);
  return commonName ? text(commonName) : attributes.map(text).join(', ');
}

/** Whether the certificate's keyUsage allows signing documents (no keyUsage at all allows every use). */
function allowsSigning(cert: pkijs.Certificate): boolean {
  const keyUsage = cert.extensions?.find((extension) => extension.extnID === KEY_USAGE_OID);
  if (!keyUsage) return true;
  const bits = asn1js.fromBER(keyUsage.extnValue.getValue()).result;
  if (!(bits instanceof asn1js.BitString)) return false;
  const firstByte = new Uint8Array(bits.valueBlock.valueHexView)[0] ?? 0;
  return (firstByte & (DIGITAL_SIGNATURE | NON_REPUDIATION)) !== 0;
}

/**
 * Refuses a certificate that may not sign at `now`: expired, not yet valid, or whose key usage
 * is not signing. Called by every signer opener, before any key is used.
 */
export function checkSigningCertificate(der: Uint8Array, now: Date): void {
  const cert = parseCertificate(der);
  const subject = subjectName(cert);
  const notBefore = cert.notBefore.value;
  const notAfter = cert.notAfter.value;
  if (now.getTime() > notAfter.getTime()) throw new RelaisError('certificate_expired', { subject, notAfter: parisDate(notAfter) });
  if (now.getTime() < notBefore.getTime()) throw new RelaisError('certificate_not_yet_valid', { subject, notBefore: parisDate(notBefore) });
  if (!allowsSigning(cert)) throw new RelaisError('certificate_cannot_sign', { subject });
}
