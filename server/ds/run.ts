/**
 * One run of the DS connector: the import (DS → hub), then the push (hub → DS), one run at a time
 * across every hub process of a database, its outcome stored for the status view.
 */
import type { DsStatus } from '../../shared/sync/ds-status';
import type { HubDatabase, Queryable } from '../db/database';
import { DsApiError } from './client';
import type { DsConnection } from './connection';
import { recordDsError, type DsPhase } from './error-log';
import { importFromDs, type DsImportSummary } from './import/run';
import { pushToDs, type DsPushSummary } from './push/run';

export type DsSyncSummary = DsImportSummary & DsPushSummary & { startedAt: string; finishedAt: string };

/** What `ds_import_state.last_summary` holds: the last run, complete or stopped short. */
type DsLastRun = NonNullable<DsStatus['lastRun']>;

/** Another run holds the lock (this process's scheduler, or another hub process on the same database). */
export class DsSyncBusyError extends Error {
  constructor() {
    super('A DS run is already under way on this hub database: this one was skipped; the next one starts after it.');
    this.name = 'DsSyncBusyError';
  }
}

/** The run stopped short: `reason` is the error that stopped it (DsApiError…), `message` the sentence stored. */
export class DsSyncFailedError extends Error {
  constructor(
    message: string,
    readonly reason: unknown,
  ) {
    super(message);
    this.name = 'DsSyncFailedError';
  }
}

/** `pg_advisory` key of the connector's run: "RLSDS" in ASCII, apart from any other lock of the hub. */
export const DS_RUN_LOCK_KEY = 0x524c534453;

/** Runs in this process: a PGlite session holds advisory locks re-entrantly, and its folder has one process anyway. */
const running = new WeakSet<HubDatabase>();

/**
 * Runs `work` holding the connector's lock. On PostgreSQL it is a transaction-level advisory lock
 * of a transaction left open for the run (the work itself goes through other connections of the
 * pool): it is released when the run ends, or when its process dies and the server drops the
 * connection. A PGlite folder is opened by one process only, so the in-process guard suffices.
 */
async function withRunLock<T>(db: HubDatabase, work: () => Promise<T>): Promise<T> {
  if (running.has(db)) throw new DsSyncBusyError();
  running.add(db);
  try {
    if (db.kind === 'pglite') return await work();
    return await db.transaction(async (tx) => {
      // The transaction idles while the run works: a server set to end idle transactions must not end this one.
      await tx.query('SET LOCAL idle_in_transaction_session_timeout = 0');
      const { rows } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [DS_RUN_LOCK_KEY]);
      if (!rows[0]!.locked) throw new DsSyncBusyError();
      return work();
    });
  } finally {
    running.delete(db);
  }
}

/** A sentence for administrators saying why a run stopped short and what to do (never the token: DsApiError keeps it out). */
function failureSentence(error: unknown): string {
  if (error instanceof DsApiError) {
    switch (error.code) {
      case 'unauthorized':
        return 'DS refused the token (expired, revoked, or not allowed from this network): give a new one with “relais hub ds configure”.';
      case 'network':
      case 'timeout':
      case 'rate_limited':
        return `DS could not be reached (${error.message}): the next run tries again.`;
      default:
        return `The run stopped on an answer of DS: ${error.message}.`;
    }
  }
  return `The run stopped on an error of the hub: ${error instanceof Error ? error.message : String(error)}.`;
}

async function storeLastRun(db: Queryable, demarches: number[], run: DsLastRun, succeeded: boolean): Promise<void> {
  await db.query(
    `INSERT INTO ds_import_state (demarche, last_run_at, last_success_at, last_summary)
       SELECT demarche, $2, $3, $4 FROM unnest($1::integer[]) AS demarche
     ON CONFLICT (demarche) DO UPDATE SET
       last_run_at = EXCLUDED.last_run_at,
       last_success_at = COALESCE(EXCLUDED.last_success_at, ds_import_state.last_success_at),
       last_summary = EXCLUDED.last_summary`,
    [demarches, run.startedAt, succeeded ? run.finishedAt : null, JSON.stringify(run)],
  );
}

/**
 * Imports then pushes. Errors on one dossier are counted in the summary (and in ds_error) and the
 * run goes on; an error that stops the run (DS unreachable, the token refused) is stored as the
 * last run's failure and in ds_error, then thrown as DsSyncFailedError. A run while another holds
 * the lock throws DsSyncBusyError and stores nothing.
 */
export async function runDsSync(db: HubDatabase, connection: DsConnection, options: { now?: () => Date } = {}): Promise<DsSyncSummary> {
  const now = options.now ?? (() => new Date());
  return withRunLock(db, async () => {
    const startedAt = now().toISOString();
    const demarches = connection.config.demarches;
    let phase: DsPhase = 'import';
    try {
      const imported = await importFromDs(db, connection, { now });
      phase = 'push';
      const pushed = await pushToDs(db, connection, { now });
      const summary: DsSyncSummary = {
        imported: imported.imported,
        updated: imported.updated,
        deleted: imported.deleted,
        files: imported.files,
        messages: imported.messages,
        avis: imported.avis,
        errors: imported.errors + pushed.errors,
        pushed: pushed.pushed,
        review: pushed.review,
        failed: pushed.failed,
        pending: pushed.pending,
        startedAt,
        finishedAt: now().toISOString(),
      };
      await storeLastRun(db, demarches, { startedAt, finishedAt: summary.finishedAt, summary, failure: null }, summary.errors === 0);
      return summary;
    } catch (error) {
      const failure = failureSentence(error);
      const finishedAt = now();
      await recordDsError(db, { phase, message: failure }, finishedAt);
      await storeLastRun(db, demarches, { startedAt, finishedAt: finishedAt.toISOString(), summary: null, failure }, false);
      throw new DsSyncFailedError(failure, error);
    }
  });
}
