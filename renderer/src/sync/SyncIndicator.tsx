import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SyncStatus } from '../../../shared/channels/sync';
import { useSyncStatus } from './SyncStatusProvider';

export const SYNC_ROUTE = '/synchronisation';

type Tone = 'info' | 'success' | 'warning' | 'error';

/** What the header says in a few words, and how loudly: a person must act on conflicts and sign-ins. */
function indicatorOf(status: SyncStatus, t: TFunction): { text: string; tone: Tone } {
  if (status.state === 'login_required') return { text: t('sync.indicator.loginRequired'), tone: 'error' };
  if (status.state === 'syncing') return { text: t('sync.indicator.syncing'), tone: 'info' };
  const parts = [
    status.state === 'offline' && t('sync.indicator.offline'),
    status.state === 'idle' && status.lastError && t('sync.indicator.failed'),
    status.conflicts > 0 && t('sync.indicator.conflicts', { count: status.conflicts }),
    status.pending > 0 && t('sync.indicator.pending', { count: status.pending }),
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) {
    return status.lastSyncAt ? { text: t('sync.indicator.upToDate'), tone: 'success' } : { text: t('sync.indicator.notYet'), tone: 'info' };
  }
  const failed = status.conflicts > 0 || (status.lastError !== null && status.state !== 'offline');
  return { text: parts.join(' · '), tone: failed ? 'error' : status.state === 'offline' ? 'warning' : 'info' };
}

/** The header's word on sync (nothing until this computer is signed in), a way to the page. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { status } = useSyncStatus();
  if (!status || status.state === 'signed_out') return null;
  const { text, tone } = indicatorOf(status, t);
  return (
    <p className="relais-sync-indicator" role="status" data-state={status.state}>
      <Link to={SYNC_ROUTE} className={`fr-badge fr-badge--sm fr-badge--${tone}`} title={t('sync.indicator.label', { state: text })}>
        {text}
      </Link>
    </p>
  );
}
