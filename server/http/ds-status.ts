/** `GET /v1/admin/ds/status`: where the DS connector stands, for administrateur accounts only. */
import type { FastifyInstance } from 'fastify';
import type { DsStatus } from '../../shared/sync/ds-status';
import type { HubDatabase } from '../db/database';
import { dsStatus } from '../ds/status';
import { principalOf, requireRole } from './auth';

/** Registered on the scope guarded by the device token. */
export function registerDsStatusRoute(guarded: FastifyInstance, db: HubDatabase): void {
  guarded.get('/v1/admin/ds/status', async (request): Promise<DsStatus> => {
    requireRole(principalOf(request), 'administrateur');
    return dsStatus(db);
  });
}
