import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { OutboxState } from '../../../shared/channels/sync';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { AccountPanel } from './AccountPanel';
import { ConflictInbox } from './ConflictInbox';
import { OUTBOX_MAX, OUTBOX_PAGE, OutboxTable } from './OutboxTable';
import { SignInForm } from './SignInForm';
import { SyncStatePanel } from './SyncStatePanel';
import { useSyncStatus } from './SyncStatusProvider';
import './sync.css';

/**
 * « Synchronisation »: signing this computer in to the hub, where sync stands, the conflicts to
 * settle and the fate of each change made here. The queue filter lives in the address (?etat=).
 */
export function SyncPage() {
  const { t } = useTranslation();
  const { status, error, refresh } = useSyncStatus();
  const [search, setSearch] = useSearchParams();
  const parsedFilter = OutboxState.safeParse(search.get('etat'));
  const filter = parsedFilter.success ? parsedFilter.data : null;
  const [limit, setLimit] = useState(OUTBOX_PAGE);
  const conflicts = useCall('sync.conflicts', {});
  const outbox = useCall('sync.outbox', { states: filter ? [filter] : undefined, limit });
  useDocumentTitle(t('sync.title'));

  // A round that ends, a change made elsewhere or a settled conflict moves the counts: the lists follow.
  const reloadConflicts = conflicts.reload;
  const reloadOutbox = outbox.reload;
  const fingerprint = status && `${status.lastSyncAt}|${status.pending}|${status.conflicts}|${status.rejected}|${status.state}`;
  useEffect(() => {
    if (!fingerprint) return;
    reloadConflicts();
    reloadOutbox();
  }, [fingerprint, reloadConflicts, reloadOutbox]);

  const signedIn = status && status.account && status.state !== 'signed_out';
  return (
    <div className="fr-container relais-page">
      <h1 tabIndex={-1} className="fr-h2">
        {t('sync.title')}
      </h1>
      <p>{t('sync.intro')}</p>
      {error && <ErrorAlert error={error} onRetry={refresh} className="fr-mb-3w" />}
      {!status && !error && <p role="status">{t('common.loading')}</p>}
      {status && (!signedIn || status.state === 'login_required') && (
        <SignInForm key={status.state} previous={status.state === 'login_required' ? status.account : null} />
      )}
      {status && signedIn && (
        <>
          <div className="relais-sync-overview">
            <SyncStatePanel status={status} />
            <AccountPanel account={status.account!} />
          </div>
          <ConflictInbox conflicts={conflicts} onSettled={refresh} />
        </>
      )}
      {status && (signedIn || (outbox.data?.total ?? 0) > 0) && (
        <OutboxTable
          outbox={outbox}
          filter={filter}
          onFilter={(state) => {
            setLimit(OUTBOX_PAGE);
            setSearch(state ? { etat: state } : {}, { replace: true });
          }}
          onMore={limit < OUTBOX_MAX ? () => setLimit((current) => Math.min(current + OUTBOX_PAGE, OUTBOX_MAX)) : undefined}
        />
      )}
    </div>
  );
}
