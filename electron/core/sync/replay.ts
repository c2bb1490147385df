/**
 * Taking a change the hub recorded: its versions are always noted; it is replayed on this desk
 * unless this device made it, or a change of this desk still on its way sets one of its keys. Then
 * it is held back (the push meets it as a conflict, and a person chooses; an open conflict on the
 * key is brought up to date with it) and replayed, in the hub's order, once that change is settled.
 */
import { HubEvent, type HubFieldState } from '../../../shared/sync/protocol';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { applyHubEvent, applyHubEventAgain } from '../mutations/run';
import { updateOpenConflictsTheirs } from './conflict-store';
import { effectsOf, hasPendingChange, recordHubVersions, valuesSetBy } from './fields';

export type Adoption = 'replayed' | 'known' | 'own' | 'held';

const statements = statementsFor((db) => ({
  hold: db.prepare<[number, string, string]>('INSERT INTO sync_held (seq, keys, event) VALUES (?, ?, ?) ON CONFLICT (seq) DO NOTHING'),
  heldOn: db.prepare<[string], { seq: number; keys: string; event: string }>(
    `SELECT h.seq, h.keys, h.event FROM sync_held h WHERE EXISTS (SELECT 1 FROM json_each(h.keys) k WHERE k.value IN (SELECT value FROM json_each(?)))
     ORDER BY h.seq`,
  ),
  drop: db.prepare<[number]>('DELETE FROM sync_held WHERE seq = ?'),
}));

export function adoptEvent(ctx: CoreContext, event: HubEvent, deviceId: string): Adoption {
  const values = valuesSetBy(effectsOf(event.name, event.args, event.dossierId));
  recordHubVersions(ctx.db, event.versions, values);
  if (event.deviceId === deviceId) return 'own';
  const keys = Object.keys(event.versions);
  const held = keys.filter((key) => hasPendingChange(ctx.db, key));
  if (held.length > 0) {
    statements(ctx.db).hold.run(event.seq, JSON.stringify(keys), JSON.stringify(event));
    for (const key of held) {
      const theirs: HubFieldState = { key, value: values.get(key) ?? null, version: event.versions[key]!, event };
      updateOpenConflictsTheirs(ctx.db, theirs);
    }
    return 'held';
  }
  return applyHubEvent(ctx, event) ? 'replayed' : 'known';
}

/**
 * Replays, in the hub's order, the changes held back on these keys whose keys no change of this
 * desk holds any more (its change on them was just settled). Returns the ids of those replayed.
 */
export function releaseHeld(ctx: CoreContext, keys: readonly string[]): Set<string> {
  const s = statements(ctx.db);
  const replayed = new Set<string>();
  for (const row of s.heldOn.all(JSON.stringify(keys))) {
    if ((JSON.parse(row.keys) as string[]).some((key) => hasPendingChange(ctx.db, key))) continue;
    const event = HubEvent.parse(JSON.parse(row.event));
    if (applyHubEvent(ctx, event)) replayed.add(event.mutationId);
    s.drop.run(row.seq);
  }
  return replayed;
}

/**
 * Puts a hub change back on this desk over a value of its own (a refused change): replayed for
 * the first time, or once more if this desk had it before.
 */
export function restoreHubChange(ctx: CoreContext, event: HubEvent): void {
  if (!applyHubEvent(ctx, event)) applyHubEventAgain(ctx, event);
}
