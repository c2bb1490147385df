import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { ErrorInfo } from '../../../shared/errors';
import { describeError } from '../../../shared/i18n';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { Facts } from '../components/Facts';
import { formatBytes, formatCount, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { SyncProgressBar } from './SyncProgressBar';
import { useSyncStatus } from './SyncStatusProvider';

const STATE_SEVERITY = { idle: 'success', syncing: 'info', offline: 'warning', login_required: 'error', signed_out: undefined } as const;

/** Where sync stands: its state, the last round and what it did, what waits, and « Synchroniser maintenant ». */
export function SyncStatePanel({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { update } = useSyncStatus();
  const language = currentLanguage();
  const [error, setError] = useState<ErrorInfo>();
  const summary = status.lastSummary;

  async function syncNow() {
    setError(undefined);
    try {
      update(await client.call('sync.now', {}));
    } catch (failure) {
      setError(toErrorInfo(failure));
    }
  }

  // The engine's error codes name sentences of the catalogue, beyond what the typed `t` checks.
  // A refused token is told by the sign-in form above, with what to do.
  const lastError =
    status.lastError && status.state !== 'syncing' && status.state !== 'login_required'
      ? describeError(i18n.t.bind(i18n) as unknown as Parameters<typeof describeError>[0], status.lastError as ErrorInfo)
      : null;
  const errorTitle = status.state === 'offline' ? t('sync.status.offlineTitle') : t('sync.status.failedTitle');
  return (
    <section className="fr-mb-6w" aria-labelledby="sync-state">
      <h2 id="sync-state" className="fr-h4">
        {t('sync.status.title')}
      </h2>
      {lastError && (
        <Alert
          className="fr-mb-3w"
          severity={status.state === 'offline' ? 'warning' : 'error'}
          small
          description={`${errorTitle}. ${lastError}`}
        />
      )}
      <Facts
        facts={[
          {
            label: t('sync.status.state'),
            value: (
              <span role="status" id="sync-state-value">
                <Badge as="span" small noIcon severity={STATE_SEVERITY[status.state]}>
                  {t(`sync.status.states.${status.state}`)}
                </Badge>
              </span>
            ),
          },
          { label: t('sync.status.lastSync'), value: status.lastSyncAt ? formatDateTime(status.lastSyncAt, language) : t('sync.status.never') },
          ...(status.nextAttemptAt && lastError
            ? [{ label: t('sync.status.nextAttempt'), value: formatDateTime(status.nextAttemptAt, language) }]
            : []),
          ...(summary
            ? [
                {
                  label: t('sync.status.lastSummary'),
                  value: t('sync.status.summary', {
                    ...Object.fromEntries(
                      (['pushed', 'pulled', 'conflicts', 'rejected', 'pending'] as const).map((name) => [name, formatCount(summary[name], language)]),
                    ),
                    bytesUp: formatBytes(summary.bytesUp, language),
                    bytesDown: formatBytes(summary.bytesDown, language),
                  }),
                },
              ]
            : []),
          { label: t('sync.status.pending'), value: formatCount(status.pending, language) },
          { label: t('sync.status.conflicts'), value: formatCount(status.conflicts, language) },
          { label: t('sync.status.rejected'), value: formatCount(status.rejected, language) },
        ]}
      />
      {status.state === 'syncing' && status.progress && <SyncProgressBar progress={status.progress} />}
      <Button className="fr-mt-2w" iconId="fr-icon-refresh-line" iconPosition="left" disabled={status.state === 'syncing' || status.state === 'login_required'} onClick={() => void syncNow()}>
        {t('sync.status.syncNow')}
      </Button>
      {error && <ErrorAlert error={error} className="fr-mt-3w" />}
    </section>
  );
}
