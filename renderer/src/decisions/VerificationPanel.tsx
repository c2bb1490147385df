import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationReport, VerificationTarget } from '../../../shared/channels/signatures';
import type { ErrorInfo } from '../../../shared/errors';
import { reportVerdict, signatureFacts, signatureVerdict, signerOf, type SignatureVerdict } from '../../../shared/i18n/verification-phrases';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { Facts } from '../components/Facts';
import { ErrorAlert } from '../components/ErrorAlert';
import { currentLanguage } from '../i18n';
import './verification.css';

const BADGE_SEVERITY: Record<SignatureVerdict, 'success' | 'error' | 'warning'> = { valid: 'success', altered: 'error', warning: 'warning' };

type Verification = { state: 'idle' } | { state: 'running' } | { state: 'done'; report: VerificationReport } | { state: 'failed'; error: ErrorInfo };

/**
 * Verifies the signatures of a signed decision or of a PDF piece on demand, and lists each one
 * with its verdict (valid, altered, to examine) and its facts: signer, time in Paris, integrity,
 * coverage, certificate, chain of trust.
 */
export function VerificationPanel({ target, headingLevel = 4 }: { target: VerificationTarget; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const client = useClient();
  const headingId = useId();
  const [verification, setVerification] = useState<Verification>({ state: 'idle' });
  // Under the heading of the section it sits in: a piece's viewer (h2) or a decision (h3).
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const verify = () => {
    setVerification({ state: 'running' });
    client.call('signatures.verify', target).then(
      (report) => setVerification({ state: 'done', report }),
      (error: unknown) => setVerification({ state: 'failed', error: toErrorInfo(error) }),
    );
  };
  return (
    <section className="relais-verification fr-mb-3w" aria-labelledby={headingId}>
      <Heading id={headingId} className="fr-h6 fr-mb-1w">
        {t('verification.title')}
      </Heading>
      <Button priority="secondary" iconId="fr-icon-shield-line" onClick={verify} disabled={verification.state === 'running'}>
        {t('verification.action')}
      </Button>
      <div role="status" className="fr-mt-2w">
        {verification.state === 'running' && <p className="fr-mb-0">{t('verification.verifying')}</p>}
        {verification.state === 'done' && <Summary report={verification.report} />}
      </div>
      {verification.state === 'failed' && <ErrorAlert className="fr-mt-2w" error={verification.error} onRetry={verify} />}
      {verification.state === 'done' && <SignatureList report={verification.report} titleLevel={headingLevel + 1} />}
    </section>
  );
}

function Summary({ report }: { report: VerificationReport }) {
  const { t } = useTranslation();
  const verdict = reportVerdict(report);
  // Inside the panel's status region already: the alert takes no live role of its own.
  if (verdict === 'none') return <Alert severity="info" small role={undefined} description={t('verification.none')} />;
  const sentences = [verdict === 'valid' ? t('verification.summary.valid', { count: report.signatures.length }) : t(`verification.summary.${verdict}`)];
  if (report.changedAfterLastSignature) sentences.push(t('verification.summary.changedAfter'));
  return <Alert severity={verdict === 'valid' ? 'success' : verdict === 'altered' ? 'error' : 'warning'} small role={undefined} description={sentences.join(' ')} />;
}

function SignatureList({ report, titleLevel }: { report: VerificationReport; titleLevel: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const count = report.signatures.length;
  const Title = titleLevel === 4 ? 'h4' : 'h5';
  if (count === 0) return null;
  return (
    <>
      <ol className="relais-verification__list fr-mt-2w">
        {report.signatures.map((check, index) => {
          const verdict = signatureVerdict(check);
          return (
            <li key={index} className="relais-verification__signature fr-p-2w fr-mb-2w">
              <Title className="fr-text--md fr-text--bold fr-mb-1w">
                {t('verification.signatureTitle', { index: index + 1, count, signer: signerOf(t, check) })}{' '}
                <Badge severity={BADGE_SEVERITY[verdict]} small>
                  {t(`verification.verdict.${verdict}`)}
                </Badge>
              </Title>
              <Facts facts={signatureFacts(t, check, language).map((fact) => ({ label: fact.label, value: fact.text }))} />
            </li>
          );
        })}
      </ol>
      <p className="fr-text--xs relais-secondary fr-mb-0">{t('verification.trustNote')}</p>
    </>
  );
}
