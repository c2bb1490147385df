/** Procedure deadlines of décret n° 2018-514 (subventions de l'État pour projets d'investissement). */
import { addMonths, daysBetween, parisDate, type IsoDate } from './dates';
import type { DossierState } from './dossier';

export const ADMISSIBILITY_DELAY_MONTHS = 2; // art. 4: silence means the request is deemed admissible
export const INSTRUCTION_DELAY_MONTHS = 8; // art. 7: silence means implicit rejection

export const ADMISSIBILITY_BASIS = 'décret n° 2018-514, art. 4';
export const INSTRUCTION_BASIS = 'décret n° 2018-514, art. 7';

export type DeadlineKind = 'admissibility' | 'instruction';

export interface Deadline {
  kind: DeadlineKind;
  due: IsoDate;
  basis: string;
}

/** What the deadline needs of an extension (shared/domain/instruction.ts): the date it moved the decision to. */
export interface ExtendedDue {
  newDue: IsoDate;
}

/** Admissibility must be notified within two months of receipt (art. 4). */
export function admissibilityDeadline(receivedAt: string): Deadline {
  return {
    kind: 'admissibility',
    due: addMonths(parisDate(receivedAt), ADMISSIBILITY_DELAY_MONTHS),
    basis: ADMISSIBILITY_BASIS,
  };
}

/**
 * The decision is due eight months after the acknowledgement; each reasoned extension sets a later
 * date, so the last one recorded holds (art. 7).
 */
export function instructionDeadline(arDate: IsoDate, extensions: readonly ExtendedDue[] = []): Deadline {
  const extended = extensions[extensions.length - 1];
  return { kind: 'instruction', due: extended?.newDue ?? addMonths(arDate, INSTRUCTION_DELAY_MONTHS), basis: INSTRUCTION_BASIS };
}

/** The deadline that matters now for a dossier in this state, or null once it is decided. */
export function currentDeadline(
  state: DossierState,
  receivedAt: string,
  arDate: IsoDate | null,
  extensions: readonly ExtendedDue[] = [],
): Deadline | null {
  if (state === 'en_construction') return admissibilityDeadline(receivedAt);
  if (state === 'en_instruction') return arDate ? instructionDeadline(arDate, extensions) : admissibilityDeadline(receivedAt);
  return null;
}

export function daysLeft(due: IsoDate, today: IsoDate): number {
  return daysBetween(today, due);
}
