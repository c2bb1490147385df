/**
 * The decision is due eight months after the AR, or on the date the last extension set; silence
 * then is an implicit rejection (art. 7).
 */
import type { DossierCheck } from '../../domain/checks';
import type { IsoDate } from '../../domain/dates';
import { INSTRUCTION_BASIS, INSTRUCTION_DELAY_MONTHS, instructionDeadline, type ExtendedDue } from '../../domain/deadlines';
import { DECIDED_STATES, type DossierState, type ProcedureDates } from '../../domain/dossier';
import { countdown } from './countdown';

export const INSTRUCTION_ALERT_DAYS = [30, 15, 7] as const;

export function instructionDeadlineCheck(
  state: DossierState,
  dates: ProcedureDates,
  today: IsoDate,
  extensions: readonly ExtendedDue[] = [],
): DossierCheck {
  const { arDate } = dates;
  // The delay only starts with the acknowledgement of receipt.
  if (!arDate) return { id: 'instruction_deadline', status: 'to_check', due: null, basis: INSTRUCTION_BASIS, params: { reason: 'no_ar' } };
  const { due, basis } = instructionDeadline(arDate, extensions);
  const base = { id: 'instruction_deadline', due, basis } as const;
  const counted = { arOn: arDate, months: INSTRUCTION_DELAY_MONTHS, extensions: extensions.length, dueOn: due };
  // An extended delay has its own sentences: they name the date set instead of the eight months.
  const suffix = extensions.length > 0 ? '_extended' : '';
  if (DECIDED_STATES.includes(state)) return { ...base, status: 'ok', params: { reason: `decided${suffix}`, ...counted } };
  const { status, daysLeft, alertDays } = countdown(due, today, INSTRUCTION_ALERT_DAYS);
  if (status === 'failed') {
    return { ...base, status, params: { reason: `implicit_rejection${suffix}`, ...counted, daysLeft, rejectedOn: due } };
  }
  return { ...base, status, params: { reason: `${status === 'warning' ? 'due_soon' : 'running'}${suffix}`, ...counted, daysLeft, alertDays } };
}
