import { useTranslation } from 'react-i18next';
import type { DecisionContent, DecisionContentOf } from '../../../shared/domain/decision';
import { AttributionFields } from './AttributionFields';
import type { FieldsProps } from './contentErrors';
import { LineField, TextField } from './Fields';
import { TextValueInput } from './TextValueInput';
import { formatLines, parseLines, parseMonths } from './values';

/** The fields the law leaves open for the decision's type. */
export function TypeFields({ content, change, errorOf }: FieldsProps<DecisionContent>) {
  switch (content.type) {
    case 'attribution':
      return <AttributionFields content={content} change={change} errorOf={errorOf} />;
    case 'refus':
      return <RefusFields content={content} change={change} errorOf={errorOf} />;
    case 'demande-pieces':
      return <DemandePiecesFields content={content} change={change} errorOf={errorOf} />;
    case 'accuse-reception':
      return <AccuseReceptionFields content={content} change={change} errorOf={errorOf} />;
    case 'sans-suite':
      return <SansSuiteFields content={content} change={change} errorOf={errorOf} />;
  }
}


/** CRPA L211-5: a refusal states the rules it applies and the facts that make them apply. */
function RefusFields({ content, change, errorOf }: FieldsProps<DecisionContentOf<'refus'>>) {
  const { t } = useTranslation();
  return (
    <fieldset className="fr-fieldset relais-decision-fieldset">
      <legend className="fr-fieldset__legend fr-h6">{t('decisions.ui.refus.legend')}</legend>
      <TextField
        label={t('decisions.ui.refus.reasonsOfLaw')}
        hint={t('decisions.ui.refus.reasonsOfLawHint')}
        rows={5}
        value={content.reasonsOfLaw}
        error={errorOf('reasonsOfLaw')}
        onChange={(reasonsOfLaw) => change({ reasonsOfLaw })}
      />
      <TextField
        label={t('decisions.ui.refus.reasonsOfFact')}
        hint={t('decisions.ui.refus.reasonsOfFactHint')}
        rows={5}
        value={content.reasonsOfFact}
        error={errorOf('reasonsOfFact')}
        onChange={(reasonsOfFact) => change({ reasonsOfFact })}
      />
    </fieldset>
  );
}

function DemandePiecesFields({ content, change, errorOf }: FieldsProps<DecisionContentOf<'demande-pieces'>>) {
  const { t } = useTranslation();
  return (
    <fieldset className="fr-fieldset relais-decision-fieldset">
      <legend className="fr-fieldset__legend fr-h6">{t('decisions.ui.demandePieces.legend')}</legend>
      <TextValueInput
        label={t('decisions.ui.demandePieces.missingPieces')}
        hint={t('decisions.ui.fields.linesHint')}
        textArea
        value={content.missingPieces}
        format={formatLines}
        parse={parseLines}
        onChange={(missingPieces) => change({ missingPieces })}
        error={errorOf('missingPieces')}
      />
      <LineField
        label={t('decisions.ui.demandePieces.answerBy')}
        type="date"
        value={content.answerBy}
        error={errorOf('answerBy')}
        onChange={(answerBy) => change({ answerBy })}
      />
    </fieldset>
  );
}

function AccuseReceptionFields({ content, change, errorOf }: FieldsProps<DecisionContentOf<'accuse-reception'>>) {
  const { t } = useTranslation();
  return (
    <fieldset className="fr-fieldset relais-decision-fieldset">
      <legend className="fr-fieldset__legend fr-h6">{t('decisions.ui.accuseReception.legend')}</legend>
      <div className="relais-decision-grid relais-decision-grid--three">
        <LineField
          label={t('decisions.ui.accuseReception.receivedOn')}
          type="date"
          value={content.receivedOn}
          error={errorOf('receivedOn')}
          onChange={(receivedOn) => change({ receivedOn })}
        />
        <LineField
          label={t('decisions.ui.accuseReception.admissibilityDue')}
          type="date"
          value={content.admissibilityDue}
          error={errorOf('admissibilityDue')}
          onChange={(admissibilityDue) => change({ admissibilityDue })}
        />
        <TextValueInput
          label={t('decisions.ui.accuseReception.instructionMonths')}
          inputMode="numeric"
          value={content.instructionMonths}
          format={String}
          parse={parseMonths}
          onChange={(instructionMonths) => change({ instructionMonths })}
          error={errorOf('instructionMonths')}
        />
      </div>
    </fieldset>
  );
}

function SansSuiteFields({ content, change, errorOf }: FieldsProps<DecisionContentOf<'sans-suite'>>) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('decisions.ui.sansSuite.reason')}
      rows={5}
      value={content.reason}
      error={errorOf('reason')}
      onChange={(reason) => change({ reason })}
    />
  );
}
