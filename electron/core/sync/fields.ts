/**
 * What this desk knows of the hub's field keys (`sync_field`): the version and value each had when
 * it last heard of it, and which keys its own changes still on their way set (`outbox_key`).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RelaisError } from '../../../shared/errors';
import type { SyncEffects } from '../../../shared/sync/effects';
import { syncedMutationNamed } from '../../../shared/sync/mutations';
import { statementsFor } from '../db/statements';
import { canonicalJson } from '../mutations/canonical-json';
import { parseArguments } from '../validation';

const statements = statementsFor((db) => ({
  // Versions only move forward: an answer that arrives after a newer event changes nothing.
  record: db.prepare<[string, number, string]>(
    `INSERT INTO sync_field (key, version, value) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET version = excluded.version, value = excluded.value WHERE excluded.version > sync_field.version`,
  ),
  pending: db.prepare<[string], number>('SELECT 1 FROM outbox_key WHERE key = ? LIMIT 1').pluck(),
  forget: db.prepare<[string]>('DELETE FROM outbox_key WHERE mutation_id = ?'),
}));

/** The effects of a synced change as the hub computes them; a name this desk does not know is an older desk's problem. */
export function effectsOf(name: string, args: unknown, dossierId: string | null): SyncEffects {
  const synced = syncedMutationNamed(name);
  if (!synced) throw new RelaisError('sync_change_unknown', { name });
  return synced.effects(parseArguments(synced.args, args), dossierId);
}

/**
 * The effects of a change waiting in the outbox, or null when this build cannot tell them (a name
 * or arguments from an older version): it is pushed as it is, and the hub refuses it with the reason.
 */
export function queuedEffects(name: string, args: unknown, dossierId: string | null): SyncEffects | null {
  const synced = syncedMutationNamed(name);
  const parsed = synced?.args.safeParse(args);
  return synced && parsed?.success ? synced.effects(parsed.data, dossierId) : null;
}

/** The value each key is set to by a change, for the keys it sets. */
export function valuesSetBy(effects: SyncEffects): Map<string, unknown> {
  return new Map(effects.sets.map((set) => [set.key, set.value]));
}

/** Records the hub's versions after a change (value: what the change set; null for an entity key). */
export function recordHubVersions(db: Database, versions: Readonly<Record<string, number>>, values: ReadonlyMap<string, unknown>): void {
  const s = statements(db);
  for (const [key, version] of Object.entries(versions)) s.record.run(key, version, canonicalJson(values.get(key) ?? null));
}

/** Whether a change of this desk that the hub has not settled yet sets the key. */
export function hasPendingChange(db: Database, key: string): boolean {
  return statements(db).pending.get(key) === 1;
}

/** A change settled by the hub (or by a person, for a conflict) no longer holds its keys. */
export function releaseKeys(db: Database, mutationId: string): void {
  statements(db).forget.run(mutationId);
}
