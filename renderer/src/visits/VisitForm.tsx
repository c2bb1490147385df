import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useTranslation } from 'react-i18next';
import { MAX_VISIT_TEXT, type Visit } from '../../../shared/channels/visits';
import type { VisitChecklistItem } from '../../../shared/domain/programme';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ChecklistField } from './ChecklistField';
import { ParticipantsField } from './ParticipantsField';
import { PhotosSection } from './PhotosSection';
import { ReportButton } from './ReportButton';
import { useVisitAutosave, type VisitAutosave } from './useVisitAutosave';

interface Props {
  visit: Visit;
  checklist: readonly VisitChecklistItem[];
  onSaved: (visit: Visit) => void;
  onPhotosChanged: () => void;
}

function SaveState({ form }: { form: VisitAutosave }) {
  const { t } = useTranslation();
  const text = {
    saved: t('visits.save.saved', { time: formatDateTime(form.savedAt, currentLanguage()) }),
    pending: t('visits.save.pending'),
    saving: t('visits.save.saving'),
    failed: t('visits.save.failed'),
  }[form.status];
  return (
    <p role="status" className={`fr-text--sm fr-mb-0 relais-visit-save relais-visit-save--${form.status}`}>
      <span className={form.status === 'saved' ? 'fr-icon-check-line fr-icon--sm' : 'fr-icon-time-line fr-icon--sm'} aria-hidden="true" /> {text}
    </p>
  );
}

/** One visit report, saved as the instructor types. */
export function VisitForm({ visit, checklist, onSaved, onPhotosChanged }: Props) {
  const { t } = useTranslation();
  const form = useVisitAutosave(visit, onSaved);
  const { fields, change } = form;
  const conflict = form.error?.code === 'visit_conflict';

  return (
    <section className="relais-visit-form" aria-labelledby={`visit-form-${visit.id}`}>
      <div className="relais-visit-form__head">
        <h2 id={`visit-form-${visit.id}`} className="fr-h4 fr-mb-0">
          {t('visits.formTitle')}
        </h2>
        <SaveState form={form} />
      </div>
      {form.error && conflict && (
        <Alert
          className="fr-mt-2w"
          severity="warning"
          title={t('visits.conflict.title')}
          description={
            <>
              <span>{t('errors.visit_conflict', form.error.params as { version: number; expected: number })}</span>
              <span className="relais-block fr-mt-2w">
                <Button size="small" onClick={form.keepMine} className="fr-mr-1w">
                  {t('visits.conflict.keepMine')}
                </Button>
                <Button size="small" priority="secondary" onClick={form.takeTheirs}>
                  {t('visits.conflict.showOther')}
                </Button>
              </span>
            </>
          }
        />
      )}
      {form.error && !conflict && <ErrorAlert error={form.error} onRetry={() => void form.saveNow()} className="fr-mt-2w" />}

      <div className="relais-visit-facts fr-mt-3w">
        <Input
          label={t('visits.fields.date')}
          nativeInputProps={{ type: 'date', value: fields.date ?? '', onChange: (event) => change({ date: event.target.value || null }) }}
        />
        <Input
          label={t('visits.fields.place')}
          hintText={t('visits.fields.placeHint')}
          nativeInputProps={{ value: fields.place, maxLength: 500, onChange: (event) => change({ place: event.target.value }) }}
        />
      </div>
      <ParticipantsField participants={fields.participants} onChange={(participants) => change({ participants })} />
      <ChecklistField visitId={visit.id} items={checklist} answers={fields.checklist} onChange={(answers) => change({ checklist: answers })} />
      <Input
        className="fr-mt-3w"
        label={t('visits.fields.observations')}
        hintText={t('visits.fields.observationsHint')}
        textArea
        nativeTextAreaProps={{ value: fields.observations, rows: 6, maxLength: MAX_VISIT_TEXT, onChange: (event) => change({ observations: event.target.value }) }}
      />
      <Input
        label={t('visits.fields.conclusion')}
        hintText={t('visits.fields.conclusionHint')}
        textArea
        nativeTextAreaProps={{ value: fields.conclusion, rows: 4, maxLength: MAX_VISIT_TEXT, onChange: (event) => change({ conclusion: event.target.value }) }}
      />
      <PhotosSection visitId={visit.id} photos={visit.photos} onChanged={onPhotosChanged} />
      <div className="fr-mt-4w">
        <ReportButton visitId={visit.id} beforeDownload={form.saveNow} />
      </div>
    </section>
  );
}
