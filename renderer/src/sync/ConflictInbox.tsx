import { Button } from '@codegouvfr/react-dsfr/Button';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SyncConflict } from '../../../shared/channels/sync';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import type { CallState } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ConflictValue } from './ConflictValue';
import { fieldLabel, fieldQualifier, mutationLabel } from './syncText';

type Choice = 'mine' | 'theirs';

interface Props {
  conflicts: CallState<SyncConflict[]>;
  /** After a conflict is settled: the counts and the queue change too. */
  onSettled: () => void;
}

/** The conflicts a person must settle, each with both values side by side and who made the hub's. */
export function ConflictInbox({ conflicts, onSettled }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const [settled, setSettled] = useState<Choice>();
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState<string>();
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function settle(conflict: SyncConflict, choice: Choice) {
    setError(undefined);
    setSettled(undefined);
    setBusy(conflict.id);
    try {
      await client.call('sync.resolveConflict', { id: conflict.id, choice });
      setSettled(choice);
      onSettled();
      // The settled card and its buttons leave the page: the keyboard goes back to the inbox's top.
      headingRef.current?.focus();
    } catch (failure) {
      setError(toErrorInfo(failure));
    } finally {
      setBusy(undefined);
    }
  }

  const list = conflicts.data;
  return (
    <section className="fr-mb-6w" aria-labelledby="sync-conflicts">
      <h2 id="sync-conflicts" className="fr-h4" ref={headingRef} tabIndex={-1}>
        {t('sync.conflicts.title')}
      </h2>
      <p>{t('sync.conflicts.intro')}</p>
      <p role="status" className="fr-text--bold">
        {settled && t(settled === 'mine' ? 'sync.conflicts.settledMine' : 'sync.conflicts.settledTheirs')}{' '}
        {list && (list.length === 0 ? t('sync.conflicts.empty') : t('sync.conflicts.count', { count: list.length }))}
      </p>
      {error && <ErrorAlert error={error} className="fr-mb-3w" />}
      {conflicts.error && <ErrorAlert error={conflicts.error} onRetry={conflicts.reload} />}
      {conflicts.loading && !list && <p role="status">{t('common.loading')}</p>}
      {list && list.length > 0 && (
        <ul className="relais-plain-list">
          {list.map((conflict) => (
            <li key={conflict.id}>
              <ConflictCard conflict={conflict} busy={busy === conflict.id} onSettle={(choice) => void settle(conflict, choice)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConflictCard({ conflict, busy, onSettle }: { conflict: SyncConflict; busy: boolean; onSettle: (choice: Choice) => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const headingId = `sync-conflict-${conflict.id}`;
  const qualifier = fieldQualifier(conflict.field);
  const field = fieldLabel(i18n, conflict.entity, conflict.field, conflict.key);
  const theirs = conflict.theirs;
  return (
    <article className="relais-sync-conflict fr-mb-3w" aria-labelledby={headingId} data-conflict={conflict.id}>
      <h3 id={headingId} className="fr-h6 fr-mb-1w">
        {qualifier ? `${field} « ${qualifier} »` : field}
        {' — '}
        {conflict.dossierId && conflict.dossierNumber !== null ? (
          <Link to={`/dossiers/${conflict.dossierId}`}>{t('sync.conflicts.dossierLink', { number: conflict.dossierNumber })}</Link>
        ) : (
          t('sync.conflicts.noDossier')
        )}
      </h3>
      <p className="fr-hint-text">{t('sync.conflicts.change', { change: mutationLabel(i18n, conflict.name) })}</p>
      <div className="relais-sync-conflict__sides">
        <section className="relais-sync-conflict__side" aria-labelledby={`${headingId}-mine`}>
          <h4 id={`${headingId}-mine`} className="fr-text--md fr-text--bold fr-mb-1v">
            {t('sync.conflicts.mine')}
          </h4>
          <p className="fr-hint-text fr-mb-1w">{t('sync.conflicts.mineWhen', { date: formatDateTime(conflict.mine.at ?? conflict.createdAt, language) })}</p>
          <div className="relais-sync-conflict__value">
            <ConflictValue value={conflict.mine.value} entity={conflict.entity} field={conflict.field} />
          </div>
          <Button priority="primary" size="small" disabled={busy} onClick={() => onSettle('mine')} aria-describedby={`${headingId}-mine-hint`}>
            {t('sync.conflicts.keepMine')}
          </Button>
          <p id={`${headingId}-mine-hint`} className="fr-hint-text fr-mt-1w fr-mb-0">
            {t('sync.conflicts.keepMineHint')}
          </p>
        </section>
        <section className="relais-sync-conflict__side" aria-labelledby={`${headingId}-theirs`}>
          <h4 id={`${headingId}-theirs`} className="fr-text--md fr-text--bold fr-mb-1v">
            {t('sync.conflicts.theirs')}
          </h4>
          <p className="fr-hint-text fr-mb-1w">
            {theirs.at
              ? t('sync.conflicts.theirsWhen', { by: theirs.by ?? '—', date: formatDateTime(theirs.at, language) })
              : theirs.by && t('sync.conflicts.theirsBy', { by: theirs.by })}
          </p>
          <div className="relais-sync-conflict__value">
            <ConflictValue value={theirs.value} entity={conflict.entity} field={conflict.field} />
          </div>
          <Button priority="secondary" size="small" disabled={busy} onClick={() => onSettle('theirs')}>
            {t('sync.conflicts.takeTheirs')}
          </Button>
        </section>
      </div>
    </article>
  );
}
