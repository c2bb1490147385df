/**
 * Verifies every signature of a PDF: the bytes each one covers against its CMS, how much of the
 * file it covers and what follows it, and its signer certificate (validity, chain to the trust
 * anchors). Nothing is trusted from the PDF's own claims: ranges are checked against the file.
 */
import type * as pkijs from 'pkijs';
import type { SignatureCheck, VerificationReport } from '../../../shared/domain/signature';
import { RelaisError } from '../../../shared/errors';
import { frameSignature } from './verification/byte-range';
import { chainStatus, commonName, parseCertificate, summarize } from './verification/certificates';
import { checkCms } from './verification/cms';
import { incrementalUpdatesCheck } from './verification/revisions';
import { readSignatureDictionaries, type SignatureDictionary } from './verification/signature-fields';

export interface VerifyOptions {
  /** DER certificates a chain must reach to be trusted. */
  trustAnchors: readonly Uint8Array[];
  now: Date;
  /** Named in the error when the file is not a PDF. */
  fileName?: string;
}

export async function verifyPdf(pdf: Uint8Array, options: VerifyOptions): Promise<VerificationReport> {
  const dictionaries = await readSignatureDictionaries(pdf, options.fileName ?? 'PDF');
  const anchors = options.trustAnchors.map(parseAnchor);
  const followedOnlyByUpdates = incrementalUpdatesCheck(pdf);
  const checks = await Promise.all(dictionaries.map((dictionary) => checkSignature(pdf, dictionary, { anchors, now: options.now, followedOnlyByUpdates })));
  const signatures = checks.sort((a, b) => a.end - b.end).map((check) => check.signature);
  const lastEnd = checks.at(-1)?.end;
  return {
    signatures,
    allIntact: signatures.every((signature) => signature.integrity === 'intact'),
    changedAfterLastSignature: lastEnd !== undefined && lastEnd < pdf.length,
    sizeBytes: pdf.length,
  };
}

interface CheckContext {
  anchors: readonly pkijs.Certificate[];
  now: Date;
  followedOnlyByUpdates: (signedEnd: number) => boolean;
}

async function checkSignature(pdf: Uint8Array, dictionary: SignatureDictionary, context: CheckContext): Promise<{ signature: SignatureCheck; end: number }> {
  const { anchors, now, followedOnlyByUpdates } = context;
  const framed = frameSignature(pdf, dictionary.byteRange);
  // The value read from the file must be the one the dictionary holds, or the range frames another string.
  const framesItsValue = framed !== null && (dictionary.contents === null || Buffer.from(dictionary.contents).equals(Buffer.from(framed.value)));
  const cms = framed ? await checkCms(framed.value, framed.segments) : null;
  const signedAt = dictionary.signedAt ?? cms?.signingTime ?? null;
  const signer = cms?.signerCertificate ?? null;
  const problem = !framesItsValue ? 'byte_range_invalid' : (cms?.problem ?? null);
  const end = framed?.end ?? 0;
  return {
    end,
    signature: {
      fieldName: dictionary.fieldName,
      signerCommonName: signer ? commonName(signer) : null,
      signerName: dictionary.name,
      signedAt: signedAt?.toISOString() ?? null,
      subFilter: dictionary.subFilter,
      reason: dictionary.reason,
      integrity: problem ? 'altered' : 'intact',
      problem,
      coversWholeDocument: framed !== null && end === pdf.length,
      followedOnlyByIncrementalUpdates: framed !== null && followedOnlyByUpdates(end),
      certificate: signer ? summarize(signer, signedAt, now) : null,
      chain: signer ? await chainStatus(signer, cms?.certificates ?? [], anchors) : 'incomplete',
    },
  };
}

function parseAnchor(der: Uint8Array, index: number): pkijs.Certificate {
  const cert = parseCertificate(der);
  if (!cert) throw new RelaisError('verification_trust_unreadable', { name: `#${index + 1}` });
  return cert;
}
