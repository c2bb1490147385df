/**
 * Brings the hub's schema up to date: each migration in its own transaction, recorded in
 * hub_migration. Hub processes starting together on one server take turns (an advisory lock).
 */
import type { HubDatabase, Queryable } from './database';
import { HUB_MIGRATIONS } from './migrations';
import type { HubMigration } from './migrations/migration';

/** Any fixed number: hub processes agree on it to take turns migrating. */
const MIGRATION_LOCK = 5_141_815;

export class HubSchemaTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`This hub database has schema version ${found}, written by a newer Relais hub (this one knows up to ${known}). Run the newer hub, or restore a backup made for this version.`);
    this.name = 'HubSchemaTooNewError';
  }
}

async function lockedVersions(tx: Queryable): Promise<Set<number>> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await tx.exec(`CREATE TABLE IF NOT EXISTS hub_migration (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM hub_migration');
  return new Set(rows.map((row) => row.version));
}

export async function migrateHub(db: HubDatabase, migrations: readonly HubMigration[] = HUB_MIGRATIONS): Promise<void> {
  const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  // The first pass (null) only checks the database is not newer, before any migration runs.
  for (const migration of [null, ...migrations]) {
    await db.transaction(async (tx) => {
      const applied = await lockedVersions(tx);
      const newest = Math.max(0, ...applied);
      if (newest > known) throw new HubSchemaTooNewError(newest, known);
      if (migration === null || applied.has(migration.version)) return;
      await migration.up(tx);
      await tx.query('INSERT INTO hub_migration (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    });
  }
}
