/**
 * A verification report as people read it, the same in the desk's panel and on the command line:
 * one verdict per signature and its facts (signer, time in Paris, integrity, coverage,
 * certificate, chain), each a label and a sentence.
 */
import type { TFunction } from 'i18next';
import { LOCALES, type Language } from '../channels/desk';
import type { SignatureCheck, VerificationReport } from '../domain/signature';

/** valid: intact, trusted, valid certificate, nothing unsigned after it; altered: not intact; warning: intact, but something to look at. */
export type SignatureVerdict = 'valid' | 'altered' | 'warning';

export function signatureVerdict(check: SignatureCheck): SignatureVerdict {
  if (check.integrity === 'altered') return 'altered';
  const sound = check.chain === 'trusted' && check.certificate?.validAtSigningTime === true && check.followedOnlyByIncrementalUpdates;
  return sound ? 'valid' : 'warning';
}

/** The whole file's verdict; 'none' when it carries no signature. */
export function reportVerdict(report: VerificationReport): SignatureVerdict | 'none' {
  if (report.signatures.length === 0) return 'none';
  const verdicts = report.signatures.map(signatureVerdict);
  if (verdicts.includes('altered')) return 'altered';
  return verdicts.includes('warning') || report.changedAfterLastSignature ? 'warning' : 'valid';
}

/** `relais verify` exits 0 only for this: at least one signature, all intact, nothing added after the last one. */
export function reportIntact(report: VerificationReport): boolean {
  return report.signatures.length > 0 && report.allIntact && !report.changedAfterLastSignature;
}

export interface SignatureFact {
  key: 'signer' | 'signedAt' | 'integrity' | 'coverage' | 'certificate' | 'chain';
  label: string;
  text: string;
}

/** The name to head a signature with: its certificate's common name, else the name it states. */
export function signerOf(t: TFunction, check: SignatureCheck): string {
  return check.signerCommonName ?? check.signerName ?? t('verification.signer.unknown');
}

export function signatureFacts(t: TFunction, check: SignatureCheck, language: Language): SignatureFact[] {
  const fact = (key: SignatureFact['key'], text: string): SignatureFact => ({ key, label: t(`verification.labels.${key}`), text });
  return [
    fact('signer', signerText(t, check)),
    fact('signedAt', check.signedAt ? t('verification.signedAt.paris', { date: formatSigningTime(check.signedAt, language) }) : t('verification.signedAt.unknown')),
    fact(
      'integrity',
      check.problem ? t('verification.integrity.altered', { problem: t(`verification.problems.${check.problem}`) }) : t('verification.integrity.intact'),
    ),
    fact('coverage', t(`verification.coverage.${check.coversWholeDocument ? 'whole' : check.followedOnlyByIncrementalUpdates ? 'incremental' : 'other'}`)),
    fact('certificate', certificateText(t, check, language)),
    fact('chain', t(`verification.chain.${check.chain}`)),
  ];
}

function signerText(t: TFunction, check: SignatureCheck): string {
  const name = signerOf(t, check);
  const declared = check.signerName;
  return declared && check.signerCommonName && declared !== check.signerCommonName ? t('verification.signer.declared', { name, declared }) : name;
}

function certificateText(t: TFunction, check: SignatureCheck, language: Language): string {
  const certificate = check.certificate;
  if (!certificate) return t('verification.certificate.missing');
  const { validAtSigningTime, validNow } = certificate;
  const status =
    validAtSigningTime === null
      ? t('verification.certificate.unknownTime', { now: t(`verification.certificate.${validNow ? 'validNow' : 'invalidNow'}`) })
      : !validAtSigningTime
        ? t('verification.certificate.invalidAtSigning')
        : validNow
          ? t('verification.certificate.valid')
          : t('verification.certificate.expiredSince');
  const period = t('verification.certificate.period', { from: formatDay(certificate.notBefore, language), to: formatDay(certificate.notAfter, language) });
  return `${status} (${period}), ${t('verification.certificate.issuedBy', { issuer: certificate.issuer })}`;
}

/** To the second, in Paris time: the time a signature states is an instant, and seconds tell countersignatures apart. */
export function formatSigningTime(instant: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Paris' }).format(new Date(instant));
}

function formatDay(instant: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(instant));
}
