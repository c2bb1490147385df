/**
 * The legal checks as the list shows and filters them: one column per check on the dossier row
 * (migration 006), in the index the counts per state scan, so a check filter costs what the
 * other filters cost. A verdict that does not depend on the day is stored as it is (the de
 * minimis window moves with the day, but only by the prior aids it counts: stored as of the last
 * change). A countdown to a deadline is stored as `running|<first day of its warning>|<due date>`
 * and SQL turns it into ok, warning or failed against today's Paris date: no row has to be
 * rewritten when the day changes.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CHECK_IDS, type CheckId, type CheckStatus, type DossierCheck } from '../../../shared/domain/checks';
import { addDays } from '../../../shared/domain/dates';
import { ADMISSIBILITY_ALERT_DAYS } from '../../../shared/rules/checks/admissibility-deadline';
import { INSTRUCTION_ALERT_DAYS } from '../../../shared/rules/checks/instruction-deadline';
import { statementsFor } from '../db/statements';

/** The alerts of each countdown, in days before its due date (the widest one starts the warning). */
export const COUNTDOWN_ALERT_DAYS: Partial<Record<CheckId, readonly number[]>> = {
  admissibility_deadline: ADMISSIBILITY_ALERT_DAYS,
  instruction_deadline: INSTRUCTION_ALERT_DAYS,
};

const RUNNING = 'running|';

/** The dossier column of a check (names from CHECK_IDS only, never from input). */
export function checkColumn(id: CheckId): string {
  return `check_${id}`;
}

/**
 * What the column holds for a check: a deadline check counts down while its verdict comes from
 * the days left (not yet met, not decided).
 */
export function storedCheck(check: DossierCheck): string {
  const alerts = COUNTDOWN_ALERT_DAYS[check.id];
  if (alerts && check.due !== null && typeof check.params.daysLeft === 'number') {
    return `${RUNNING}${addDays(check.due, -Math.max(0, ...alerts))}|${check.due}`;
  }
  return check.status;
}

/** `column` holds a running countdown: a range test, cheaper than cutting the text. */
function isRunning(column: string): string {
  return `(${column} >= '${RUNNING}' AND ${column} < 'running}')`;
}
const warnOn = (column: string) => `substr(${column}, 9, 10)`;
const dueOn = (column: string) => `substr(${column}, 20, 10)`;

/** The due date of a running countdown held in `column`, or NULL. */
export function runningDueSql(column: string): string {
  return `CASE WHEN ${isRunning(column)} THEN ${dueOn(column)} END`;
}

/** The status on `@today` of the check held in `column`, as the dossier page computes it. */
export function checkStatusSql(column: string): string {
  return `CASE WHEN NOT ${isRunning(column)} THEN ${column}
    WHEN ${dueOn(column)} < @today THEN 'failed' WHEN ${warnOn(column)} <= @today THEN 'warning' ELSE 'ok' END`;
}

/**
 * The condition "this check has `status` on `@today`", written without CASE: the counts per state
 * evaluate it on every dossier, and only deadline checks can be counting down.
 */
function statusCondition(id: CheckId, status: CheckStatus): string {
  const column = checkColumn(id);
  const stored = `${column} = '${status}'`;
  if (!COUNTDOWN_ALERT_DAYS[id] || status === 'to_check') return stored;
  const counted: Record<Exclude<CheckStatus, 'to_check'>, string> = {
    failed: `${dueOn(column)} < @today`,
    warning: `${dueOn(column)} >= @today AND ${warnOn(column)} <= @today`,
    ok: `${warnOn(column)} > @today`,
  };
  return `(${stored} OR (${isRunning(column)} AND ${counted[status]}))`;
}

/** Every check's status on `@today`, as a JSON object from check id to status (for the list's rows). */
export const CHECKS_JSON_SQL = `json_object(${CHECK_IDS.map((id) => `'${id}', ${checkStatusSql(checkColumn(id))}`).join(', ')})`;

/** A condition that holds when the dossier has a check in `status` on `@today`: that one check, or any. */
export function hasCheckStatus(status: CheckStatus, id: CheckId | undefined): string {
  const ids = id ? [id] : CHECK_IDS;
  return `(${ids.map((checkId) => statusCondition(checkId, status)).join(' OR ')})`;
}

const statements = statementsFor((db) =>
  db.prepare<Record<string, string | number>>(
    `UPDATE dossier SET ${CHECK_IDS.map((id) => `${checkColumn(id)} = @${id}`).join(', ')} WHERE seq = @seq`,
  ),
);

/**
 * Stores a dossier's checks for the list. Whatever changes a check's inputs (an import, an
 * instruction fact, a change of state) calls it, in the same transaction, with the checks
 * recomputed today.
 */
export function storeDossierChecks(db: Database, seq: number, checks: readonly DossierCheck[]): void {
  const values: Record<string, string | number> = { seq };
  for (const id of CHECK_IDS) values[id] = 'to_check';
  for (const check of checks) values[check.id] = storedCheck(check);
  statements(db).run(values);
}
