/**
 * The signer certificate as a person reads it (names, dates, validity) and the chain from it to a
 * trust anchor. The chain is built by name and checked by signature, dates aside: the report gives
 * the certificate's validity on its own, so that an expired but genuine certificate still shows
 * who vouched for it.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateSummary, ChainStatus } from '../../../../shared/domain/signature';
import { cryptoEngine } from './cms';

/** The attribute types a distinguished name of a signing certificate holds, by OID. */
const NAME_TYPES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const COMMON_NAME = '2.5.4.3';
/** Deeper than any real chain: stops a loop of certificates issuing each other. */
const MAX_CHAIN_LENGTH = 10;

export function parseCertificate(der: Uint8Array): pkijs.Certificate | null {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) return null;
  try {
    return new pkijs.Certificate({ schema: asn1.result });
  } catch {
    return null;
  }
}

/** `CN=…, O=…, C=FR`: most specific first, as RFC 4514 writes it. */
export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((item) => `${NAME_TYPES[item.type] ?? item.type}=${valueText(item.value)}`)
    .reverse()
    .join(', ');
}

export function commonName(cert: pkijs.Certificate): string | null {
  const item = cert.subject.typesAndValues.find((entry) => entry.type === COMMON_NAME);
  return item ? valueText(item.value) : null;
}

function valueText(value: unknown): string {
  return value instanceof asn1js.BaseStringBlock ? value.valueBlock.value : String(value);
}

export function summarize(cert: pkijs.Certificate, signedAt: Date | null, now: Date): CertificateSummary {
  const notBefore = cert.notBefore.value;
  const notAfter = cert.notAfter.value;
  const validAt = (date: Date) => notBefore.getTime() <= date.getTime() && date.getTime() <= notAfter.getTime();
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    serialNumber: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    validAtSigningTime: signedAt ? validAt(signedAt) : null,
    validNow: validAt(now),
  };
}

/**
 * Walks up from `cert`: an anchor reached (or the certificate itself an anchor) is 'trusted'; a
 * self-signed root that is no anchor, or an issuer by name whose signature does not verify, is
 * 'untrusted'; an issuer found nowhere is 'incomplete'.
 */
export async function chainStatus(cert: pkijs.Certificate, carried: readonly pkijs.Certificate[], anchors: readonly pkijs.Certificate[]): Promise<ChainStatus> {
  let current = cert;
  for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth++) {
    if (anchors.some((anchor) => sameCertificate(anchor, current))) return 'trusted';
    const issuer = await findIssuer(current, [...anchors, ...carried]);
    if (issuer === 'forged' || (issuer && sameCertificate(issuer, current))) return 'untrusted';
    if (!issuer) return 'incomplete';
    current = issuer;
  }
  return 'incomplete';
}

/** The certificate that signed `cert`; 'forged' when one bears its issuer's name but did not sign it. */
async function findIssuer(cert: pkijs.Certificate, candidates: readonly pkijs.Certificate[]): Promise<pkijs.Certificate | 'forged' | null> {
  const named = candidates.filter((candidate) => candidate.subject.isEqual(cert.issuer));
  for (const candidate of named) {
    if (await cert.verify(candidate, cryptoEngine).catch(() => false)) return candidate;
  }
  return named.length > 0 ? 'forged' : null;
}

function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.from(a.toSchema().toBER()).equals(Buffer.from(b.toSchema().toBER()));
}
