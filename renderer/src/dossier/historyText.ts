/** The history's sentences: what a journal entry did, and the values before and after it. */
import type { TFunction } from 'i18next';
import { annotationActionSentence, describeAnnotation } from '../annotations/historySentence';
import type { HistoryEntry, Language } from '../../../shared/contract';
import { DossierState } from '../../../shared/domain/dossier';
import { describeEvaluationField } from '../evaluation/historyValues';
import { describeInstructionField, instructionActionSentence } from '../instruction/historyValues';
import { formatDateTime } from '../format';
import { describeListField, listActionSentence } from '../list/historyValues';
import { describeMessageField, messageActionSentence } from '../messages/historyValues';
import { describeVisitField } from '../visits/historyValues';
import { decisionActionSentence, describeDecisionField } from './decisionHistory';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function actionSentence(t: TFunction, entry: HistoryEntry): string {
  switch (entry.what) {
    case 'annotation.add':
    case 'annotation.edit':
    case 'annotation.remove':
      return annotationActionSentence(t, entry);
    case 'dossier.import':
      return entry.before === null ? t('history.actions.imported') : t('history.actions.reimported');
    case 'dossier.setFollowed':
      return isRecord(entry.after) && entry.after.followed === true ? t('history.actions.followed') : t('history.actions.unfollowed');
    case 'evaluation.setCriterion':
      return t('evaluation.history.changed');
    case 'visit.create':
      return t('visits.history.created');
    case 'visit.update':
      return t('visits.history.updated');
    case 'visit.addPhoto':
      return t('visits.history.photoAdded');
    case 'visit.removePhoto':
      return t('visits.history.photoRemoved');
    case 'piece.attach':
      return t('attach.history');
    default:
      return (
        decisionActionSentence(t, entry) ??
        messageActionSentence(t, entry.what) ??
        instructionActionSentence(t, entry.what) ??
        listActionSentence(t, entry) ??
        t('history.actions.other', { name: entry.what })
      );
  }
}

/** The time of an entry in Paris; a recorded time that is not one (an altered entry) is shown as it is. */
export function entryTime(when: string, language: Language): string {
  return Number.isNaN(Date.parse(when)) ? when : formatDateTime(when, language);
}

function describeField(t: TFunction, key: string, value: unknown, language: Language): string {
  if (key === 'annotation') return describeAnnotation(t, value);
  const listValue = describeListField(t, key, value);
  if (listValue !== null) return listValue;
  const visit = describeVisitField(t, key, value, language);
  if (visit !== null) return visit;
  const evaluation = describeEvaluationField(t, key, value, language);
  if (evaluation !== null) return evaluation;
  const instruction = describeInstructionField(t, key, value, language);
  if (instruction !== null) return instruction;
  const decision = describeDecisionField(t, key, value, language);
  if (decision !== null) return decision;
  const message = describeMessageField(t, key, value, language);
  if (message !== null) return message;
  if (key === 'followed' && typeof value === 'boolean') return value ? t('history.values.followed') : t('history.values.notFollowed');
  if (key === 'state') {
    const state = DossierState.safeParse(value);
    if (state.success) return t(`states.${state.data}`);
  }
  if (key === 'updatedAt' && typeof value === 'string') return t('history.values.updatedAt', { date: entryTime(value, language) });
  // A field this screen does not know yet (a newer mutation) stays readable as data.
  return `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
}

/** A recorded state (before or after) as a short phrase. */
export function describeValue(t: TFunction, value: unknown, language: Language): string {
  if (value === null || value === undefined) return t('history.values.none');
  if (!isRecord(value)) return typeof value === 'string' ? value : JSON.stringify(value);
  return Object.entries(value)
    .map(([key, field]) => describeField(t, key, field, language))
    .join(', ');
}
