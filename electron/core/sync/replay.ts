/**
 * Taking a change the hub recorded: its versions are always noted; it is replayed on this desk
 * unless this device made it, or a change of this desk still on its way sets one of its keys (the
 * push meets it as a conflict, and a person chooses), in which case an open conflict on the key
 * is brought up to date with it.
 */
import type { HubEvent, HubFieldState } from '../../../shared/sync/protocol';
import type { CoreContext } from '../context';
import { applyHubEvent, applyHubEventAgain } from '../mutations/run';
import { updateOpenConflictsTheirs } from './conflict-store';
import { effectsOf, hasPendingChange, recordHubVersions, valuesSetBy } from './fields';

export type Adoption = 'replayed' | 'known' | 'own' | 'held';

export function adoptEvent(ctx: CoreContext, event: HubEvent, deviceId: string): Adoption {
  const values = valuesSetBy(effectsOf(event.name, event.args, event.dossierId));
  recordHubVersions(ctx.db, event.versions, values);
  if (event.deviceId === deviceId) return 'own';
  const held = Object.keys(event.versions).filter((key) => hasPendingChange(ctx.db, key));
  if (held.length > 0) {
    for (const key of held) {
      const theirs: HubFieldState = { key, value: values.get(key) ?? null, version: event.versions[key]!, event };
      updateOpenConflictsTheirs(ctx.db, theirs);
    }
    return 'held';
  }
  return applyHubEvent(ctx, event) ? 'replayed' : 'known';
}

/**
 * Puts a hub change back on this desk over a value of its own (a refused change, a conflict
 * settled with 'theirs'): replayed for the first time, or once more if this desk had it before.
 */
export function restoreHubChange(ctx: CoreContext, event: HubEvent): void {
  if (!applyHubEvent(ctx, event)) applyHubEventAgain(ctx, event);
}
