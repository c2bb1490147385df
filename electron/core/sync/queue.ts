/** The outbox as the sync engine walks it: what to push, and each change's fate once the hub answered. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OutboxState } from '../../../shared/channels/sync';
import type { BaseVersion, PushItem, RejectReason } from '../../../shared/sync/protocol';
import { statementsFor } from '../db/statements';
import { canonicalJson } from '../mutations/canonical-json';
import { queuedEffects } from './fields';

export interface OutboxRow {
  client_seq: number;
  mutation_id: string;
  name: string;
  args: string;
  dossier_id: string | null;
  base: string | null;
  created_at: string;
  state: OutboxState;
}

const PUSHABLE = `state IN ('waiting', 'sent')`;

const statements = statementsFor((db) => ({
  allPushable: db.prepare<[], OutboxRow>(`SELECT * FROM outbox WHERE ${PUSHABLE} ORDER BY client_seq`),
  pushable: db.prepare<[number, number], OutboxRow>(`SELECT * FROM outbox WHERE ${PUSHABLE} AND client_seq > ? ORDER BY client_seq LIMIT ?`),
  countPushable: db.prepare<[], number>(`SELECT count(*) FROM outbox WHERE ${PUSHABLE}`).pluck(),
  byMutation: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE mutation_id = ?'),
  markSent: db.prepare<[string, string]>(`UPDATE outbox SET state = 'sent', sent_at = coalesce(sent_at, ?) WHERE mutation_id = ? AND ${PUSHABLE}`),
  settle: db.prepare<{ id: string; state: OutboxState; reason: string | null; detail: string | null; at: string }>(
    `UPDATE outbox SET state = @state, reason = @reason, detail = @detail, settled_at = @at WHERE mutation_id = @id`,
  ),
  markSettled: db.prepare<[string, string]>('UPDATE outbox SET settled_at = ? WHERE mutation_id = ?'),
  waitingOnKey: db.prepare<[string], { mutation_id: string; base: string }>(
    `SELECT o.mutation_id, o.base FROM outbox_key k JOIN outbox o ON o.mutation_id = k.mutation_id WHERE k.key = ? AND o.state = 'waiting'`,
  ),
  setBase: db.prepare<[string, string]>('UPDATE outbox SET base = ? WHERE mutation_id = ?'),
}));

/** Changes to push after `afterSeq`, in client order: waiting ones, and sent ones whose answer never came. */
export function pushableAfter(db: Database, afterSeq: number, limit: number): OutboxRow[] {
  return statements(db).pushable.all(afterSeq, limit);
}

export function pushableRows(db: Database): OutboxRow[] {
  return statements(db).allPushable.all();
}

export function countPushable(db: Database): number {
  return statements(db).countPushable.get() ?? 0;
}

export function outboxRow(db: Database, mutationId: string): OutboxRow | undefined {
  return statements(db).byMutation.get(mutationId);
}

/** A change queued before sync existed never saw the hub: made from version 0 of every key it sets. */
function baseOf(row: OutboxRow): Record<string, BaseVersion> {
  if (row.base !== null) return JSON.parse(row.base) as Record<string, BaseVersion>;
  const sets = queuedEffects(row.name, JSON.parse(row.args), row.dossier_id)?.sets ?? [];
  return Object.fromEntries(sets.map((set) => [set.key, 0]));
}

export function pushItemOf(row: OutboxRow): PushItem {
  return {
    mutationId: row.mutation_id,
    clientSeq: row.client_seq,
    name: row.name,
    args: JSON.parse(row.args),
    dossierId: row.dossier_id,
    base: baseOf(row),
    at: row.created_at,
  };
}

/** Marked before the request leaves: a change that may have reached the hub is never shown as only waiting. */
export function markSent(db: Database, mutationIds: readonly string[], at: string): void {
  const s = statements(db);
  for (const id of mutationIds) s.markSent.run(at, id);
}

export function settleOutbox(db: Database, mutationId: string, state: 'applied' | 'conflict' | 'rejected', at: string, rejection?: { reason: RejectReason; detail: string | null }): void {
  statements(db).settle.run({ id: mutationId, state, reason: rejection?.reason ?? null, detail: rejection?.detail ?? null, at });
}

/** A change in conflict that a person settled: it keeps its state, with the time it was settled. */
export function markConflictSettled(db: Database, mutationId: string, at: string): void {
  statements(db).markSettled.run(at, mutationId);
}

/** Waiting changes on `key` made from `from` (a change replaced by another) are made from `to` instead. */
export function rebaseWaiting(db: Database, key: string, from: string, to: BaseVersion): void {
  const s = statements(db);
  for (const row of s.waitingOnKey.all(key)) {
    const base = JSON.parse(row.base) as Record<string, BaseVersion>;
    if (base[key] !== from) continue;
    s.setBase.run(canonicalJson({ ...base, [key]: to }), row.mutation_id);
  }
}
