import type { Database } from 'better-sqlite3-multiple-ciphers';
import { schemaVersion } from '../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { takeBackup } from './take';

/**
 * Before migrations change a case file that holds data (not a new, empty one), a copy of it as it
 * was: a migration that goes wrong, or a newer Relais given back, can be undone by a restore.
 */
export function backupBeforeMigration(db: Database, { dataDir, key }: { dataDir: string; key: Buffer }): void {
  const version = schemaVersion(db);
  if (version > 0 && version < LATEST_SCHEMA_VERSION) takeBackup(db, { dataDir, key, reason: 'migration' });
}
