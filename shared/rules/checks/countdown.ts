/** The verdict on a running delay, from the days left in Europe/Paris calendar days. */
import { daysBetween, type IsoDate } from '../../domain/dates';
import type { CheckStatus } from '../../domain/checks';

export interface Countdown {
  status: Extract<CheckStatus, 'ok' | 'warning' | 'failed'>;
  daysLeft: number;
  /** The tightest alert reached (e.g. 15 for "15 days or fewer"), or null. */
  alertDays: number | null;
}

/** Failed once the due date is past; a warning from the widest alert on, the due day included. */
export function countdown(due: IsoDate, today: IsoDate, alerts: readonly number[]): Countdown {
  const daysLeft = daysBetween(today, due);
  if (daysLeft < 0) return { status: 'failed', daysLeft, alertDays: null };
  const reached = alerts.filter((days) => daysLeft <= days);
  if (reached.length === 0) return { status: 'ok', daysLeft, alertDays: null };
  return { status: 'warning', daysLeft, alertDays: Math.min(...reached) };
}
