import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Visit } from '../../../shared/channels/visits';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { VisitForm } from './VisitForm';
import './visits.css';

/** The dossier's "Visite" tab: its site visits, one report open at a time (its id in the address). */
export function VisitsTab({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const list = useCall('visits.list', { dossierId });
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ErrorInfo>();
  // Saves made by the open form, so the list shows them without reloading under the form.
  const [savedVisits, setSavedVisits] = useState<Record<string, Visit>>({});

  const visits = (list.data?.visits ?? []).map((visit) => {
    const saved = savedVisits[visit.id];
    return saved && saved.version > visit.version ? { ...saved, photos: visit.photos } : visit;
  });
  const openId = params.get('visite') ?? visits.at(-1)?.id;
  const open = visits.find((visit) => visit.id === openId);

  const select = (visitId: string) => {
    const next = new URLSearchParams(params);
    next.set('visite', visitId);
    setParams(next, { replace: true });
  };

  async function create() {
    setCreating(true);
    setCreateError(undefined);
    try {
      const visit = await client.call('visits.create', { dossierId });
      list.reload();
      select(visit.id);
    } catch (failure) {
      setCreateError(toErrorInfo(failure));
    } finally {
      setCreating(false);
    }
  }

  const titleOf = (visit: Visit) =>
    visit.date ? t('visits.visitOf', { date: formatDate(visit.date, language) }) : t('visits.undated', { date: formatDateTime(visit.createdAt, language) });

  return (
    <div className="relais-visits">
      <div className="relais-visits__head">
        <h2 className="fr-h3 fr-mb-0">{t('visits.title')}</h2>
        <Button iconId="fr-icon-add-line" onClick={() => void create()} disabled={creating}>
          {t('visits.create')}
        </Button>
      </div>
      {createError && <ErrorAlert error={createError} onRetry={() => void create()} className="fr-mt-2w" />}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} className="fr-mt-2w" />}
      {!list.data && !list.error && <p role="status">{t('common.loading')}</p>}
      {list.data && visits.length === 0 && <p className="fr-mt-2w">{t('visits.empty')}</p>}
      {visits.length > 0 && (
        <nav className="fr-mt-2w" aria-label={t('visits.listLabel')}>
          <ul className="relais-plain-list relais-visits__list">
            {visits.map((visit) => (
              <li key={visit.id}>
                <Button
                  priority={visit.id === open?.id ? 'primary' : 'tertiary'}
                  size="small"
                  onClick={() => select(visit.id)}
                  nativeButtonProps={{ 'aria-current': visit.id === open?.id ? 'true' : undefined }}
                >
                  {titleOf(visit)} · {t('visits.photoCount', { count: visit.photos.length })}
                </Button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {open && list.data && (
        <VisitForm
          key={open.id}
          visit={open}
          checklist={list.data.checklist}
          onSaved={(visit) => setSavedVisits((previous) => ({ ...previous, [visit.id]: visit }))}
          onPhotosChanged={list.reload}
        />
      )}
    </div>
  );
}
