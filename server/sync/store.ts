/**
 * What every change on the hub writes, whoever makes it (a desk's push, the hub's own import):
 * field values with their version, and the event desks pull. Event numbers are given last, from
 * the one-row clock whose lock is held until commit: numbers are in commit order, so a pull
 * after a cursor can never miss a change committed later with a smaller number.
 */
import type { HubEvent, HubFieldState } from '../../shared/sync/protocol';
import type { Queryable } from '../db/database';

/** hub_field's scope of shared keys; a personal key's scope is its user's id. */
export const SHARED_SCOPE = '';

export interface FieldRow {
  key: string;
  value: unknown;
  version: number;
  mutation_id: string | null;
}

/**
 * The current rows of the keys, locked until commit (a missing key is created at version 0 first,
 * so that two changes of a new key wait for each other instead of both writing version 1).
 * Locked in key order, the same in every transaction.
 */
export async function lockFields(tx: Queryable, scope: string, entries: ReadonlyMap<string, string | null>): Promise<Map<string, FieldRow>> {
  if (entries.size === 0) return new Map();
  const keys = [...entries.keys()].sort();
  await tx.query(
    `INSERT INTO hub_field (scope, key, dossier_id, value, version)
     SELECT $1, k.key, k.dossier_id, NULL, 0 FROM unnest($2::text[], $3::uuid[]) AS k(key, dossier_id) ORDER BY k.key
     ON CONFLICT (scope, key) DO NOTHING`,
    [scope, keys, keys.map((key) => entries.get(key) ?? null)],
  );
  const { rows } = await tx.query<FieldRow>(
    'SELECT key, value, version, mutation_id FROM hub_field WHERE scope = $1 AND key = ANY($2::text[]) ORDER BY key FOR UPDATE',
    [scope, keys],
  );
  return new Map(rows.map((row) => [row.key, row]));
}

export interface FieldWrite {
  scope: string;
  key: string;
  value: unknown;
  version: number;
  mutationId: string;
}

/** Stores field values already locked and numbered (lockFields), in one statement. */
export async function storeFieldWrites(tx: Queryable, writes: readonly FieldWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(
    `UPDATE hub_field f SET value = w.value, version = w.version, mutation_id = w.mutation_id
     FROM jsonb_to_recordset($1::jsonb) AS w(scope text, key text, value jsonb, version integer, mutation_id uuid)
     WHERE f.scope = w.scope AND f.key = w.key`,
    [JSON.stringify(writes.map((w) => ({ scope: w.scope, key: w.key, value: w.value ?? null, version: w.version, mutation_id: w.mutationId })))],
  );
}

export interface FieldUpsert {
  key: string;
  dossierId: string | null;
  value: unknown;
  mutationId: string;
}

/** Writes each field at its next version, in one statement (each key once); returns the new versions. */
export async function upsertFields(tx: Queryable, scope: string, rows: readonly FieldUpsert[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const { rows: written } = await tx.query<{ key: string; version: number }>(
    `INSERT INTO hub_field (scope, key, dossier_id, value, version, mutation_id)
     SELECT $1, key, dossier_id, value, 1, mutation_id FROM jsonb_to_recordset($2::jsonb) AS f(key text, dossier_id uuid, value jsonb, mutation_id uuid)
     ON CONFLICT (scope, key) DO UPDATE SET value = EXCLUDED.value, version = hub_field.version + 1, mutation_id = EXCLUDED.mutation_id,
       dossier_id = COALESCE(EXCLUDED.dossier_id, hub_field.dossier_id)
     RETURNING key, version`,
    [scope, JSON.stringify(rows.map((row) => ({ key: row.key, dossier_id: row.dossierId, value: row.value ?? null, mutation_id: row.mutationId })))],
  );
  return new Map(written.map((row) => [row.key, row.version]));
}

/** An event to record; its number is given by appendEvents. */
export type NewEvent = Omit<HubEvent, 'seq'> & { audienceUser: string | null };

/** Records events in order, numbered from the clock; call it last in the transaction. */
export async function appendEvents(tx: Queryable, events: readonly NewEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const { rows } = await tx.query<{ seq: number }>('UPDATE hub_clock SET seq = seq + $1 RETURNING seq', [events.length]);
  const first = rows[0]!.seq - events.length + 1;
  const seqs = events.map((_, i) => first + i);
  await tx.query(
    `INSERT INTO hub_event (seq, mutation_id, name, args, dossier_id, audience_user, actor_id, actor_name, device_id, client_at, recorded_at, versions, origin)
     SELECT seq, mutation_id, name, args, dossier_id, audience_user, actor_id, actor_name, device_id, client_at, recorded_at, versions, origin
     FROM jsonb_to_recordset($1::jsonb) AS e(seq bigint, mutation_id uuid, name text, args jsonb, dossier_id uuid, audience_user uuid, actor_id text,
       actor_name text, device_id uuid, client_at timestamptz, recorded_at timestamptz, versions jsonb, origin text)
     ORDER BY seq`,
    [
      JSON.stringify(
        events.map((event, i) => ({
          seq: seqs[i],
          mutation_id: event.mutationId,
          name: event.name,
          args: event.args,
          dossier_id: event.dossierId,
          audience_user: event.audienceUser,
          actor_id: event.actor.id,
          actor_name: event.actor.name,
          device_id: event.deviceId,
          client_at: event.at,
          recorded_at: event.recordedAt,
          versions: event.versions,
          origin: event.origin,
        })),
      ),
    ],
  );
  return seqs;
}

export interface EventRow {
  seq: number;
  mutation_id: string;
  name: string;
  args: unknown;
  dossier_id: string | null;
  actor_id: string;
  actor_name: string;
  device_id: string | null;
  client_at: Date;
  recorded_at: Date;
  versions: Record<string, number>;
  origin: 'desk' | 'hub';
}

export const EVENT_COLUMNS = 'e.seq, e.mutation_id, e.name, e.args, e.dossier_id, e.actor_id, e.actor_name, e.device_id, e.client_at, e.recorded_at, e.versions, e.origin';

export function eventOf(row: EventRow): HubEvent {
  return {
    seq: row.seq,
    mutationId: row.mutation_id,
    name: row.name,
    args: row.args,
    dossierId: row.dossier_id,
    actor: { id: row.actor_id, name: row.actor_name },
    at: new Date(row.client_at).toISOString(),
    recordedAt: new Date(row.recorded_at).toISOString(),
    versions: row.versions,
    origin: row.origin,
    deviceId: row.device_id,
  };
}

/** The hub's value of each key, its version and the event that set it (version 0, no event: never set). */
export async function fieldStates(tx: Queryable, scope: string, keys: readonly string[]): Promise<HubFieldState[]> {
  if (keys.length === 0) return [];
  const { rows } = await tx.query<FieldRow & Partial<EventRow>>(
    `SELECT f.key, f.value, f.version, ${EVENT_COLUMNS}
     FROM unnest($2::text[]) AS k(key)
     LEFT JOIN hub_field f ON f.scope = $1 AND f.key = k.key
     LEFT JOIN hub_event e ON e.mutation_id = f.mutation_id`,
    [scope, [...keys]],
  );
  const byKey = new Map(rows.filter((row) => row.key !== null).map((row) => [row.key, row]));
  return keys.map((key) => {
    const row = byKey.get(key);
    if (!row || row.version === 0) return { key, value: null, version: 0, event: null };
    return { key, value: row.value, version: row.version, event: row.seq ? eventOf(row as EventRow) : null };
  });
}
