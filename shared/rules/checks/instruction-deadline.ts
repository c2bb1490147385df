/** The decision is due eight months after the AR plus extensions; silence then is an implicit rejection (art. 7). */
import type { DossierCheck } from '../../domain/checks';
import type { IsoDate } from '../../domain/dates';
import { INSTRUCTION_BASIS, INSTRUCTION_DELAY_MONTHS, instructionDeadline, type InstructionExtension } from '../../domain/deadlines';
import { DECIDED_STATES, type DossierState, type ProcedureDates } from '../../domain/dossier';
import { countdown } from './countdown';

export const INSTRUCTION_ALERT_DAYS = [30, 15, 7] as const;

export function instructionDeadlineCheck(
  state: DossierState,
  dates: ProcedureDates,
  today: IsoDate,
  extensions: readonly InstructionExtension[] = [],
): DossierCheck {
  const { arDate } = dates;
  // The delay only starts with the acknowledgement of receipt.
  if (!arDate) return { id: 'instruction_deadline', status: 'to_check', due: null, basis: INSTRUCTION_BASIS, params: { reason: 'no_ar' } };
  const { due, basis } = instructionDeadline(arDate, extensions);
  const months = INSTRUCTION_DELAY_MONTHS + extensions.reduce((total, extension) => total + extension.months, 0);
  const base = { id: 'instruction_deadline', due, basis } as const;
  const counted = { arOn: arDate, months, extensions: extensions.length };
  if (DECIDED_STATES.includes(state)) return { ...base, status: 'ok', params: { reason: 'decided', ...counted } };
  const { status, daysLeft, alertDays } = countdown(due, today, INSTRUCTION_ALERT_DAYS);
  if (status === 'failed') return { ...base, status, params: { reason: 'implicit_rejection', ...counted, daysLeft, rejectedOn: due } };
  return { ...base, status, params: { reason: status === 'warning' ? 'due_soon' : 'running', ...counted, daysLeft, alertDays } };
}
