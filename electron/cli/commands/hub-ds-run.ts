/**
 * `relais hub ds sync --once [--json]` (one run of the connector: import, then sending to DS) and
 * `relais hub ds status [--json]` (where it stands), for the hub's administrator.
 */
import type { Command } from 'commander';
import type { DsErrorEntry, DsStatus } from '../../../shared/sync/ds-status';
import type { HubDatabase } from '../../../server/db/database';
import { DsApiError } from '../../../server/ds/client';
import { openDsConnection } from '../../../server/ds/connection';
import { recentDsErrors } from '../../../server/ds/error-log';
import { DsSyncBusyError, DsSyncFailedError, runDsSync, type DsSyncSummary } from '../../../server/ds/run';
import { dsStatus } from '../../../server/ds/status';
import { DsTokenKeyError } from '../../../server/ds/token-cipher';
import { withHubDatabase } from '../../../server/main';
import { EXIT_FAILURE } from '../exit-codes';
import { t } from '../i18n';
import { hubDatabaseOf, withDatabaseOptions } from './hub';

interface DatabaseOptions {
  data?: string;
  databaseUrl?: string;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A sentence on stderr and exit code 1: the run did not happen or stopped short. */
function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = EXIT_FAILURE;
}

const SUMMARY_FIGURES = ['imported', 'updated', 'deleted', 'files', 'messages', 'avis', 'pushed', 'review', 'failed', 'pending', 'errors'] as const;

function errorLine(entry: DsErrorEntry, prefix: 'dsSync' | 'dsStatus'): string {
  const values = { at: entry.at, phase: t(`cli.hub.dsStatus.phases.${entry.phase}`), number: entry.number, message: entry.message };
  return t(entry.number === null ? `cli.hub.${prefix}.errorNoDossier` : `cli.hub.${prefix}.error`, values);
}

function failureSentence(error: DsSyncFailedError): string {
  const reason = error.reason;
  if (reason instanceof DsApiError && reason.code === 'unauthorized') return t('cli.hub.dsSync.unauthorized');
  if (reason instanceof DsApiError && ['network', 'timeout', 'rate_limited'].includes(reason.code)) return t('cli.hub.dsSync.unreachable', { detail: reason.message });
  return t('cli.hub.dsSync.stopped', { message: error.message });
}

async function printSummary(db: HubDatabase, summary: DsSyncSummary): Promise<void> {
  for (const figure of SUMMARY_FIGURES) print(t(`cli.hub.dsSync.${figure}`, { count: summary[figure] }));
  if (summary.errors === 0) return;
  // The errors of this run: those recorded since it started, oldest first.
  const errors = (await recentDsErrors(db, summary.errors)).filter((entry) => entry.at >= summary.startedAt).reverse();
  for (const entry of errors) print(errorLine(entry, 'dsSync'));
}

async function syncOnce(options: DatabaseOptions & { json?: boolean }): Promise<void> {
  await withHubDatabase(hubDatabaseOf(options), async (db) => {
    let connection;
    try {
      connection = await openDsConnection(db);
    } catch (error) {
      if (error instanceof DsTokenKeyError) return fail(t(`cli.hub.ds.keyProblem.${error.problem}`, { file: error.keyFile }));
      throw error;
    }
    if (!connection) return fail(t('cli.hub.dsSync.notConfigured'));
    try {
      const summary = await runDsSync(db, connection);
      if (options.json) {
        const { imported, updated, deleted, files, messages, avis, errors, pushed, review, failed, pending, startedAt, finishedAt } = summary;
        return print(JSON.stringify({ imported, updated, deleted, files, messages, avis, errors, pushed, review, failed, pending, startedAt, finishedAt }));
      }
      await printSummary(db, summary);
    } catch (error) {
      if (error instanceof DsSyncBusyError) {
        // Not a failure: the run under way does the work (a cron line beside the hub's own runs).
        return print(options.json ? JSON.stringify({ skipped: true, reason: error.message }) : t('cli.hub.dsSync.busy'));
      }
      if (error instanceof DsSyncFailedError) return fail(failureSentence(error));
      throw error;
    }
  });
}

function statusLines(status: DsStatus): string[] {
  if (!status.configured) return [t('cli.hub.dsStatus.notConfigured')];
  const lines = [t('cli.hub.dsStatus.configured', { endpoint: status.endpoint, demarches: status.demarches.join(', ') })];
  const run = status.lastRun;
  if (!run) lines.push(t('cli.hub.dsStatus.never'));
  else if (run.failure !== null) lines.push(t('cli.hub.dsStatus.lastRunFailed', { ...run }));
  else lines.push(t('cli.hub.dsStatus.lastRun', { ...run }));
  if (run?.summary) lines.push(t('cli.hub.dsStatus.figures', { ...run.summary }));
  lines.push(status.lastSuccessAt ? t('cli.hub.dsStatus.lastSuccess', { date: status.lastSuccessAt }) : t('cli.hub.dsStatus.noSuccess'));
  lines.push(t('cli.hub.dsStatus.dossiers', { count: status.counts.dossiers, deleted: status.counts.deleted }));
  lines.push(t('cli.hub.dsStatus.pushes', { pending: status.counts.pushPending, review: status.counts.pushReview, failed: status.counts.pushFailed }));
  for (const push of status.pushes) {
    const state = t(push.state === 'review' ? 'cli.hub.dsStatus.reviewState' : 'cli.hub.dsStatus.failedState');
    lines.push(t('cli.hub.dsStatus.push', { number: push.number, kind: push.kind, state, date: push.updatedAt, reason: push.lastError ? ` — ${push.lastError}` : '' }));
  }
  if (status.errors.length > 0) lines.push(t('cli.hub.dsStatus.recentErrors'), ...status.errors.map((entry) => errorLine(entry, 'dsStatus')));
  return lines;
}

/** Adds `sync` and `status` to the `relais hub ds` command. */
export function registerDsRunCommands(ds: Command): void {
  withDatabaseOptions(ds.command('sync').description(t('cli.hub.dsSync.description')))
    .requiredOption('--once', t('cli.hub.dsSync.once'))
    .option('--json', t('cli.hub.json'))
    .action(syncOnce);

  withDatabaseOptions(ds.command('status').description(t('cli.hub.dsStatus.description')))
    .option('--json', t('cli.hub.json'))
    .action((options: DatabaseOptions & { json?: boolean }) =>
      withHubDatabase(hubDatabaseOf(options), async (db) => {
        const status = await dsStatus(db);
        if (options.json) return print(JSON.stringify(status));
        for (const line of statusLines(status)) print(line);
      }),
    );
}
