import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidIsoDate, type IsoDate } from '../../../shared/domain/dates';
import { AID_ZONES, MAX_PRIOR_AIDS, type AidRegime, type AidZone, type PriorAid } from '../../../shared/domain/instruction';
import { priorAidProblems } from '../../../shared/rules/checks/instruction-facts';
import { currentLanguage } from '../i18n';
import { centsToEuroText, parseEurosToCents } from './euros';
import { FactsGroup } from './FactsGroup';

type Kind = 'none' | AidRegime['kind'];
const KINDS: readonly Kind[] = ['none', 'de_minimis', 'regional', 'gber_art17'];

interface AidRow {
  grantor: string;
  amount: string;
  grantedOn: string;
}

interface Form {
  kind: Kind;
  zone: AidZone;
  declared: boolean;
  rows: AidRow[];
}

type RowErrors = Partial<Record<keyof AidRow, string>>;

function formOf(regime: AidRegime | null): Form {
  const language = currentLanguage();
  const priorAids = regime?.kind === 'de_minimis' ? regime.priorAids : null;
  return {
    kind: regime?.kind ?? 'none',
    zone: regime?.kind === 'regional' ? regime.zone : 'c',
    declared: priorAids !== null,
    rows: (priorAids ?? []).map((aid) => ({ grantor: aid.grantor, amount: centsToEuroText(aid.amountCents, language), grantedOn: aid.grantedOn })),
  };
}

const isBlank = (row: AidRow) => !row.grantor.trim() && !row.amount.trim() && !row.grantedOn;

interface Props {
  regime: AidRegime | null;
  today: IsoDate;
  /** A valid regime to save (`now` for a click), or null while the values on screen are not valid. */
  onChange(regime: AidRegime | null | undefined, now: boolean): void;
}

/** The State aid regime, with the de minimis aid declared or the regional aid area. */
export function RegimeFieldset({ regime, today, onChange }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState(() => formOf(regime));

  /** The regime the form says, or the errors that keep it from being saved. Blank rows are left out. */
  const parse = (next: Form): { regime?: AidRegime | null; errors: RowErrors[] } => {
    const errors: RowErrors[] = next.rows.map(() => ({}));
    if (next.kind === 'none') return { regime: null, errors };
    if (next.kind === 'regional') return { regime: { kind: 'regional', zone: next.zone }, errors };
    if (next.kind === 'gber_art17') return { regime: { kind: 'gber_art17' }, errors };
    if (!next.declared) return { regime: { kind: 'de_minimis', priorAids: null }, errors };
    const aids: PriorAid[] = [];
    const indexes: number[] = [];
    next.rows.forEach((row, index) => {
      if (isBlank(row)) return;
      const amountCents = parseEurosToCents(row.amount);
      if (!row.grantor.trim()) errors[index]!.grantor = t('instruction.invalid.required');
      if (amountCents === null) errors[index]!.amount = t('instruction.invalid.amount');
      if (!isValidIsoDate(row.grantedOn)) errors[index]!.grantedOn = t('instruction.invalid.date');
      if (amountCents !== null && row.grantor.trim() && isValidIsoDate(row.grantedOn)) {
        aids.push({ grantor: row.grantor.trim(), amountCents, grantedOn: row.grantedOn });
        indexes.push(index);
      }
    });
    for (const problem of priorAidProblems(aids, today)) {
      const index = indexes[Number(problem.path.split('.')[1])]!;
      errors[index]!.grantedOn = t(`instruction.problems.${problem.code}`);
    }
    const valid = errors.every((rowErrors) => Object.keys(rowErrors).length === 0);
    return { regime: valid ? { kind: 'de_minimis', priorAids: aids } : undefined, errors };
  };

  const { errors } = parse(form);
  const update = (next: Form, now: boolean) => {
    setForm(next);
    onChange(parse(next).regime, now);
  };
  const updateRow = (index: number, patch: Partial<AidRow>) =>
    update({ ...form, rows: form.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) }, false);

  return (
    <FactsGroup group="regime">
      <RadioButtons
        name="facts-regime"
        options={KINDS.map((kind) => ({
          label: t(`instruction.regime.${kind}`),
          nativeInputProps: { value: kind, checked: form.kind === kind, onChange: () => update({ ...form, kind }, true) },
        }))}
      />
      {form.kind === 'regional' && (
        <Select
          label={t('instruction.zone.label')}
          nativeSelectProps={{ value: form.zone, onChange: (event) => update({ ...form, zone: event.target.value as AidZone }, true) }}
        >
          {AID_ZONES.map((zone) => (
            <option key={zone} value={zone}>
              {t(`instruction.zone.${zone}`)}
            </option>
          ))}
        </Select>
      )}
      {form.kind === 'de_minimis' && (
        <>
          <Checkbox
            options={[
              {
                label: t('instruction.priorAids.declared'),
                hintText: t('instruction.priorAids.declaredHint'),
                nativeInputProps: { checked: form.declared, onChange: (event) => update({ ...form, declared: event.target.checked }, true) },
              },
            ]}
          />
          {form.declared && (
            <div className="relais-prior-aids">
              <p className="fr-text--bold fr-mb-1w">{t('instruction.priorAids.caption')}</p>
              {form.rows.length === 0 && <p className="fr-text--sm">{t('instruction.priorAids.none')}</p>}
              <ol className="relais-plain-list">
                {form.rows.map((row, index) => (
                  <li key={index} className="relais-prior-aid" aria-label={`${t('instruction.priorAids.caption')} ${index + 1}`}>
                    <Input
                      label={t('instruction.priorAids.grantor')}
                      state={errors[index]?.grantor ? 'error' : 'default'}
                      stateRelatedMessage={errors[index]?.grantor}
                      nativeInputProps={{ value: row.grantor, maxLength: 200, onChange: (event) => updateRow(index, { grantor: event.target.value }) }}
                    />
                    <Input
                      label={t('instruction.priorAids.amount')}
                      state={errors[index]?.amount ? 'error' : 'default'}
                      stateRelatedMessage={errors[index]?.amount}
                      nativeInputProps={{ value: row.amount, inputMode: 'decimal', onChange: (event) => updateRow(index, { amount: event.target.value }) }}
                    />
                    <Input
                      label={t('instruction.priorAids.grantedOn')}
                      state={errors[index]?.grantedOn ? 'error' : 'default'}
                      stateRelatedMessage={errors[index]?.grantedOn}
                      nativeInputProps={{ type: 'date', max: today, value: row.grantedOn, onChange: (event) => updateRow(index, { grantedOn: event.target.value }) }}
                    />
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-delete-line"
                      onClick={() => update({ ...form, rows: form.rows.filter((_, i) => i !== index) }, true)}
                    >
                      {t('instruction.priorAids.remove', { n: index + 1 })}
                    </Button>
                  </li>
                ))}
              </ol>
              <Button
                size="small"
                priority="secondary"
                iconId="fr-icon-add-line"
                disabled={form.rows.length >= MAX_PRIOR_AIDS}
                onClick={() => setForm({ ...form, rows: [...form.rows, { grantor: '', amount: '', grantedOn: '' }] })}
              >
                {t('instruction.priorAids.add')}
              </Button>
            </div>
          )}
        </>
      )}
    </FactsGroup>
  );
}
