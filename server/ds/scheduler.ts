/**
 * The hub's periodic DS run (`relais hub --ds-interval`): a run at start, then one each interval
 * after the previous ended, so that runs never overlap in a process (across processes the run's
 * lock decides). The configuration is read again before each run: a connector configured while
 * the hub serves (on a PostgreSQL server) is picked up by the next run, one not configured is skipped.
 */
import type { HubDatabase } from '../db/database';
import { openDsConnection } from './connection';
import { recentDsErrors, recordDsError } from './error-log';
import { DsSyncBusyError, DsSyncFailedError, runDsSync, type DsSyncSummary } from './run';

export interface DsSchedulerLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface DsSchedulerOptions {
  intervalMs: number;
  log: DsSchedulerLog;
  connection?: Parameters<typeof openDsConnection>[1];
  now?: () => Date;
}

export interface DsScheduler {
  /** Stops planning runs and waits for the one under way, if any. */
  stop(): Promise<void>;
}

function summaryLine(summary: DsSyncSummary): string {
  return (
    `DS run done: ${summary.imported} dossiers imported, ${summary.updated} updated, ${summary.deleted} deleted on DS, ` +
    `${summary.files} files, ${summary.messages} messages, ${summary.avis} avis; ${summary.pushed} changes sent to DS, ` +
    `${summary.review} to review, ${summary.failed} failed, ${summary.pending} waiting; ${summary.errors} errors.`
  );
}

export function startDsScheduler(db: HubDatabase, options: DsSchedulerOptions): DsScheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  async function runOnce(): Promise<void> {
    try {
      const connection = await openDsConnection(db, options.connection);
      if (!connection) return;
      const summary = await runDsSync(db, connection, { now: options.now });
      // A run that met errors is worth a look: it reaches a log kept at the warn level.
      if (summary.errors > 0) options.log.warn(summaryLine(summary));
      else options.log.info(summaryLine(summary));
    } catch (error) {
      if (error instanceof DsSyncBusyError) options.log.info(error.message);
      else if (error instanceof DsSyncFailedError) options.log.warn(`DS run stopped short: ${error.message}`);
      else {
        // The connection could not be opened (a token the key no longer opens…): operators see it in the
        // status too, once while it lasts rather than at every interval, which would push out the other errors.
        const message = `The DS connector could not start its run: ${(error as Error).message}`;
        options.log.warn(message);
        const [latest] = await recentDsErrors(db, 1);
        if (latest?.message !== message) await recordDsError(db, { phase: 'import', message });
      }
    }
  }

  function plan(delayMs: number): void {
    timer = setTimeout(() => {
      current = runOnce()
        .catch((error: unknown) => options.log.warn(`The DS run's outcome could not be recorded: ${(error as Error).message}`))
        .then(() => {
          if (!stopped) plan(options.intervalMs);
        });
    }, delayMs);
    // A planned run does not keep the process alive on its own.
    timer.unref();
  }

  plan(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
