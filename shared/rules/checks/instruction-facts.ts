/**
 * What makes a recorded instruction fact impossible, checked the same way by the form (to say it
 * beside the field) and by core (to refuse it): the catalogue sentence is `errors.<code>`.
 */
import { INSTRUCTION_DELAY_MONTHS, instructionDeadline, type ExtendedDue } from '../../domain/deadlines';
import type { IsoDate } from '../../domain/dates';
import { DECIDED_STATES, type DossierState } from '../../domain/dossier';
import type { InstructionExtension, PriorAid } from '../../domain/instruction';

export type FactProblemCode =
  | 'extension_without_ar'
  | 'extension_decided'
  | 'extension_before_ar'
  | 'extension_after_due'
  | 'extension_not_later'
  | 'date_in_future';

export interface FactProblem {
  /** The field at fault, as the form names it (e.g. `newDue`, `priorAids.2.grantedOn`). */
  path: string;
  code: FactProblemCode;
  params: Record<string, string | number>;
}

/**
 * An extension is decided while the delay runs: after the AR, before the dossier is decided and
 * before the delay runs out (after that, silence has already become a rejection), on a past or
 * present day; and it sets a later due date.
 */
export function extensionProblems(
  extension: Pick<InstructionExtension, 'decidedOn' | 'newDue'>,
  dossier: { state: DossierState; arDate: IsoDate | null },
  earlier: readonly ExtendedDue[],
  today: IsoDate,
): FactProblem[] {
  const { arDate } = dossier;
  if (DECIDED_STATES.includes(dossier.state)) return [{ path: 'decidedOn', code: 'extension_decided', params: { state: dossier.state } }];
  if (!arDate) return [{ path: 'decidedOn', code: 'extension_without_ar', params: { months: INSTRUCTION_DELAY_MONTHS } }];
  const due = instructionDeadline(arDate, earlier).due;
  const problems: FactProblem[] = [];
  if (extension.decidedOn > today) problems.push({ path: 'decidedOn', code: 'date_in_future', params: { today } });
  else if (extension.decidedOn < arDate) problems.push({ path: 'decidedOn', code: 'extension_before_ar', params: { arDate } });
  else if (extension.decidedOn > due) problems.push({ path: 'decidedOn', code: 'extension_after_due', params: { due } });
  if (extension.newDue <= due) problems.push({ path: 'newDue', code: 'extension_not_later', params: { due } });
  return problems;
}

/** A declared aid was granted on a past or present day. */
export function priorAidProblems(priorAids: readonly PriorAid[], today: IsoDate): FactProblem[] {
  return priorAids.flatMap((aid, index) =>
    aid.grantedOn > today ? [{ path: `priorAids.${index}.grantedOn`, code: 'date_in_future' as const, params: { today } }] : [],
  );
}
