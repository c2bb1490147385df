import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../shared/channels/sync';
import { formatBytes, formatCount } from '../format';
import { currentLanguage } from '../i18n';

/** The running round: its phase, then how far it is in items and in bytes (totals when known). */
export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const items =
    progress.itemsTotal === null
      ? t('sync.progress.itemsSoFar', { done: formatCount(progress.items, language) })
      : t('sync.progress.items', { done: formatCount(progress.items, language), total: formatCount(progress.itemsTotal, language) });
  const bytes =
    progress.bytesTotal === null
      ? t('sync.progress.bytesSoFar', { done: formatBytes(progress.bytes, language) })
      : t('sync.progress.bytes', { done: formatBytes(progress.bytes, language), total: formatBytes(progress.bytesTotal, language) });
  // Files move in bytes, changes in items: the bar follows what the phase counts.
  const [value, max] =
    progress.phase === 'blobs_up' || progress.phase === 'blobs_down'
      ? [progress.bytes, progress.bytesTotal]
      : [progress.items, progress.itemsTotal];
  return (
    <div className="relais-sync-progress fr-mb-3w">
      <p id="sync-progress-label" className="fr-mb-1v">
        <strong>{t(`sync.progress.phases.${progress.phase}`)}</strong> — {items}, {bytes}
      </p>
      <progress
        aria-labelledby="sync-progress-label"
        {...(max === null || max === 0 ? {} : { max, value: Math.min(value, max) })}
      />
    </div>
  );
}
