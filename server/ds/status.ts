/**
 * Where the DS connector stands, for administrators: read from the database alone (no call to DS,
 * no token: it answers even when the token's key is missing), in the shape of shared DsStatus.
 */
import { DS_STATUS_ERRORS, DS_STATUS_PUSHES, DsStatus, type DsPushEntry } from '../../shared/sync/ds-status';
import type { Queryable } from '../db/database';
import { recentDsErrors } from './error-log';

const LastRun = DsStatus.shape.lastRun;

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export async function dsStatus(db: Queryable): Promise<DsStatus> {
  const config = await db.query<{ endpoint: string; demarches: number[] }>('SELECT endpoint, demarches FROM ds_config WHERE id = 1');
  const last = await db.query<{ last_summary: unknown }>(
    'SELECT last_summary FROM ds_import_state WHERE last_run_at IS NOT NULL ORDER BY last_run_at DESC LIMIT 1',
  );
  const success = await db.query<{ at: Date | string | null }>('SELECT max(last_success_at) AS at FROM ds_import_state');
  const dossiers = await db.query<{ live: number; deleted: number }>(
    'SELECT count(*) FILTER (WHERE deleted_at IS NULL)::integer AS live, count(*) FILTER (WHERE deleted_at IS NOT NULL)::integer AS deleted FROM ds_dossier',
  );
  const pushCounts = await db.query<{ pending: number; failed: number; review: number }>(
    `SELECT count(*) FILTER (WHERE state = 'pending')::integer AS pending,
            count(*) FILTER (WHERE state = 'failed')::integer AS failed,
            count(*) FILTER (WHERE state = 'review')::integer AS review
       FROM ds_push`,
  );
  const pushes = await db.query<{ number: number; kind: DsPushEntry['kind']; state: DsPushEntry['state']; last_error: string | null; updated_at: Date | string }>(
    `SELECT number, kind, state, last_error, updated_at FROM ds_push
      WHERE state IN ('review', 'failed') ORDER BY updated_at DESC, id DESC LIMIT $1`,
    [DS_STATUS_PUSHES],
  );
  const row = config.rows[0];
  // A stored run this version cannot read is shown as no run rather than failing the whole status.
  const lastRun = LastRun.safeParse(last.rows[0]?.last_summary ?? null);
  return DsStatus.parse({
    configured: row !== undefined,
    endpoint: row?.endpoint ?? null,
    demarches: row?.demarches ?? [],
    lastRun: lastRun.success ? lastRun.data : null,
    lastSuccessAt: iso(success.rows[0]?.at ?? null),
    counts: {
      dossiers: dossiers.rows[0]!.live,
      deleted: dossiers.rows[0]!.deleted,
      pushPending: pushCounts.rows[0]!.pending,
      pushFailed: pushCounts.rows[0]!.failed,
      pushReview: pushCounts.rows[0]!.review,
    },
    pushes: pushes.rows.map((push) => ({ number: push.number, kind: push.kind, state: push.state, lastError: push.last_error, updatedAt: iso(push.updated_at) })),
    errors: await recentDsErrors(db, DS_STATUS_ERRORS),
  });
}
