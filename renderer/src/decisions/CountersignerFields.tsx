import { Input } from '@codegouvfr/react-dsfr/Input';
import { useTranslation } from 'react-i18next';
import { Signatory } from '../../../shared/domain/decision';

export interface CountersignerDraft {
  firstName: string;
  lastName: string;
  title: string;
  delegation: string;
}

export const EMPTY_COUNTERSIGNER: CountersignerDraft = { firstName: '', lastName: '', title: '', delegation: '' };

/** The countersigner as the act will name them (CRPA L212-1), or undefined while a required line is missing. */
export function countersignerOf(draft: CountersignerDraft): Signatory | undefined {
  const parsed = Signatory.safeParse({ ...draft, delegation: draft.delegation.trim() || null });
  return parsed.success ? parsed.data : undefined;
}

/** Who countersigns: first name, name, title and delegation, written under the act in the visible block. */
export function CountersignerFields({ value, onChange }: { value: CountersignerDraft; onChange(value: CountersignerDraft): void }) {
  const { t } = useTranslation();
  const field = (key: keyof CountersignerDraft, hint?: string) => (
    <Input
      label={t(`decisions.ui.fields.${key}`)}
      hintText={hint}
      nativeInputProps={{
        value: value[key],
        maxLength: 300,
        required: key !== 'delegation',
        autoComplete: key === 'firstName' ? 'given-name' : key === 'lastName' ? 'family-name' : key === 'title' ? 'organization-title' : 'off',
        onChange: (event) => onChange({ ...value, [key]: event.target.value }),
      }}
    />
  );
  return (
    <fieldset className="fr-fieldset">
      <legend className="fr-fieldset__legend">{t('decisions.ui.countersign.legend')}</legend>
      <div className="fr-fieldset__element">{field('firstName')}</div>
      <div className="fr-fieldset__element">{field('lastName')}</div>
      <div className="fr-fieldset__element">{field('title')}</div>
      <div className="fr-fieldset__element">{field('delegation', t('decisions.ui.fields.delegationHint'))}</div>
    </fieldset>
  );
}
