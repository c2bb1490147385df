/** A proposal problem as a sentence in the reader's language (catalogue `decisions.problems.<code>[.<reason>]`). */
import type { TFunction } from 'i18next';
import type { Language } from '../../contract';
import { shownParams } from '../checks/sentence';
import type { DecisionProblem } from './problem';

export function problemSentence(t: TFunction, problem: DecisionProblem, language: Language): string {
  // A problem found by a legal check keeps that check's reason: one sentence per reason.
  const { reason } = problem.params;
  const key = typeof reason === 'string' ? `decisions.problems.${problem.code}.${reason}` : `decisions.problems.${problem.code}`;
  return (t as unknown as (key: string, params: Record<string, unknown>) => string)(key, shownParams(t, problem.params, language));
}
