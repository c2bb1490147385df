/** Every migration of the hub's schema, in order; a new one is appended with the next version. */
import type { HubMigration } from './migration';
import { syncMigration } from './001-sync';
import { usersMigration } from './002-users';
import { dsMigration } from './003-ds';

export const HUB_MIGRATIONS: readonly HubMigration[] = [syncMigration, usersMigration, dsMigration];
