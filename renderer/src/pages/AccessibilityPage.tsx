import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function AccessibilityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('accessibility.title'));
  return (
    <div className="fr-container relais-page">
      <h1 tabIndex={-1} className="fr-h2">
        {t('accessibility.title')}
      </h1>
      <p>{t('accessibility.status')}</p>
      <p>{t('accessibility.checks')}</p>
      <p>{t('accessibility.keyboard')}</p>
    </div>
  );
}
