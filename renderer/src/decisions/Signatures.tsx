import { useTranslation } from 'react-i18next';
import type { Decision } from '../../../shared/channels/decisions';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';

/** Who signed the act and when, the first signature first, with the fingerprint the journal keeps. */
export function Signatures({ signatures }: { signatures: Decision['signatures'] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <ul className="relais-plain-list relais-decision-signatures fr-mb-2w" aria-label={t('decisions.ui.signaturesLabel')}>
      {signatures.map((signature) => (
        <li key={signature.pdfSha256} className="fr-p-2w">
          <span className="fr-icon-success-line fr-icon--sm relais-decision-signatures__icon" aria-hidden="true" />{' '}
          <strong>{t('decisions.ui.signedBy', { name: signature.signerName, title: signature.signerTitle })}</strong>
          <span className="relais-block fr-text--sm fr-mb-0">{t('decisions.ui.signedAt', { at: formatDateTime(signature.signedAt, language) })}</span>
          <span className="relais-block fr-text--xs fr-mb-0 relais-secondary">
            {t('decisions.ui.signedHash')} <code className="relais-mono">{signature.pdfSha256}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}
