/** The outbox: the intents the hub will replay, each with its mutation id and client sequence. */
import type { Database } from 'better-sqlite3';
import { statementsFor } from '../db/statements';
import { canonicalJson } from './canonical-json';

export interface OutboxEntry {
  mutationId: string;
  name: string;
  args: unknown;
  createdAt: string;
}

const insertStatement = statementsFor((db) =>
  db.prepare<[string, string, string, string]>(
    `INSERT INTO outbox (mutation_id, name, args, created_at, state) VALUES (?, ?, ?, ?, 'waiting')`,
  ),
);

export function enqueueOutbox(db: Database, entry: OutboxEntry): void {
  insertStatement(db).run(entry.mutationId, entry.name, canonicalJson(entry.args), entry.createdAt);
}
