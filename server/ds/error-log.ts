/**
 * The connector's recent errors, for operators (the status endpoint and view): one row per
 * problem met during a run, the dossier's number when there is one. Messages never hold the token.
 */
import type { Queryable } from '../db/database';

export type DsPhase = 'import' | 'push' | 'check';

export interface DsErrorEntry {
  at: string;
  phase: DsPhase;
  number: number | null;
  message: string;
}

/** Errors kept for the status view; older ones are dropped as new ones come. */
export const KEPT_ERRORS = 200;

export async function recordDsError(db: Queryable, entry: { phase: DsPhase; number?: number | null; message: string }, at: Date = new Date()): Promise<void> {
  await db.query('INSERT INTO ds_error (at, phase, number, message) VALUES ($1, $2, $3, $4)', [at.toISOString(), entry.phase, entry.number ?? null, entry.message.slice(0, 2000)]);
  await db.query('DELETE FROM ds_error WHERE id <= (SELECT max(id) FROM ds_error) - $1', [KEPT_ERRORS]);
}

export async function recentDsErrors(db: Queryable, limit = 50): Promise<DsErrorEntry[]> {
  const { rows } = await db.query<{ at: Date; phase: DsPhase; number: number | null; message: string }>(
    'SELECT at, phase, number, message FROM ds_error ORDER BY id DESC LIMIT $1',
    [limit],
  );
  return rows.map((row) => ({ at: new Date(row.at).toISOString(), phase: row.phase, number: row.number, message: row.message }));
}
