import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import { useCall } from '../api/useCall';
import { DsfrTable } from '../components/DsfrTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { currentLanguage } from '../i18n';
import { actionSentence, describeValue, entryTime } from './historyText';

/** Who changed what and when, from the journal, with an alert when its hash chain is broken. */
export function HistoryTab({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const history = useCall('dossiers.history', { id: dossierId });
  const data = history.data;
  if (history.error) return <ErrorAlert error={history.error} onRetry={history.reload} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;

  return (
    <div>
      {data.firstBreak && (
        <Alert
          className="fr-mb-3w"
          severity="error"
          title={t('history.brokenTitle')}
          description={`${t('journal.broken', { ...data.firstBreak, context: data.firstBreak.reason })} ${t('journal.advice')}`}
        />
      )}
      <p>{t('history.intro')}</p>
      {data.entries.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <DsfrTable multiline hideCaption className="relais-history">
          <table>
            <caption>{t('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('history.who')}</th>
                <th scope="col">{t('history.what')}</th>
                <th scope="col">{t('history.change')}</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>
                    <time dateTime={entry.when}>{entryTime(entry.when, language)}</time>
                  </td>
                  <td>{entry.who}</td>
                  <td>
                    {actionSentence(t, entry)}
                    {!entry.intact && (
                      <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">{t('history.notVouched')}</span>
                    )}
                  </td>
                  <td>
                    {describeValue(t, entry.before, language)} <span aria-hidden="true">→</span>{' '}
                    <span className="fr-sr-only">{t('history.becomes')}</span> {describeValue(t, entry.after, language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DsfrTable>
      )}
    </div>
  );
}
