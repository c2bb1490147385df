import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_STATUSES, type ChecklistAnswer, type VisitFields } from '../../../shared/channels/visits';
import type { VisitChecklistItem } from '../../../shared/domain/programme';
import { currentLanguage } from '../i18n';

interface Props {
  visitId: string;
  items: readonly VisitChecklistItem[];
  answers: VisitFields['checklist'];
  onChange: (answers: VisitFields['checklist']) => void;
}

const NO_ANSWER: ChecklistAnswer = { status: null, remark: '' };

/** The programme's checklist: per item, what was found on site and a remark. */
export function ChecklistField({ visitId, items, answers, onChange }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const set = (itemId: string, patch: Partial<ChecklistAnswer>) =>
    onChange({ ...answers, [itemId]: { ...(answers[itemId] ?? NO_ANSWER), ...patch } });
  return (
    <section className="relais-visit-checklist" aria-labelledby={`checklist-${visitId}`}>
      <h3 id={`checklist-${visitId}`} className="fr-h5">
        {t('visits.checklist.title')}
      </h3>
      <ul className="relais-plain-list">
        {items.map((item) => {
          const answer = answers[item.id] ?? NO_ANSWER;
          return (
            <li key={item.id} className="relais-visit-checklist__item">
              <RadioButtons
                legend={item.label[language]}
                name={`checklist-${visitId}-${item.id}`}
                orientation="horizontal"
                small
                options={CHECKLIST_STATUSES.map((status) => ({
                  label: t(`visits.checklist.statuses.${status}`),
                  nativeInputProps: { value: status, checked: answer.status === status, onChange: () => set(item.id, { status }) },
                }))}
              />
              <Input
                className="relais-visit-checklist__remark"
                label={<span className="fr-sr-only">{t('visits.checklist.remarkFor', { item: item.label[language] })}</span>}
                nativeInputProps={{
                  value: answer.remark,
                  maxLength: 2000,
                  placeholder: t('visits.checklist.remark'),
                  onChange: (event) => set(item.id, { remark: event.target.value }),
                }}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
