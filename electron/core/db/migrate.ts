import type { Database } from 'better-sqlite3-multiple-ciphers';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target` in one transaction: a crash leaves the file at its old
 * version, never between two migrations. The caller has refused a file newer than this build.
 */
export function migrate(db: Database, target: number = LATEST_SCHEMA_VERSION): void {
  const current = schemaVersion(db);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
