import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Advance } from '../../../shared/domain/instruction';
import { currentLanguage } from '../i18n';
import { centsToEuroText, parseEurosToCents } from './euros';
import { FactsGroup } from './FactsGroup';

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
    <FactsGroup group="advance">
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
    </FactsGroup>
  );
}
