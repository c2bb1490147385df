import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useTranslation } from 'react-i18next';
import { MAX_PARTICIPANTS, type VisitParticipant } from '../../../shared/channels/visits';

interface Props {
  participants: readonly VisitParticipant[];
  onChange: (participants: VisitParticipant[]) => void;
}

/** Who took part in the visit: a name and a role or organisation per line. */
export function ParticipantsField({ participants, onChange }: Props) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<VisitParticipant>) =>
    onChange(participants.map((participant, i) => (i === index ? { ...participant, ...patch } : participant)));
  return (
    <fieldset className="fr-fieldset relais-visit-participants">
      <legend className="fr-fieldset__legend fr-h5">{t('visits.participants.title')}</legend>
      {participants.length === 0 && <p className="fr-fieldset__element relais-secondary">{t('visits.participants.none')}</p>}
      {participants.map((participant, index) => (
        <div key={index} className="fr-fieldset__element relais-visit-participant">
          <Input
            label={t('visits.participants.nameOf', { index: index + 1 })}
            nativeInputProps={{ value: participant.name, maxLength: 200, onChange: (event) => set(index, { name: event.target.value }) }}
          />
          <Input
            label={t('visits.participants.roleOf', { index: index + 1 })}
            nativeInputProps={{ value: participant.role, maxLength: 200, onChange: (event) => set(index, { role: event.target.value }) }}
          />
          <Button
            priority="tertiary"
            size="small"
            iconId="fr-icon-delete-line"
            title={t('visits.participants.remove', { index: index + 1 })}
            onClick={() => onChange(participants.filter((_, i) => i !== index))}
          />
        </div>
      ))}
      <div className="fr-fieldset__element">
        <Button
          priority="secondary"
          size="small"
          iconId="fr-icon-add-line"
          disabled={participants.length >= MAX_PARTICIPANTS}
          onClick={() => onChange([...participants, { name: '', role: '' }])}
        >
          {t('visits.participants.add')}
        </Button>
      </div>
    </fieldset>
  );
}
