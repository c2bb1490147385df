/**
 * Opens the hub's database, a PostgreSQL server or an embedded PGlite data folder, and brings its
 * schema up to date; a database written by a newer hub is refused before anything is changed.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { HubDatabase } from './database';
import { migrateHub } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export type HubDatabaseOptions = { databaseUrl: string } | { dataDir: string };

/** Where PGlite keeps its files inside the hub's data folder. */
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

export async function openHubDatabase(options: HubDatabaseOptions): Promise<HubDatabase> {
  let db: HubDatabase;
  if ('databaseUrl' in options) {
    db = openPostgres(options.databaseUrl);
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    db = await openPglite(pgliteFolder(options.dataDir));
  }
  try {
    await migrateHub(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
