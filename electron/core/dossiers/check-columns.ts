/**
 * The legal checks as the list filters and shows them (table dossier_check, migration 006).
 * A verdict that does not depend on the day is stored as it is (the de minimis window moves with
 * the day, but only by the prior aids it counts: stored as of the last change). A countdown to a deadline is
 * stored as 'running' with its due date and the first day of its warning, and SQL turns it into
 * ok, warning or failed against today's Paris date: no row has to be rewritten when the day changes.
 */
import type { Database } from 'better-sqlite3';
import type { CheckId, CheckStatus, DossierCheck } from '../../../shared/domain/checks';
import { addDays } from '../../../shared/domain/dates';
import { ADMISSIBILITY_ALERT_DAYS } from '../../../shared/rules/checks/admissibility-deadline';
import { INSTRUCTION_ALERT_DAYS } from '../../../shared/rules/checks/instruction-deadline';
import { statementsFor } from '../db/statements';

/** The alerts of each countdown, in days before its due date (the widest one starts the warning). */
export const COUNTDOWN_ALERT_DAYS: Partial<Record<CheckId, readonly number[]>> = {
  admissibility_deadline: ADMISSIBILITY_ALERT_DAYS,
  instruction_deadline: INSTRUCTION_ALERT_DAYS,
};

export interface StoredCheck {
  checkId: CheckId;
  status: CheckStatus | 'running';
  due: string | null;
  warnOn: string | null;
}

/** A check counts down when its verdict comes from the days left to its due date. */
export function storedCheck(check: DossierCheck): StoredCheck {
  if (check.due !== null && typeof check.params.daysLeft === 'number') {
    const widestAlert = Math.max(0, ...(COUNTDOWN_ALERT_DAYS[check.id] ?? []));
    return { checkId: check.id, status: 'running', due: check.due, warnOn: addDays(check.due, -widestAlert) };
  }
  return { checkId: check.id, status: check.status, due: null, warnOn: null };
}

const statements = statementsFor((db) => ({
  upsert: db.prepare<{ seq: number } & StoredCheck>(
    `INSERT INTO dossier_check (dossier_seq, check_id, status, due, warn_on) VALUES (@seq, @checkId, @status, @due, @warnOn)
     ON CONFLICT (dossier_seq, check_id) DO UPDATE SET status = excluded.status, due = excluded.due, warn_on = excluded.warn_on`,
  ),
}));

/**
 * Stores a dossier's checks for the list. Whatever changes a check's inputs (an import, an
 * instruction fact) calls it, in the same transaction, with the checks recomputed today.
 */
export function storeDossierChecks(db: Database, seq: number, checks: readonly DossierCheck[]): void {
  const { upsert } = statements(db);
  for (const check of checks) upsert.run({ seq, ...storedCheck(check) });
}

/** The status on `@today` of the dossier_check row aliased `c`, as the dossier page computes it. */
export const CHECK_STATUS_SQL = `CASE WHEN c.status <> 'running' THEN c.status WHEN c.due < @today THEN 'failed'
  WHEN c.warn_on <= @today THEN 'warning' ELSE 'ok' END`;

/** A condition on the row `c` that holds when its status on `@today` is `status`, in a form indexes serve. */
export function checkStatusCondition(status: CheckStatus): string {
  switch (status) {
    case 'failed':
      return `(c.status = 'failed' OR (c.status = 'running' AND c.due < @today))`;
    case 'warning':
      return `(c.status = 'warning' OR (c.status = 'running' AND c.due >= @today AND c.warn_on <= @today))`;
    case 'ok':
      return `(c.status = 'ok' OR (c.status = 'running' AND c.warn_on > @today))`;
    case 'to_check':
      return `c.status = 'to_check'`;
  }
}
