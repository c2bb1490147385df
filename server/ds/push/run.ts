/**
 * The push half of a DS run: queue the hub's new events, then send each pending change in order.
 * A change DS refuses, or that cannot be made, is `failed` for operators to see; one DS could not
 * be reached for stays `pending` and is tried again by the next runs, up to MAX_ATTEMPTS. A refused
 * token stops the run: nothing else could be sent.
 */
import type { HubDatabase } from '../../db/database';
import { DsApiError } from '../client';
import type { DsConnection } from '../connection';
import { recordDsError } from '../error-log';
import { queueHubEvents } from './queue';
import { PushSender, type PushOutcome, type PushRow } from './send';

export interface DsPushSummary {
  pushed: number;
  review: number;
  failed: number;
  pending: number;
  errors: number;
}

export const MAX_ATTEMPTS = 10;

/** Errors that say nothing about the change itself: DS busy, late or out of reach. */
function isTransient(error: unknown): error is DsApiError {
  if (!(error instanceof DsApiError)) return false;
  if (['timeout', 'network', 'rate_limited'].includes(error.code)) return true;
  return error.code === 'http' && (error.details.status === undefined || error.details.status >= 500);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function pushToDs(db: HubDatabase, connection: DsConnection, options: { now?: () => Date } = {}): Promise<DsPushSummary> {
  const now = options.now ?? (() => new Date());
  const summary: DsPushSummary = { pushed: 0, review: 0, failed: 0, pending: 0, errors: 0 };
  await queueHubEvents(db, now());
  const sender = new PushSender(db, connection, now);
  const { rows } = await db.query<PushRow>(
    `SELECT id, event_seq, kind, dossier_id, number, attempts, first_sent_at, payload, progress FROM ds_push WHERE state = 'pending' ORDER BY id`,
  );
  // A dossier's changes go in their order: one left pending holds back the later ones of its dossier.
  const held = new Set<string>();
  for (const row of rows) {
    if (held.has(row.dossier_id)) continue;
    const attempts = row.attempts + 1;
    let outcome: PushOutcome;
    try {
      outcome = await sender.send(row);
    } catch (error) {
      if (error instanceof DsApiError && error.code === 'unauthorized') throw error;
      const reason = `Sending ${row.kind} of dossier ${row.number} to DS failed: ${messageOf(error)}`;
      if (isTransient(error) && attempts < MAX_ATTEMPTS) {
        summary.errors++;
        await recordDsError(db, { phase: 'push', number: row.number, message: reason }, now());
        await db.query('UPDATE ds_push SET attempts = $2, last_error = $3, updated_at = $4 WHERE id = $1', [row.id, attempts, reason, now().toISOString()]);
        held.add(row.dossier_id);
        continue;
      }
      outcome = { state: 'failed', reason: isTransient(error) ? `${reason} (${attempts} attempts)` : reason };
    }
    const reason = outcome.state === 'done' ? null : outcome.reason;
    await db.query('UPDATE ds_push SET state = $2, attempts = $3, last_error = $4, updated_at = $5 WHERE id = $1', [row.id, outcome.state, attempts, reason, now().toISOString()]);
    if (outcome.state === 'done') summary.pushed++;
    else if (outcome.state === 'review') summary.review++;
    else {
      summary.failed++;
      summary.errors++;
      await recordDsError(db, { phase: 'push', number: row.number, message: reason! }, now());
    }
  }
  summary.errors += sender.errors;
  const { rows: pending } = await db.query<{ count: string }>(`SELECT count(*) AS count FROM ds_push WHERE state = 'pending'`);
  summary.pending = Number(pending[0]!.count);
  return summary;
}
