/** What an evaluation change recorded in the journal reads like in the dossier's history. */
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract';
import { CriterionStatus } from '../../../shared/domain/evaluation';
import { Localized } from '../../../shared/domain/programme';

/** The phrase for one field of 'evaluation.setCriterion', or null when the field is not one of its own. */
export function describeEvaluationField(t: TFunction, key: string, value: unknown, language: Language): string | null {
  if (key === 'criterion') {
    const label = Localized.safeParse(value);
    return label.success ? t('evaluation.quoted', { label: label.data[language] }) : null;
  }
  if (key === 'status') {
    const status = CriterionStatus.safeParse(value);
    return status.success ? t('evaluation.history.status', { status: t(`evaluation.status.${status.data}`) }) : null;
  }
  if (key === 'comment' && typeof value === 'string') {
    return value === '' ? t('evaluation.history.noComment') : t('evaluation.history.comment', { text: value });
  }
  if (key === 'evidence' && Array.isArray(value)) {
    return value.length === 0 ? t('evaluation.history.noEvidence') : t('evaluation.history.evidence', { count: value.length });
  }
  return null;
}
