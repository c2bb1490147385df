import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="fr-container relais-page">
      <h1 tabIndex={-1} className="fr-h2">
        {t('notFound.title')}
      </h1>
      <p>{t('notFound.text')}</p>
      <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/dossiers">
        {t('notFound.back')}
      </Link>
    </div>
  );
}
