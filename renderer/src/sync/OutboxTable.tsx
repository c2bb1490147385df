import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OUTBOX_STATES, type OutboxItem, type OutboxState } from '../../../shared/channels/sync';
import type { ResultOf } from '../../../shared/contract';
import type { CallState } from '../api/useCall';
import { DsfrTable } from '../components/DsfrTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatCount, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { mutationLabel } from './syncText';

/** How many more rows « Afficher plus » brings, up to the most the channel serves at once. */
export const OUTBOX_PAGE = 100;
export const OUTBOX_MAX = 500;

const STATE_SEVERITY: Record<OutboxState, AlertProps.Severity | 'new' | undefined> = {
  waiting: 'new',
  sent: 'info',
  applied: 'success',
  rejected: 'error',
  conflict: 'warning',
};

interface Props {
  outbox: CallState<ResultOf<'sync.outbox'>>;
  filter: OutboxState | null;
  onFilter: (state: OutboxState | null) => void;
  /** Absent once the table shows as many rows as the channel serves. */
  onMore?: () => void;
}

/** The changes made on this computer and their fate on the hub, newest first; refused ones say why. */
export function OutboxTable({ outbox, filter, onFilter, onMore }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const data = outbox.data;
  return (
    <section aria-labelledby="sync-outbox">
      <h2 id="sync-outbox" className="fr-h4">
        {t('sync.outbox.title')}
      </h2>
      <p>{t('sync.outbox.intro')}</p>
      <Select
        className="relais-sync-outbox__filter"
        label={t('sync.outbox.filter')}
        nativeSelectProps={{ value: filter ?? '', onChange: (event) => onFilter((event.target.value || null) as OutboxState | null) }}
      >
        <option value="">{t('sync.outbox.all')}</option>
        {OUTBOX_STATES.map((state) => (
          <option key={state} value={state}>
            {t(`sync.outbox.states.${state}`)}
          </option>
        ))}
      </Select>
      {outbox.error && <ErrorAlert error={outbox.error} onRetry={outbox.reload} />}
      {outbox.loading && !data && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <p role="status" id="sync-outbox-count">
            {t('sync.outbox.count', { count: data.total })}
            {data.total > data.items.length &&
              ` ${t('sync.outbox.shown', { shown: formatCount(data.items.length, language), total: formatCount(data.total, language) })}`}
          </p>
          {data.items.length === 0 ? (
            <p>{t('sync.outbox.empty')}</p>
          ) : (
            <DsfrTable multiline hideCaption>
              <table>
                <caption>{t('sync.outbox.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sync.outbox.columns.change')}</th>
                    <th scope="col">{t('sync.outbox.columns.dossier')}</th>
                    <th scope="col">{t('sync.outbox.columns.date')}</th>
                    <th scope="col">{t('sync.outbox.columns.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <OutboxRow key={item.mutationId} item={item} />
                  ))}
                </tbody>
              </table>
            </DsfrTable>
          )}
          {onMore && data.total > data.items.length && (
            <Button priority="secondary" onClick={onMore} disabled={outbox.loading}>
              {t('sync.outbox.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-state={item.state} data-mutation={item.mutationId}>
      <td>{mutationLabel(i18n, item.name)}</td>
      <td>
        {item.dossierId && item.dossierNumber !== null ? (
          <Link to={`/dossiers/${item.dossierId}`}>{t('sync.conflicts.dossierLink', { number: item.dossierNumber })}</Link>
        ) : (
          t('sync.outbox.noDossier')
        )}
      </td>
      <td>{formatDateTime(item.createdAt, currentLanguage())}</td>
      <td>
        {item.settledWith ? (
          <>
            <Badge as="span" small noIcon severity="success">
              {t('sync.outbox.settled')}
            </Badge>
            <span className="relais-block fr-mt-1v">{t(`sync.outbox.settledWith.${item.settledWith}`)}</span>
          </>
        ) : (
          <Badge as="span" small noIcon severity={STATE_SEVERITY[item.state]}>
            {t(`sync.outbox.states.${item.state}`)}
          </Badge>
        )}
        {item.reason && <span className="relais-block fr-mt-1v">{t(`sync.reasons.${item.reason}`)}</span>}
        {item.detail && <span className="relais-block relais-secondary fr-text--sm fr-mb-0">{item.detail}</span>}
      </td>
    </tr>
  );
}
