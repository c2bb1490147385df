import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeskDsStatus } from '../../../shared/channels/sync';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { SYNC_ROUTE } from '../sync/SyncIndicator';
import { DsStatusView } from './DsStatusView';
import './ds.css';

/**
 * « Démarches Simplifiées »: how the hub's link with DS stands, for administrateur accounts —
 * the last run, the counts, the changes DS refused or that wait for a person, recent errors.
 * It reads the hub when opened and on « Actualiser »; it never polls.
 */
export function DsPage() {
  const { t } = useTranslation();
  const answer = useCall('sync.dsStatus', {});
  useDocumentTitle(t('dsDesk.title'));
  const data = answer.data;
  return (
    <div className="fr-container relais-page">
      <h1 tabIndex={-1} className="fr-h2">
        {t('dsDesk.title')}
      </h1>
      <p>{t('dsDesk.intro')}</p>
      <div className="relais-ds-toolbar fr-mb-3w">
        <Button iconId="fr-icon-refresh-line" iconPosition="left" priority="secondary" disabled={answer.loading} onClick={answer.reload}>
          {answer.loading && data ? t('dsDesk.refreshing') : t('dsDesk.refresh')}
        </Button>
        {data?.state === 'ready' && (
          <p role="status" id="ds-read-at" className="fr-mb-0 relais-secondary">
            {t('dsDesk.readAt', { hubUrl: data.hubUrl, date: formatDateTime(data.readAt, currentLanguage()) })}
          </p>
        )}
      </div>
      {answer.error && <ErrorAlert error={answer.error} onRetry={answer.reload} className="fr-mb-3w" />}
      {!data && !answer.error && <p role="status">{t('common.loading')}</p>}
      {data && (data.state === 'ready' ? <DsStatusView status={data.status} local={data.local} /> : <NotReadable answer={data} />)}
    </div>
  );
}

/** Why the status cannot be shown, and what to do. */
function NotReadable({ answer }: { answer: Exclude<DeskDsStatus, { state: 'ready' }> }) {
  const { t } = useTranslation();
  const toSync = answer.state === 'signed_out' || answer.state === 'login_required';
  const sentence = answer.state === 'offline' ? t('dsDesk.states.offline', { hubUrl: answer.hubUrl }) : t(`dsDesk.states.${answer.state}`);
  return (
    <Alert
      severity={answer.state === 'offline' ? 'warning' : 'info'}
      small
      role="status"
      description={
        <>
          <span id="ds-state">{sentence}</span>
          {toSync && (
            <span className="relais-block fr-mt-1w">
              <Link to={SYNC_ROUTE}>{t('dsDesk.syncLink')}</Link>
            </span>
          )}
        </>
      }
    />
  );
}
