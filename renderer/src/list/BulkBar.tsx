import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BULK_ACTION_KINDS, type BulkAction, type BulkActionKind, type BulkResult } from '../../../shared/channels/bulk';
import type { DossierFilters, SortColumn } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { ListExportButtons } from '../exports/ListExportButtons';
import { formatCount } from '../format';
import { currentLanguage } from '../i18n';
import { selectedCount, targetOf, type Selection } from './selection';

interface Props {
  selection: Selection;
  total: number;
  filters: DossierFilters;
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
  labels: readonly string[];
  onSelectAll: () => void;
  onClear: () => void;
  /** The case file changed: the list and its facets are read again. */
  onChanged: () => void;
}

type Outcome = { kind: 'result'; result: BulkResult } | { kind: 'error'; error: ErrorInfo };

/** The action the form describes, or null while it lacks what the action needs. */
function actionOf(kind: BulkActionKind | '', label: string, instructorEmail: string, instructors: readonly { email: string; name: string }[]): BulkAction | null {
  switch (kind) {
    case '':
      return null;
    case 'addLabel':
    case 'removeLabel':
      return label.trim() ? { kind, label: label.trim() } : null;
    case 'assign': {
      const instructor = instructors.find((candidate) => candidate.email === instructorEmail);
      return instructor ? { kind, instructor } : null;
    }
    default:
      return { kind };
  }
}

/**
 * Bulk actions on the selection: what is selected (with "select all matching"), the action and
 * what it needs, progress while it runs, then what was done, what was skipped and why, and an
 * undo while the changes have not left for the hub. The exports take the selection too.
 */
export function BulkBar({ selection, total, filters, sort, labels, onSelectAll, onClear, onChanged }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const instructors = useCall('bulk.instructors', {});
  const [kind, setKind] = useState<BulkActionKind | ''>('');
  const [label, setLabel] = useState('');
  const [instructorEmail, setInstructorEmail] = useState('');
  const [running, setRunning] = useState<'run' | 'undo' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const count = selectedCount(selection, total);
  const action = actionOf(kind, label, instructorEmail, instructors.data?.instructors ?? []);

  const perform = async (what: 'run' | 'undo', work: () => Promise<BulkResult>) => {
    setRunning(what);
    setOutcome(null);
    try {
      const result = await work();
      setOutcome({ kind: 'result', result });
      onChanged();
    } catch (error) {
      setOutcome({ kind: 'error', error: toErrorInfo(error) });
    } finally {
      setRunning(null);
    }
  };
  const run = () => {
    if (!action || count === 0) return;
    void perform('run', () => client.call('bulk.run', { action, target: targetOf(selection, filters) }));
  };
  const undo = (batchId: string) => void perform('undo', () => client.call('bulk.undo', { batchId }));

  const formatted = formatCount(count, language);
  return (
    <section className="relais-bulk" aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="fr-sr-only">
        {t('bulk.title')}
      </h2>
      <div className="relais-bulk__row">
        <p className="fr-mb-0" id="bulk-selection" role="status">
          {count === 0
            ? t('bulk.none')
            : selection.all
              ? t('bulk.allSelected', { count, formatted })
              : t('bulk.selected', { count, formatted })}
        </p>
        {!selection.all && total > 0 && (
          <Button priority="tertiary" size="small" onClick={onSelectAll}>
            {t('bulk.selectAll', { count: total, formatted: formatCount(total, language) })}
          </Button>
        )}
        {count > 0 && (
          <Button priority="tertiary" size="small" iconId="fr-icon-close-line" onClick={onClear}>
            {t('bulk.clear')}
          </Button>
        )}
        <ListExportButtons filters={filters} sort={sort} {...(!selection.all && selection.ids.size > 0 ? { ids: [...selection.ids] } : {})} />
      </div>
      {count > 0 && (
        <div className="relais-bulk__row fr-mt-1w">
          <Select
            label={t('bulk.action')}
            nativeSelectProps={{ value: kind, onChange: (event) => setKind(event.target.value as BulkActionKind | '') }}
          >
            <option value="">{t('bulk.chooseAction')}</option>
            {BULK_ACTION_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`bulk.actions.${option}`)}
              </option>
            ))}
          </Select>
          {(kind === 'addLabel' || kind === 'removeLabel') && (
            <Input
              label={t('bulk.label')}
              hintText={t('bulk.labelHint')}
              nativeInputProps={{
                value: label,
                maxLength: 60,
                list: 'bulk-labels',
                onChange: (event) => setLabel(event.target.value),
                onKeyDown: (event) => event.key === 'Enter' && run(),
              }}
            />
          )}
          <datalist id="bulk-labels">
            {labels.map((existing) => (
              <option key={existing} value={existing} />
            ))}
          </datalist>
          {kind === 'assign' && (
            <Select
              label={t('bulk.instructor')}
              nativeSelectProps={{ value: instructorEmail, onChange: (event) => setInstructorEmail(event.target.value) }}
            >
              <option value="">{t('bulk.chooseInstructor')}</option>
              {instructors.data?.instructors.map((instructor) => (
                <option key={instructor.email} value={instructor.email}>
                  {instructor.name} ({instructor.email})
                </option>
              ))}
            </Select>
          )}
          <Button iconId="fr-icon-check-line" disabled={!action || running !== null} onClick={run}>
            {t('bulk.apply')}
          </Button>
        </div>
      )}
      <div role="status">
        {running && (
          <p className="fr-mb-0 fr-mt-1w">
            <progress className="relais-bulk__progress fr-mr-1w" aria-label={t(running === 'run' ? 'bulk.running' : 'bulk.undoing', { count, formatted })} />
            {t(running === 'run' ? 'bulk.running' : 'bulk.undoing', { count, formatted })}
          </p>
        )}
      </div>
      {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} className="fr-mt-1w" />}
      {outcome?.kind === 'result' && <BulkSummary result={outcome.result} onUndo={undo} busy={running !== null} />}
    </section>
  );
}

function BulkSummary({ result, onUndo, busy }: { result: BulkResult; onUndo: (batchId: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const title =
    result.action === 'undo'
      ? t('bulk.undone', { count: result.done, formatted: formatCount(result.done, language) })
      : t('bulk.done', { count: result.done, formatted: formatCount(result.done, language), action: t(`bulk.actions.${result.action}`) });
  return (
    <Alert
      className="fr-mt-1w"
      severity={result.done > 0 ? 'success' : 'info'}
      small
      description={
        <span className="relais-block" data-testid="bulk-summary">
          <span className="relais-block">{title}</span>
          {result.skipped.map(({ reason, count, numbers }) => (
            <span key={reason} className="relais-block">
              {t(`bulk.skipped.${reason}`, { count, formatted: formatCount(count, language) })}
              {numbers.length > 0 && ` (${t('bulk.numbers', { numbers: numbers.join(', ') })}${numbers.length < count ? '…' : ''})`}
            </span>
          ))}
          {result.undoable && (
            <span className="relais-block fr-mt-1w">
              {t('bulk.notSynced')}{' '}
              <Button priority="secondary" size="small" iconId="fr-icon-arrow-go-back-line" disabled={busy} onClick={() => onUndo(result.batchId)}>
                {t('bulk.undo')}
              </Button>
            </span>
          )}
        </span>
      }
    />
  );
}
