/**
 * What a record saved as the user types (a message draft, a visit report) tells about its saving:
 * the status line, and, when a save is refused, why: another window saved first (keep mine or
 * show theirs) or any other error (retry).
 */
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../shared/errors';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import type { RecordAutosave } from './useRecordAutosave';

/** The catalogue section holding the record's `save.*` and `conflict.*` sentences. */
type Section = 'messages' | 'visits' | 'decisions.ui';

type Saving = Pick<RecordAutosave<unknown>, 'status' | 'savedAt' | 'error' | 'saveNow' | 'keepMine' | 'takeTheirs'>;

export function RecordSaveState({ saving, section }: { saving: Saving; section: Section }) {
  const { t } = useTranslation();
  const text = {
    saved: t(`${section}.save.saved`, { time: formatDateTime(saving.savedAt, currentLanguage()) }),
    pending: t(`${section}.save.pending`),
    saving: t(`${section}.save.saving`),
    failed: t(`${section}.save.failed`),
  }[saving.status];
  return (
    <p role="status" className={`fr-text--sm fr-mb-0 relais-secondary relais-save-state--${saving.status}`}>
      <span className={saving.status === 'saved' ? 'fr-icon-check-line fr-icon--sm' : 'fr-icon-time-line fr-icon--sm'} aria-hidden="true" /> {text}
    </p>
  );
}

export function RecordSaveProblem({ saving, section, staleCode }: { saving: Saving; section: Section; staleCode: ErrorCode }) {
  const { t } = useTranslation();
  const { error } = saving;
  if (!error) return null;
  if (error.code !== staleCode) return <ErrorAlert error={error} onRetry={() => void saving.saveNow()} className="fr-mt-2w" />;
  return (
    <Alert
      className="fr-mt-2w"
      severity="warning"
      title={t(`${section}.conflict.title`)}
      description={
        <>
          <span>{t(`errors.${staleCode}`, error.params)}</span>
          <span className="relais-block fr-mt-2w">
            <Button size="small" onClick={saving.keepMine} className="fr-mr-1w">
              {t(`${section}.conflict.keepMine`)}
            </Button>
            <Button size="small" priority="secondary" onClick={saving.takeTheirs}>
              {t(`${section}.conflict.showOther`)}
            </Button>
          </span>
        </>
      }
    />
  );
}
