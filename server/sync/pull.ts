/**
 * Events after a cursor that the caller may see, in event order, a page at a time, with the
 * blobs the page references. The page ends at the clock's committed value read first: events
 * are numbered in commit order (store.ts), so nothing below it can still appear later.
 */
import { syncedMutationNamed } from '../../shared/sync/mutations';
import type { PullQuery, PullResponse } from '../../shared/sync/protocol';
import type { HubDatabase, Principal } from '../db/database';
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

/** The blobs a page's events reference (pieces of an import, signed acts), as their effects name them. */
function referencedBlobs(events: readonly EventRow[]): string[] {
  const blobs = new Set<string>();
  for (const event of events) {
    const synced = syncedMutationNamed(event.name);
    if (synced) for (const sha of synced.effects(event.args, event.dossier_id).blobs) blobs.add(sha);
  }
  return [...blobs];
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
  const shas = referencedBlobs(page);
  const blobs = shas.length === 0
    ? []
    : (await db.query<{ sha256: string; size: number }>('SELECT sha256, size FROM hub_blob WHERE sha256 = ANY($1::text[]) AND complete ORDER BY sha256', [shas])).rows.map(
        (row) => ({ sha256: row.sha256, sizeBytes: row.size }),
      );
  return { cursor: `${hubId}:${last}`, events: page.map(eventOf), more, blobs };
}
