/**
 * The outbox: the intents the hub will replay, each with its mutation id and client sequence,
 * its dossier and, per field key it sets, the version it was made from (its `base`).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BaseVersion } from '../../../shared/sync/protocol';
import { statementsFor } from '../db/statements';
import { canonicalJson } from './canonical-json';

export interface OutboxEntry {
  mutationId: string;
  name: string;
  args: unknown;
  dossierId: string | null;
  /** The field keys the change sets (its effects' `sets`). */
  keys: readonly string[];
  createdAt: string;
  /** Versions to send instead of the computed ones (a conflict settled with 'mine': the hub's version). */
  baseOverrides?: Readonly<Record<string, number>>;
}

const statements = statementsFor((db) => ({
  insert: db.prepare<[string, string, string, string | null, string, string]>(
    `INSERT INTO outbox (mutation_id, name, args, dossier_id, base, created_at, state) VALUES (?, ?, ?, ?, ?, ?, 'waiting')`,
  ),
  insertKey: db.prepare<[string, string]>('INSERT INTO outbox_key (key, mutation_id) VALUES (?, ?)'),
  // outbox_key holds only changes not settled yet (waiting, sent, in conflict).
  pendingOnKey: db
    .prepare<[string], string>(
      `SELECT k.mutation_id FROM outbox_key k JOIN outbox o ON o.mutation_id = k.mutation_id
       WHERE k.key = ? ORDER BY o.client_seq DESC LIMIT 1`,
    )
    .pluck(),
  hubVersion: db.prepare<[string], number>('SELECT version FROM sync_field WHERE key = ?').pluck(),
}));

/**
 * What a change on `key` is made from: this desk's latest change on that key the hub has not
 * settled yet (edits in a row build on each other), else the hub's version this desk last saw
 * (0: the hub never set it, as far as this desk knows).
 */
export function baseVersionOf(db: Database, key: string): BaseVersion {
  const s = statements(db);
  return s.pendingOnKey.get(key) ?? s.hubVersion.get(key) ?? 0;
}

export function enqueueOutbox(db: Database, entry: OutboxEntry): void {
  const s = statements(db);
  const keys = [...new Set(entry.keys)];
  const base = Object.fromEntries(keys.map((key) => [key, entry.baseOverrides?.[key] ?? baseVersionOf(db, key)]));
  s.insert.run(entry.mutationId, entry.name, canonicalJson(entry.args), entry.dossierId, canonicalJson(base), entry.createdAt);
  for (const key of keys) s.insertKey.run(key, entry.mutationId);
}
