/** Every migration of the hub's schema, in order; a new one is appended with the next version. */
import type { HubMigration } from './migration';
import { syncMigration } from './001-sync';

export const HUB_MIGRATIONS: readonly HubMigration[] = [syncMigration];
