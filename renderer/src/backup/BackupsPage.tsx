import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../../shared/channels/backup';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useLanguage } from '../components/useLanguage';
import { formatBytes, formatDateTime } from '../format';
import { HandOver } from './HandOver';

export const BACKUPS_ROUTE = '/parametres/sauvegardes';

/** The « Sauvegardes » page: the case file's backups, a restore behind a confirmation, and the hand-over export and import. */
export function BackupsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const client = useClient();
  const backups = useCall('backups.list', {});
  const [asked, setAsked] = useState<Backup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState<{ restored: Backup; before: Backup } | null>(null);
  const outcome = useRef<HTMLDivElement>(null);
  useDocumentTitle(t('backup.page.title'));

  const dateOf = (backup: Backup) => formatDateTime(backup.createdAt, language);

  async function restore(backup: Backup) {
    setBusy(true);
    setError(null);
    try {
      const { before } = await client.call('backups.restore', { name: backup.name });
      setDone({ restored: backup, before });
      backups.reload();
    } catch (caught) {
      setError(toErrorInfo(caught));
    } finally {
      setBusy(false);
      setAsked(null);
      outcome.current?.focus();
    }
  }

  return (
    <div className="fr-container relais-page">
      <h1 tabIndex={-1} className="fr-h2">
        {t('backup.page.title')}
      </h1>
      <p>{t('backup.page.intro')}</p>
      <section className="fr-mb-6w" aria-labelledby="backups-list">
        <h2 id="backups-list" className="fr-h4">
          {t('backup.page.listTitle')}
        </h2>
        <div ref={outcome} tabIndex={-1} aria-live="polite">
          {error && <ErrorAlert error={error} />}
          {done && (
            <Alert
              severity="success"
              small
              description={t('backup.page.restored', { restored: dateOf(done.restored), before: dateOf(done.before) })}
            />
          )}
        </div>
        {backups.error && <ErrorAlert error={backups.error} onRetry={backups.reload} />}
        {backups.loading && <p role="status">{t('common.loading')}</p>}
        {backups.data && backups.data.backups.length === 0 && <p>{t('backup.page.none')}</p>}
        {backups.data && backups.data.backups.length > 0 && (
          <div className="fr-table fr-table--no-caption">
            <table>
              <caption>{t('backup.page.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('backup.page.date')}</th>
                  <th scope="col">{t('backup.page.reason')}</th>
                  <th scope="col">{t('backup.page.size')}</th>
                  <th scope="col">{t('backup.page.action')}</th>
                </tr>
              </thead>
              <tbody>
                {backups.data.backups.map((backup) => (
                  <tr key={backup.name}>
                    <td>{dateOf(backup)}</td>
                    <td>{t(`backup.reasons.${backup.reason}`)}</td>
                    <td>{formatBytes(backup.sizeBytes, language)}</td>
                    <td>
                      <Button
                        priority="secondary"
                        size="small"
                        disabled={busy}
                        onClick={() => setAsked(backup)}
                        nativeButtonProps={{ 'aria-label': t('backup.page.restoreOne', { date: dateOf(backup) }) }}
                      >
                        {t('backup.page.restore')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {asked && (
          <div role="group" aria-labelledby="backup-confirm" className="fr-alert fr-alert--warning fr-mt-2w">
            <h3 id="backup-confirm" className="fr-alert__title">
              {t('backup.page.confirmTitle', { date: dateOf(asked) })}
            </h3>
            <p>{t('backup.page.confirmText')}</p>
            <ul className="fr-btns-group fr-btns-group--inline fr-mt-2w">
              <li>
                <Button disabled={busy} onClick={() => void restore(asked)} nativeButtonProps={{ autoFocus: true }}>
                  {busy ? t('backup.page.restoring') : t('backup.page.confirm')}
                </Button>
              </li>
              <li>
                <Button priority="secondary" disabled={busy} onClick={() => setAsked(null)}>
                  {t('backup.page.cancel')}
                </Button>
              </li>
            </ul>
          </div>
        )}
      </section>
      <HandOver onImported={backups.reload} />
    </div>
  );
}
