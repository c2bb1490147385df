/**
 * "Mes échéances": the running deadlines of the dossiers assigned to me or that I follow,
 * nearest first (overdue ones come first of all). Read from the list's stored checks, so the
 * days left are counted from today without recomputing any dossier.
 */
import { z } from 'zod';
import { MAX_ECHEANCES, type EcheanceItem, type Echeances } from '../../../shared/channels/bulk';
import { parisDate } from '../../../shared/domain/dates';
import type { CheckId } from '../../../shared/domain/checks';
import type { Instructor } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import { countdown } from '../../../shared/rules/checks/countdown';
import { instructorByEmail } from '../bulk/instructors';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { checkColumn, COUNTDOWN_ALERT_DAYS, runningDueSql } from '../dossiers/check-columns';
import { defineMutation } from '../mutations';

const ME_KEY = 'instructor.email';

const DEADLINE_OF_CHECK = { admissibility_deadline: 'admissibility', instruction_deadline: 'instruction' } as const;

interface Row {
  dossierId: string;
  number: number;
  demandeur: string;
  projet: string;
  state: EcheanceItem['state'];
  checkId: keyof typeof DEADLINE_OF_CHECK;
  due: string;
  followed: number;
  assignedToMe: number;
}

const MINE = `(d.followed = 1 OR d.assigned_email = @me)`;

/** Each deadline check of my dossiers that is still counting down, with its due date. */
const MY_RUNNING_DEADLINES = Object.keys(DEADLINE_OF_CHECK)
  .map((id) => {
    const due = runningDueSql(checkColumn(id as CheckId));
    return `SELECT d.seq, '${id}' AS checkId, ${due} AS due FROM dossier d WHERE ${MINE} AND ${due} IS NOT NULL`;
  })
  .join(' UNION ALL ');

const statements = statementsFor((db) => ({
  me: db.prepare<[string], string>('SELECT value FROM preference WHERE key = ?').pluck(),
  setMe: db.prepare<[string, string]>(
    'INSERT INTO preference (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ),
  clearMe: db.prepare<[string]>('DELETE FROM preference WHERE key = ?'),
  items: db.prepare<{ me: string | null; limit: number }, Row>(
    `SELECT d.id AS dossierId, d.number, d.demandeur_name AS demandeur, d.projet_title AS projet, d.state,
       r.checkId, r.due, d.followed, coalesce(d.assigned_email = @me, 0) AS assignedToMe
     FROM (${MY_RUNNING_DEADLINES}) r JOIN dossier d ON d.seq = r.seq
     ORDER BY r.due, d.number LIMIT @limit`,
  ),
  total: db.prepare<{ me: string | null }, number>(`SELECT count(*) FROM (${MY_RUNNING_DEADLINES})`).pluck(),
}));

function myEmail(ctx: CoreContext): string | null {
  return statements(ctx.db).me.get(ME_KEY) ?? null;
}

function me(ctx: CoreContext): Instructor | null {
  const email = myEmail(ctx);
  return email ? instructorByEmail(ctx, email) ?? { email, name: email } : null;
}

export function myDeadlines(ctx: CoreContext): Echeances {
  const s = statements(ctx.db);
  const today = parisDate(ctx.clock());
  const email = myEmail(ctx);
  const items = s.items.all({ me: email, limit: MAX_ECHEANCES }).map((row): EcheanceItem => {
    const { daysLeft, alertDays } = countdown(row.due, today, COUNTDOWN_ALERT_DAYS[row.checkId] ?? []);
    return {
      dossierId: row.dossierId,
      number: row.number,
      demandeur: row.demandeur,
      projet: row.projet,
      state: row.state,
      kind: DEADLINE_OF_CHECK[row.checkId],
      due: row.due,
      daysLeft,
      alertDays,
      followed: row.followed === 1,
      assignedToMe: row.assignedToMe === 1,
    };
  });
  return { me: me(ctx), items, total: s.total.get({ me: email }) ?? 0, today };
}

/** Who the user of this computer is among the instructors: a choice kept on this computer only. */
export const setMe = defineMutation({
  name: 'echeances.setMe',
  args: z.object({ email: z.email().nullable() }),
  outbox: false,
  apply(ctx, { email }) {
    const s = statements(ctx.db);
    const before = myEmail(ctx);
    if (email !== null && !instructorByEmail(ctx, email)) throw new RelaisError('not_found', { what: `instructor ${email}` });
    if (email === null) s.clearMe.run(ME_KEY);
    else s.setMe.run(ME_KEY, email);
    return { dossierId: null, before: { me: before }, after: { me: email }, result: { me: me(ctx) } };
  },
});
