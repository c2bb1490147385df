import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EcheanceItem } from '../../../shared/channels/bulk';
import type { ErrorInfo } from '../../../shared/errors';
import { daysLeftPhrase } from '../../../shared/i18n/phrases';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { DsfrTable } from '../components/DsfrTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { StateBadge } from '../components/StateBadge';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatCount, formatDate } from '../format';
import { currentLanguage } from '../i18n';
import './echeances.css';

/** How close a deadline is, for its badge: overdue, then the 7, 15 and 30-day alerts. */
type Urgency = 'overdue' | 'alert7' | 'alert15' | 'alert30' | 'running';

function urgencyOf(item: EcheanceItem): { key: Urgency; className: string } {
  if (item.daysLeft < 0) return { key: 'overdue', className: 'fr-badge--error' };
  if (item.alertDays === null) return { key: 'running', className: 'fr-badge--success' };
  if (item.alertDays <= 7) return { key: 'alert7', className: 'fr-badge--error' };
  return { key: item.alertDays <= 15 ? 'alert15' : 'alert30', className: 'fr-badge--warning' };
}

/**
 * "Mes échéances": the running deadlines of the dossiers assigned to me or that I follow, the
 * overdue ones first, then the nearest. Who "me" is, the user says once (kept on this computer).
 */
export function EcheancesPage() {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const echeances = useCall('echeances.list', {});
  const instructors = useCall('bulk.instructors', {});
  const [meError, setMeError] = useState<ErrorInfo>();
  useDocumentTitle(t('echeances.title'));

  const chooseMe = async (email: string) => {
    setMeError(undefined);
    try {
      await client.call('echeances.setMe', { email: email || null });
      echeances.reload();
    } catch (error) {
      setMeError(toErrorInfo(error));
    }
  };

  const data = echeances.data;
  const overdue = data?.items.filter((item) => item.daysLeft < 0).length ?? 0;
  return (
    <div className="fr-container relais-page">
      <h1 tabIndex={-1} className="fr-h2">
        {t('echeances.title')}
      </h1>
      <p>{t('echeances.intro')}</p>
      <Select
        className="relais-echeances__me"
        label={t('echeances.me')}
        hint={t('echeances.meHint')}
        nativeSelectProps={{ value: data?.me?.email ?? '', onChange: (event) => void chooseMe(event.target.value) }}
      >
        <option value="">{t('echeances.meNone')}</option>
        {instructors.data?.instructors.map((instructor) => (
          <option key={instructor.email} value={instructor.email}>
            {instructor.name} ({instructor.email})
          </option>
        ))}
      </Select>
      {meError && <ErrorAlert error={meError} className="fr-mb-2w" />}
      {instructors.error && <ErrorAlert error={instructors.error} onRetry={instructors.reload} className="fr-mb-2w" />}
      {echeances.error && <ErrorAlert error={echeances.error} onRetry={echeances.reload} />}
      {echeances.loading && !data && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <p role="status" id="echeances-count" className="fr-text--lg fr-mb-1w">
            {t('echeances.count', { count: data.total, formatted: formatCount(data.total, language) })}
            {overdue > 0 && ` ${t('echeances.overdueCount', { count: overdue, formatted: formatCount(overdue, language) })}`}
          </p>
          <p className="fr-hint-text">{t('echeances.countedFrom', { date: formatDate(data.today, language) })}</p>
          {data.items.length === 0 ? (
            <p>{data.me ? t('echeances.empty') : t('echeances.emptyNoMe')}</p>
          ) : (
            <DsfrTable multiline>
              <table>
                <caption>{t('echeances.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('echeances.columns.due')}</th>
                    <th scope="col">{t('echeances.columns.left')}</th>
                    <th scope="col">{t('echeances.columns.kind')}</th>
                    <th scope="col">{t('echeances.columns.dossier')}</th>
                    <th scope="col">{t('echeances.columns.projet')}</th>
                    <th scope="col">{t('echeances.columns.state')}</th>
                    <th scope="col">{t('echeances.columns.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => {
                    const urgency = urgencyOf(item);
                    return (
                      <tr key={`${item.dossierId}-${item.kind}`} data-urgency={urgency.key}>
                        <td className="relais-echeances__nowrap">{formatDate(item.due, language)}</td>
                        <td>
                          <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${urgency.className}`}>
                            {t(`echeances.urgency.${urgency.key}`)}
                          </span>{' '}
                          <span className="relais-echeances__nowrap">{daysLeftPhrase(t, item.daysLeft)}</span>
                        </td>
                        <td>{t(`deadlines.kind.${item.kind}`)}</td>
                        <td>
                          <Link to={`/dossiers/${item.dossierId}`}>{t('echeances.dossierLink', { number: item.number })}</Link>
                          <span className="relais-block relais-secondary">{item.demandeur}</span>
                        </td>
                        <td>{item.projet}</td>
                        <td>
                          <StateBadge state={item.state} t={t} />
                        </td>
                        <td>
                          {[item.assignedToMe && t('echeances.assigned'), item.followed && t('echeances.followed')].filter(Boolean).join(', ')}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </DsfrTable>
          )}
          {data.total > data.items.length && (
            <p className="fr-hint-text">{t('echeances.more', { count: data.total - data.items.length })}</p>
          )}
        </>
      )}
    </div>
  );
}
