import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LANGUAGES } from '../../../shared/contract';
import { useCall } from '../api/useCall';
import { BACKUPS_ROUTE } from '../backup/BackupsPage';
import { SigningSettings } from '../decisions/SigningSettings';
import { ErrorAlert } from '../components/ErrorAlert';
import { Facts } from '../components/Facts';
import { LANGUAGE_NAMES } from '../components/LanguageSwitch';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useLanguage } from '../components/useLanguage';
import { formatBytes, formatCount } from '../format';

export function SettingsPage() {
  const { t } = useTranslation();
  const { language, setLanguage, error: languageError } = useLanguage();
  const info = useCall('app.info', {});
  useDocumentTitle(t('settings.title'));

  return (
    <div className="fr-container relais-page">
      <h1 tabIndex={-1} className="fr-h2">
        {t('settings.title')}
      </h1>
      <section className="fr-mb-6w" aria-labelledby="settings-language">
        <h2 id="settings-language" className="fr-h4">
          {t('settings.language')}
        </h2>
        <RadioButtons
          legend={t('settings.languageLegend')}
          hintText={t('settings.languageHint')}
          name="language"
          options={LANGUAGES.map((choice) => ({
            label: <span lang={choice}>{LANGUAGE_NAMES[choice]}</span>,
            nativeInputProps: { value: choice, checked: language === choice, onChange: () => void setLanguage(choice) },
          }))}
        />
        {languageError && <ErrorAlert error={languageError} />}
      </section>
      <SigningSettings />
      <section aria-labelledby="settings-case-file">
        <h2 id="settings-case-file" className="fr-h4">
          {t('settings.caseFile')}
        </h2>
        {info.error && <ErrorAlert error={info.error} onRetry={info.reload} />}
        {info.loading && <p role="status">{t('common.loading')}</p>}
        {info.data && (
          <Facts
            facts={[
              { label: t('settings.location'), value: <code className="relais-path">{info.data.caseFilePath}</code> },
              { label: t('settings.databaseSize'), value: formatBytes(info.data.caseFileSizeBytes, language) },
              { label: t('settings.piecesSize'), value: formatBytes(info.data.blobsSizeBytes, language) },
              {
                label: t('settings.totalSize'),
                value: <strong>{formatBytes(info.data.caseFileSizeBytes + info.data.blobsSizeBytes, language)}</strong>,
              },
              { label: t('settings.dossierCount'), value: formatCount(info.data.dossierCount, language) },
              { label: t('settings.schemaVersion'), value: info.data.schemaVersion },
              { label: t('settings.version'), value: info.data.version },
              { label: t('settings.host'), value: t(`settings.hosts.${info.data.host}`) },
            ]}
          />
        )}
        <p className="fr-mt-2w">
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={BACKUPS_ROUTE}>
            {t('settings.backupsLink')}
          </Link>
        </p>
      </section>
    </div>
  );
}
