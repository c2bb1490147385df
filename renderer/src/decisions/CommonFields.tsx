import { useTranslation } from 'react-i18next';
import type { DecisionContent } from '../../../shared/domain/decision';
import type { FieldsProps } from './contentErrors';
import { LineField, TextField } from './Fields';
import { TextValueInput } from './TextValueInput';
import { formatLines, parseLines } from './values';

/** What every act carries: reference, date, issuing authority, signatory (CRPA L212-1), remarks. */
export function CommonFields({ content, change, errorOf }: FieldsProps<DecisionContent>) {
  const { t } = useTranslation();
  const { signatory } = content;
  const sign = (patch: Partial<typeof signatory>) => change({ signatory: { ...signatory, ...patch } });
  return (
    <>
      <fieldset className="fr-fieldset relais-decision-fieldset">
        <legend className="fr-fieldset__legend fr-h6">{t('decisions.ui.fields.act')}</legend>
        <div className="relais-decision-grid">
          <LineField
            label={t('decisions.ui.fields.reference')}
            value={content.reference}
            error={errorOf('reference')}
            onChange={(reference) => change({ reference })}
          />
          <LineField
            label={t('decisions.ui.fields.date')}
            type="date"
            value={content.date}
            error={errorOf('date')}
            onChange={(date) => change({ date })}
          />
        </div>
        <TextValueInput
          label={t('decisions.ui.fields.authority')}
          hint={t('decisions.ui.fields.linesHint')}
          textArea
          value={content.authority}
          format={formatLines}
          parse={parseLines}
          onChange={(authority) => change({ authority })}
          error={errorOf('authority')}
        />
      </fieldset>
      <fieldset className="fr-fieldset relais-decision-fieldset">
        <legend className="fr-fieldset__legend fr-h6">{t('decisions.ui.fields.signatory')}</legend>
        <div className="relais-decision-grid">
          <LineField
            label={t('decisions.ui.fields.firstName')}
            value={signatory.firstName}
            error={errorOf('signatory.firstName')}
            onChange={(firstName) => sign({ firstName })}
          />
          <LineField
            label={t('decisions.ui.fields.lastName')}
            value={signatory.lastName}
            error={errorOf('signatory.lastName')}
            onChange={(lastName) => sign({ lastName })}
          />
        </div>
        <LineField
          label={t('decisions.ui.fields.title')}
          value={signatory.title}
          error={errorOf('signatory.title')}
          onChange={(title) => sign({ title })}
        />
        <LineField
          label={t('decisions.ui.fields.delegation')}
          hint={t('decisions.ui.fields.delegationHint')}
          value={signatory.delegation ?? ''}
          error={errorOf('signatory.delegation')}
          onChange={(delegation) => sign({ delegation: delegation.trim() === '' ? null : delegation })}
        />
      </fieldset>
      <TextField
        label={t('decisions.ui.fields.remarks')}
        hint={t('decisions.ui.fields.remarksHint')}
        rows={3}
        value={content.remarks}
        error={errorOf('remarks')}
        onChange={(remarks) => change({ remarks })}
      />
    </>
  );
}
