/** The `sync_state` table: the desk's sync facts by key (account, hub id, pull cursor, last round). */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { statementsFor } from '../db/statements';

const statements = statementsFor((db) => ({
  get: db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck(),
  set: db.prepare<[string, string]>('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  delete: db.prepare<[string]>('DELETE FROM sync_state WHERE key = ?'),
}));

export function readSyncState(db: Database, key: string): string | undefined {
  return statements(db).get.get(key);
}

export function writeSyncState(db: Database, key: string, value: string): void {
  statements(db).set.run(key, value);
}

export function deleteSyncState(db: Database, key: string): void {
  statements(db).delete.run(key);
}
