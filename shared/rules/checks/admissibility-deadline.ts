/** Admissibility is notified within two months of receipt; silence makes the request admissible (art. 4). */
import type { DossierCheck } from '../../domain/checks';
import { parisDate, type IsoDate } from '../../domain/dates';
import { admissibilityDeadline } from '../../domain/deadlines';
import type { ProcedureDates } from '../../domain/dossier';
import { countdown } from './countdown';

export const ADMISSIBILITY_ALERT_DAYS = [15] as const;

export function admissibilityDeadlineCheck(dates: ProcedureDates, today: IsoDate): DossierCheck {
  const { due, basis } = admissibilityDeadline(dates.receivedAt);
  const receivedOn = parisDate(dates.receivedAt);
  const base = { id: 'admissibility_deadline', due, basis } as const;
  if (dates.admissibilityNotifiedOn) {
    return { ...base, status: 'ok', params: { reason: 'notified', receivedOn, doneOn: dates.admissibilityNotifiedOn } };
  }
  if (dates.arDate) return { ...base, status: 'ok', params: { reason: 'acknowledged', receivedOn, doneOn: dates.arDate } };
  const { status, daysLeft, alertDays } = countdown(due, today, ADMISSIBILITY_ALERT_DAYS);
  const reason = status === 'failed' ? 'deemed_admissible' : status === 'warning' ? 'due_soon' : 'running';
  return { ...base, status, params: { reason, receivedOn, daysLeft, alertDays } };
}
