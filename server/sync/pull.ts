/**
 * Events after a cursor that the caller may see, in event order, a page at a time, with the
 * blobs the page references. The page ends at the clock's committed value read first: events
 * are numbered in commit order (store.ts), so nothing below it can still appear later.
 */
import { syncedMutationNamed } from '../../shared/sync/mutations';
import type { HubUser, PullQuery, PullResponse } from '../../shared/sync/protocol';
import type { HubDatabase, Principal, Queryable } from '../db/database';
import { HubError } from '../errors';
import { hubIdOf } from '../hub-meta';
import { dossierScopeSql } from './scope';
import { EVENT_COLUMNS, eventOf, type EventRow } from './store';

function cursorSeq(cursor: string | undefined, hubId: string): number {
  if (cursor === undefined) return 0;
  const separator = cursor.lastIndexOf(':');
  if (cursor.slice(0, separator) !== hubId) {
    throw new HubError('cursor_foreign', 400, 'This cursor was given by another hub: start again without a cursor.');
  }
  return Number(cursor.slice(separator + 1));
}

const effectsOf = (event: EventRow) => syncedMutationNamed(event.name)?.effects(event.args, event.dossier_id);

/** The blobs a page's events reference (pieces of an import, signed acts), as their effects name them. */
function referencedBlobs(events: readonly EventRow[]): string[] {
  return [...new Set(events.flatMap((event) => effectsOf(event)?.blobs ?? []))];
}

/**
 * A dossier assigned to the user in this page, outside their territories, was out of their
 * scope until then: its earlier events, which their past pulls left out, come first (replaying
 * an event a desk already holds changes nothing: desks skip the mutation ids they journaled).
 */
async function withEarlierEventsOfDossiersAssigned(db: Queryable, user: HubUser, page: EventRow[], after: number): Promise<EventRow[]> {
  if (user.role === 'administrateur' || after === 0) return page;
  const email = user.email.toLowerCase();
  const entering = new Map<string, number>();
  for (const event of page) {
    const assigned = effectsOf(event)?.assignedEmail;
    if (event.dossier_id && !entering.has(event.dossier_id) && assigned?.toLowerCase() === email) entering.set(event.dossier_id, event.seq);
  }
  if (entering.size === 0) return page;
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM hub_event e JOIN hub_dossier d ON d.id = e.dossier_id
     WHERE e.dossier_id = ANY($1::uuid[]) AND e.seq <= $2 AND e.audience_user IS NULL AND NOT (d.territory_id = ANY($3::text[]))
     ORDER BY e.seq`,
    [[...entering.keys()], after, user.territories],
  );
  if (rows.length === 0) return page;
  const result: EventRow[] = [];
  for (const event of page) {
    if (event.dossier_id && entering.get(event.dossier_id) === event.seq) result.push(...rows.filter((row) => row.dossier_id === event.dossier_id));
    result.push(event);
  }
  return result;
}

export async function pullEvents(db: HubDatabase, principal: Principal, query: PullQuery): Promise<PullResponse> {
  const hubId = await hubIdOf(db);
  const after = cursorSeq(query.cursor, hubId);
  const clock = await db.query<{ seq: number }>('SELECT seq FROM hub_clock');
  const upTo = clock.rows[0]!.seq;
  const scope = dossierScopeSql(principal.user, 5);
  // Personal events reach their author only; dossier events, the users whose scope holds the dossier.
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM hub_event e
     LEFT JOIN hub_dossier d ON d.id = e.dossier_id
     WHERE e.seq > $1 AND e.seq <= $2
       AND (CASE WHEN e.audience_user IS NOT NULL THEN e.audience_user = $3::uuid
                 WHEN e.dossier_id IS NULL THEN true
                 ELSE ${scope.sql} END)
     ORDER BY e.seq
     LIMIT $4`,
    [after, upTo, principal.user.id, query.limit + 1, ...scope.params],
  );
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = more ? page[page.length - 1]!.seq : Math.max(after, upTo);
  const events = await withEarlierEventsOfDossiersAssigned(db, principal.user, page, after);
  const shas = referencedBlobs(events);
  const blobs =
    shas.length === 0
      ? []
      : (
          await db.query<{ sha256: string; size: number }>('SELECT sha256, size FROM hub_blob WHERE sha256 = ANY($1::text[]) AND complete ORDER BY sha256', [shas])
        ).rows.map((row) => ({ sha256: row.sha256, sizeBytes: row.size }));
  return { cursor: `${hubId}:${last}`, events: events.map(eventOf), more, blobs };
}
