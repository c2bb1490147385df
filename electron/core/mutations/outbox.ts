/** The outbox: the intents the hub will replay, each with its mutation id and client sequence. */
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from './canonical-json';

export interface OutboxEntry {
  mutationId: string;
  name: string;
  args: unknown;
  createdAt: string;
}

const insertByDb = new WeakMap<Database, Statement<[string, string, string, string]>>();

export function enqueueOutbox(db: Database, entry: OutboxEntry): void {
  let insert = insertByDb.get(db);
  if (!insert) {
    insert = db.prepare<[string, string, string, string]>(
      `INSERT INTO outbox (mutation_id, name, args, created_at, state) VALUES (?, ?, ?, ?, 'waiting')`,
    );
    insertByDb.set(db, insert);
  }
  insert.run(entry.mutationId, entry.name, canonicalJson(entry.args), entry.createdAt);
}
