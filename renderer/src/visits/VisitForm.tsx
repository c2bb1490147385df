import { Input } from '@codegouvfr/react-dsfr/Input';
import { useTranslation } from 'react-i18next';
import { MAX_VISIT_TEXT, type Visit } from '../../../shared/channels/visits';
import type { VisitChecklistItem } from '../../../shared/domain/programme';
import { RecordSaveProblem, RecordSaveState } from '../components/RecordSaveStatus';
import { ChecklistField } from './ChecklistField';
import { ParticipantsField } from './ParticipantsField';
import { PhotosSection } from './PhotosSection';
import { ReportButton } from './ReportButton';
import { useVisitAutosave } from './useVisitAutosave';

interface Props {
  visit: Visit;
  checklist: readonly VisitChecklistItem[];
  onSaved: (visit: Visit) => void;
  onPhotosChanged: () => void;
}

/** One visit report, saved as the instructor types. */
export function VisitForm({ visit, checklist, onSaved, onPhotosChanged }: Props) {
  const { t } = useTranslation();
  const form = useVisitAutosave(visit, onSaved);
  const { fields, change } = form;

  return (
    <section className="relais-visit-form" aria-labelledby={`visit-form-${visit.id}`}>
      <div className="relais-visit-form__head">
        <h2 id={`visit-form-${visit.id}`} className="fr-h4 fr-mb-0">
          {t('visits.formTitle')}
        </h2>
        <RecordSaveState saving={form} section="visits" />
      </div>
      <RecordSaveProblem saving={form} section="visits" staleCode="visit_conflict" />

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
