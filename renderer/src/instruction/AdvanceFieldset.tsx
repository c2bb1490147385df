import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Advance } from '../../../shared/domain/instruction';
import { currentLanguage } from '../i18n';
import { centsToEuroText, parseEurosToCents } from './euros';

interface Props {
  advance: Advance | null;
  /** A valid advance to save (null: none), or undefined while the amount on screen is not one. */
  onChange(advance: Advance | null | undefined, now: boolean): void;
}

/** The advance asked for, and whether a first-demand bank guarantee covers it. */
export function AdvanceFieldset({ advance, onChange }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState(() => ({
    requested: advance !== null,
    amount: advance ? centsToEuroText(advance.amountCents, currentLanguage()) : '',
    bankGuarantee: advance?.bankGuarantee ?? false,
  }));
  const amountCents = parseEurosToCents(form.amount);
  const amountError = form.requested && form.amount.trim() !== '' && amountCents === null;

  const update = (patch: Partial<typeof form>, now: boolean) => {
    const next = { ...form, ...patch };
    setForm(next);
    const cents = parseEurosToCents(next.amount);
    if (!next.requested) onChange(null, now);
    // An advance without its amount yet waits: nothing to check, nothing lost on screen.
    else onChange(cents === null ? undefined : { amountCents: cents, bankGuarantee: next.bankGuarantee }, now);
  };

  return (
    <fieldset className="fr-fieldset relais-facts-group" aria-labelledby="facts-advance-legend">
      <legend id="facts-advance-legend" className="fr-fieldset__legend fr-h6">
        {t('instruction.advance.legend')}
      </legend>
      <div className="fr-fieldset__content relais-facts-group__body">
        <Checkbox
          options={[
            {
              label: t('instruction.advance.requested'),
              nativeInputProps: { checked: form.requested, onChange: (event) => update({ requested: event.target.checked }, true) },
            },
          ]}
        />
        {form.requested && (
          <>
            <Input
              label={t('instruction.advance.amount')}
              state={amountError ? 'error' : 'default'}
              stateRelatedMessage={amountError ? t('instruction.invalid.amount') : undefined}
              nativeInputProps={{ value: form.amount, inputMode: 'decimal', onChange: (event) => update({ amount: event.target.value }, false) }}
            />
            <Checkbox
              options={[
                {
                  label: t('instruction.advance.guarantee'),
                  hintText: t('instruction.advance.guaranteeHint'),
                  nativeInputProps: { checked: form.bankGuarantee, onChange: (event) => update({ bankGuarantee: event.target.checked }, true) },
                },
              ]}
            />
          </>
        )}
      </div>
    </fieldset>
  );
}
