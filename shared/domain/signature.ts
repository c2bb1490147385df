/**
 * What verifying a signed PDF finds: for each signature, whether the bytes it covers are still
 * the ones signed, how much of the file it covers, and who signed with which certificate, checked
 * against the trust anchors. Integrity and trust are separate verdicts: an intact signature by an
 * unknown authority is still intact.
 */
import { z } from 'zod';
import { IsoDateTime } from './dossier';

export const SIGNATURE_INTEGRITIES = ['intact', 'altered'] as const;
export const SignatureIntegrity = z.enum(SIGNATURE_INTEGRITIES);
export type SignatureIntegrity = z.infer<typeof SignatureIntegrity>;

/**
 * Why a signature is not intact: its byte range does not frame its own value; its value is not a
 * readable CMS; the CMS names no certificate it carries, or carries another one than its signed
 * attributes name; the covered bytes do not hash to the signed digest; the signature over the
 * signed attributes does not verify; an algorithm Relais does not know; bytes in the padding.
 */
export const INTEGRITY_PROBLEMS = [
  'byte_range_invalid',
  'cms_unreadable',
  'signer_certificate_missing',
  'signing_certificate_mismatch',
  'digest_mismatch',
  'signature_invalid',
  'unsupported_algorithm',
  'padding_not_empty',
] as const;
export const IntegrityProblem = z.enum(INTEGRITY_PROBLEMS);
export type IntegrityProblem = z.infer<typeof IntegrityProblem>;

/**
 * trusted: the certificate chains up to a trust anchor; untrusted: it chains up to a root that is
 * not one; incomplete: an issuer is missing from both the signature and the anchors.
 */
export const CHAIN_STATUSES = ['trusted', 'untrusted', 'incomplete'] as const;
export const ChainStatus = z.enum(CHAIN_STATUSES);
export type ChainStatus = z.infer<typeof ChainStatus>;

export const CertificateSummary = z.object({
  /** The distinguished name, most specific first as RFC 4514 writes it: `CN=…, O=…, C=FR`. */
  subject: z.string(),
  issuer: z.string(),
  /** Hexadecimal. */
  serialNumber: z.string(),
  notBefore: IsoDateTime,
  notAfter: IsoDateTime,
  /** Null when the signature states no time. */
  validAtSigningTime: z.boolean().nullable(),
  validNow: z.boolean(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const SignatureCheck = z.object({
  /** The signature field's full name (`Signature1`, `form.sig`…); null when no field refers to it any more. */
  fieldName: z.string().nullable(),
  /** The signer certificate's common name. */
  signerCommonName: z.string().nullable(),
  /** The name the signature dictionary states (`/Name`), which any signing tool may write. */
  signerName: z.string().nullable(),
  /** The signing time the signature dictionary states (`/M`), else the CMS signingTime. */
  signedAt: IsoDateTime.nullable(),
  subFilter: z.string().nullable(),
  reason: z.string().nullable(),
  integrity: SignatureIntegrity,
  /** Null when intact. */
  problem: IntegrityProblem.nullable(),
  /** Its byte range ends at the end of the file. */
  coversWholeDocument: z.boolean(),
  /** What follows the signed bytes is only incremental updates (each revision chained to the one before). */
  followedOnlyByIncrementalUpdates: z.boolean(),
  /** Null when the CMS could not be read or names no certificate it carries. */
  certificate: CertificateSummary.nullable(),
  chain: ChainStatus,
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export const VerificationReport = z.object({
  /** In the order they were made (by where their byte range ends). */
  signatures: z.array(SignatureCheck),
  /** Every signature is intact (true when there is none: see `signatures.length`). */
  allIntact: z.boolean(),
  /** Bytes follow the last signature's range: someone changed the file after the last signature. */
  changedAfterLastSignature: z.boolean(),
  sizeBytes: z.number().int().min(0),
});
export type VerificationReport = z.infer<typeof VerificationReport>;
