import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useTranslation } from 'react-i18next';
import type { DecisionContentOf } from '../../../shared/domain/decision';
import { formatEuros } from '../../../shared/domain/money';
import { currentLanguage } from '../i18n';
import type { FieldsProps } from './contentErrors';
import { LineField, TextField } from './Fields';
import { TextValueInput } from './TextValueInput';
import {
  basisPointsToPercentText,
  centsToEuroText,
  computedAmountCents,
  formatLines,
  parseEurosToCents,
  parseLines,
  parsePercentToBasisPoints,
} from './values';

type Attribution = DecisionContentOf<'attribution'>;

/** An arrêté attributif (décret 2018-514 art. 8): the amount and how it is computed, the timetable, payment and repayment. */
export function AttributionFields({ content, change, errorOf }: FieldsProps<Attribution>) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const euros = (cents: number) => centsToEuroText(cents, language);
  const computed = computedAmountCents(content.eligibleExpenditureCents, content.rateBasisPoints);
  const pay = (patch: Partial<Attribution['payment']>) => change({ payment: { ...content.payment, ...patch } });

  return (
    <>
      <fieldset className="fr-fieldset relais-decision-fieldset" aria-describedby="decision-computation">
        <legend className="fr-fieldset__legend fr-h6">{t('decisions.ui.attribution.amountLegend')}</legend>
        <div className="relais-decision-grid relais-decision-grid--three">
          <TextValueInput
            label={t('decisions.ui.attribution.eligible')}
            inputMode="decimal"
            value={content.eligibleExpenditureCents}
            format={euros}
            parse={parseEurosToCents}
            onChange={(eligibleExpenditureCents) => change({ eligibleExpenditureCents })}
            error={errorOf('eligibleExpenditureCents')}
          />
          <TextValueInput
            label={t('decisions.ui.attribution.rate')}
            inputMode="decimal"
            value={content.rateBasisPoints}
            format={(basisPoints) => basisPointsToPercentText(basisPoints, language)}
            parse={parsePercentToBasisPoints}
            onChange={(rateBasisPoints) => change({ rateBasisPoints })}
            error={errorOf('rateBasisPoints')}
          />
          <TextValueInput
            label={t('decisions.ui.attribution.amount')}
            inputMode="decimal"
            value={content.amountCents}
            format={euros}
            parse={parseEurosToCents}
            onChange={(amountCents) => change({ amountCents })}
            error={errorOf('amountCents')}
          />
        </div>
        <div id="decision-computation" className="relais-decision-computation fr-mb-2w">
          <p className="fr-mb-1v">
            {t('decisions.ui.attribution.computation', {
              eligible: formatEuros(content.eligibleExpenditureCents, language),
              rate: basisPointsToPercentText(content.rateBasisPoints, language),
              computed: formatEuros(computed, language),
            })}{' '}
            {t('decisions.ui.attribution.amountHint')}
          </p>
          {computed !== content.amountCents && (
            <p className="fr-mb-0">
              <span className="fr-mr-1w">{t('decisions.ui.attribution.differs', { amount: formatEuros(content.amountCents, language) })}</span>
              <Button size="small" priority="secondary" onClick={() => change({ amountCents: computed })}>
                {t('decisions.ui.attribution.applyComputed', { amount: formatEuros(computed, language) })}
              </Button>
            </p>
          )}
        </div>
        <LineField
          label={t('decisions.ui.attribution.stateAidBasis')}
          value={content.stateAidBasis}
          error={errorOf('stateAidBasis')}
          onChange={(stateAidBasis) => change({ stateAidBasis })}
        />
        <TextValueInput
          label={t('decisions.ui.attribution.extraVisas')}
          hint={t('decisions.ui.fields.linesHint')}
          textArea
          value={content.extraVisas}
          format={formatLines}
          parse={parseLines}
          onChange={(extraVisas) => change({ extraVisas })}
          error={errorOf('extraVisas')}
        />
      </fieldset>

      <fieldset className="fr-fieldset relais-decision-fieldset">
        <legend className="fr-fieldset__legend fr-h6">{t('decisions.ui.attribution.timetable')}</legend>
        <div className="relais-decision-grid">
          <LineField
            label={t('decisions.ui.attribution.worksStartOn')}
            type="date"
            value={content.worksStartOn}
            error={errorOf('worksStartOn')}
            onChange={(worksStartOn) => change({ worksStartOn })}
          />
          <LineField
            label={t('decisions.ui.attribution.completionOn')}
            type="date"
            value={content.completionOn}
            error={errorOf('completionOn')}
            onChange={(completionOn) => change({ completionOn })}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset relais-decision-fieldset">
        <legend className="fr-fieldset__legend fr-h6">{t('decisions.ui.attribution.payment')}</legend>
        <TextValueInput
          label={t('decisions.ui.attribution.advance')}
          inputMode="decimal"
          value={content.payment.advanceCents}
          format={euros}
          parse={parseEurosToCents}
          onChange={(advanceCents) => pay({ advanceCents })}
          error={errorOf('payment.advanceCents')}
        />
        <Checkbox
          options={[
            {
              label: t('decisions.ui.attribution.bankGuarantee'),
              nativeInputProps: { checked: content.payment.bankGuarantee, onChange: (event) => pay({ bankGuarantee: event.target.checked }) },
            },
          ]}
        />
        <TextField
          label={t('decisions.ui.attribution.instalments')}
          rows={3}
          value={content.payment.instalments}
          error={errorOf('payment.instalments')}
          onChange={(instalments) => pay({ instalments })}
        />
        <TextField
          label={t('decisions.ui.attribution.balance')}
          rows={3}
          value={content.payment.balance}
          error={errorOf('payment.balance')}
          onChange={(balance) => pay({ balance })}
        />
        <TextField
          label={t('decisions.ui.attribution.repayment')}
          rows={3}
          value={content.repayment}
          error={errorOf('repayment')}
          onChange={(repayment) => change({ repayment })}
        />
      </fieldset>
    </>
  );
}
