import type { Queryable } from '../database';

/** One step of the hub's schema, applied once in its own transaction and recorded in hub_migration. */
export interface HubMigration {
  version: number;
  name: string;
  up(tx: Queryable): Promise<void>;
}
