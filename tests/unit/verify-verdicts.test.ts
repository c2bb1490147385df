/**
 * The verdicts a verification report is read with (shared by the desk's panel and `relais
 * verify`), and the facts each signature is told with, in French and English.
 */
import { describe, expect, it } from 'vitest';
import type { SignatureCheck, VerificationReport } from '../../shared/domain/signature';
import { createTranslator } from '../../shared/i18n/translator';
import { reportIntact, reportVerdict, signatureFacts, signatureVerdict } from '../../shared/i18n/verification-phrases';

const intact: SignatureCheck = {
  fieldName: 'Signature 1',
  signerCommonName: 'Camille Martin',
  signerName: 'Camille Martin',
  signedAt: '2026-11-26T10:15:30.000Z',
  subFilter: 'ETSI.CAdES.detached',
  reason: null,
  integrity: 'intact',
  problem: null,
  coversWholeDocument: true,
  followedOnlyByIncrementalUpdates: true,
  certificate: {
    subject: 'CN=Camille Martin, O=Relais tests, C=FR',
    issuer: 'CN=Relais Test Root CA, O=Relais tests, C=FR',
    serialNumber: '1002',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2031-01-01T00:00:00.000Z',
    validAtSigningTime: true,
    validNow: true,
  },
  chain: 'trusted',
};
const altered: SignatureCheck = { ...intact, integrity: 'altered', problem: 'digest_mismatch' };
const report = (signatures: SignatureCheck[], changedAfterLastSignature = false): VerificationReport => ({
  signatures,
  allIntact: signatures.every((s) => s.integrity === 'intact'),
  changedAfterLastSignature,
  sizeBytes: 1000,
});

describe('signatureVerdict', () => {
  it.each<[string, SignatureCheck, string]>([
    ['intact, trusted, valid certificate, whole document', intact, 'valid'],
    ['a countersigned first signature', { ...intact, coversWholeDocument: false }, 'valid'],
    ['altered', altered, 'altered'],
    ['altered even with everything else sound', { ...altered, chain: 'untrusted' }, 'altered'],
    ['an untrusted chain', { ...intact, chain: 'untrusted' }, 'warning'],
    ['an incomplete chain', { ...intact, chain: 'incomplete' }, 'warning'],
    ['a certificate not valid at the signing time', { ...intact, certificate: { ...intact.certificate!, validAtSigningTime: false } }, 'warning'],
    ['no signing time', { ...intact, signedAt: null, certificate: { ...intact.certificate!, validAtSigningTime: null } }, 'warning'],
    ['changes that are not incremental updates after it', { ...intact, coversWholeDocument: false, followedOnlyByIncrementalUpdates: false }, 'warning'],
    ['a certificate expired since the signing time', { ...intact, certificate: { ...intact.certificate!, validNow: false } }, 'valid'],
  ])('%s → %s', (_, check, verdict) => {
    expect(signatureVerdict(check)).toBe(verdict);
  });
});

describe('reportVerdict and reportIntact (the exit code of relais verify)', () => {
  it.each<[string, VerificationReport, string, boolean]>([
    ['no signature', report([]), 'none', false],
    ['one valid signature', report([intact]), 'valid', true],
    ['a valid signature and an altered one', report([intact, altered]), 'altered', false],
    ['an untrusted signature', report([{ ...intact, chain: 'untrusted' }]), 'warning', true],
    ['bytes added after the last signature', report([intact], true), 'warning', false],
  ])('%s → %s, intact: %s', (_, given, verdict, intactFile) => {
    expect(reportVerdict(given)).toBe(verdict);
    expect(reportIntact(given)).toBe(intactFile);
  });
});

describe('signatureFacts', () => {
  it('tells each fact in French, the time in Paris', () => {
    const { t } = createTranslator('fr');
    expect(signatureFacts(t, { ...intact, signerName: 'Jean Modèle' }, 'fr').map((fact) => `${fact.label} : ${fact.text}`)).toEqual([
      'Signataire : Camille Martin (nom déclaré dans la signature : Jean Modèle)',
      'Date de signature : 26 novembre 2026 à 11:15:30 (heure de Paris)',
      'Intégrité : intacte (les octets signés n’ont pas changé)',
      'Portée : couvre tout le document',
      'Certificat : valide à la date de signature et aujourd’hui (du 1 janvier 2026 au 1 janvier 2031), émis par CN=Relais Test Root CA, O=Relais tests, C=FR',
      'Chaîne de confiance : approuvée (elle mène à une autorité de confiance)',
    ]);
  });

  it('tells an altered signature with no certificate and no time in English', () => {
    const { t } = createTranslator('en');
    const check: SignatureCheck = { ...intact, integrity: 'altered', problem: 'cms_unreadable', signerCommonName: null, signerName: null, signedAt: null, certificate: null, chain: 'incomplete', coversWholeDocument: false, followedOnlyByIncrementalUpdates: false };
    expect(signatureFacts(t, check, 'en').map((fact) => fact.text)).toEqual([
      'unknown (no readable certificate)',
      'not stated',
      'altered (the signature value cannot be read)',
      'changes that are not incremental updates follow this signature',
      'missing',
      'incomplete (an issuing certificate is missing)',
    ]);
  });
});
