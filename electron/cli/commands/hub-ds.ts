/**
 * `relais hub ds …`: `configure` (DS's address, the token from an environment variable, the
 * démarches, the mapping, instructeur ids) and `check` (can the connector work as configured);
 * the runs' commands come from hub-ds-run.ts.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import type { HubDatabase } from '../../../server/db/database';
import { checkDs, type DsCheckProblem, type DsCheckReport } from '../../../server/ds/check';
import { DEFAULT_INSTRUCTEUR, saveDsConfig } from '../../../server/ds/config';
import { openDsConnection, type DsConnection } from '../../../server/ds/connection';
import { defaultMapping, readMappingFile, type DsMapping } from '../../../server/ds/mapping';
import { DsTokenKeyError, keyFilePath } from '../../../server/ds/token-cipher';
import { withHubDatabase } from '../../../server/main';
import { EXIT_FAILURE } from '../exit-codes';
import { t } from '../i18n';
import { hubDatabaseOf, withDatabaseOptions } from './hub';
import { registerDsRunCommands } from './hub-ds-run';

interface DatabaseOptions {
  data?: string;
  databaseUrl?: string;
}

interface ConfigureOptions extends DatabaseOptions {
  url: string;
  tokenEnv: string;
  demarche: number[];
  mapping?: string;
  instructeur?: [string, string][];
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = EXIT_FAILURE;
}

function parseUrl(text: string): string {
  if (!z.url({ protocol: /^https?$/ }).safeParse(text).success) throw new InvalidArgumentError(t('cli.hub.ds.configure.badUrl'));
  return text;
}

function parseDemarche(text: string, previous: number[] = []): number[] {
  if (!/^\d{1,9}$/.test(text) || Number(text) === 0) throw new InvalidArgumentError(t('cli.hub.ds.configure.badDemarche'));
  return [...previous, Number(text)];
}

function parseInstructeur(text: string, previous: [string, string][] = []): [string, string][] {
  // DS ids are base64 and may end in '=': the e-mail ends at the first one.
  const at = text.indexOf('=');
  const email = text.slice(0, at).trim().toLowerCase();
  const id = text.slice(at + 1).trim();
  const emailOk = email === DEFAULT_INSTRUCTEUR || z.email().safeParse(email).success;
  if (at <= 0 || !emailOk || id === '') throw new InvalidArgumentError(t('cli.hub.ds.configure.badInstructeur'));
  return [...previous, [email, id]];
}

function parseVariable(text: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) throw new InvalidArgumentError(t('cli.hub.ds.configure.badTokenEnv'));
  return text;
}

function keySentence(error: DsTokenKeyError): string {
  return t(`cli.hub.ds.keyProblem.${error.problem}`, { file: error.keyFile });
}

async function configure(options: ConfigureOptions): Promise<void> {
  const token = process.env[options.tokenEnv]?.trim();
  if (!token) return fail(t('cli.hub.ds.configure.noToken', { variable: options.tokenEnv }));
  let mapping: DsMapping;
  try {
    mapping = options.mapping ? readMappingFile(options.mapping) : defaultMapping();
  } catch (error) {
    return fail(t('cli.hub.ds.configure.badMapping', { message: (error as Error).message }));
  }
  const instructeurs = Object.fromEntries(options.instructeur ?? []);
  await withHubDatabase(hubDatabaseOf(options), async (db) => {
    await saveDsConfig(db, { endpoint: options.url, demarches: options.demarche, mapping, instructeurs }, token);
  });
  print(t('cli.hub.ds.configure.saved', { endpoint: options.url, demarches: [...new Set(options.demarche)].join(', ') }));
  print(t('cli.hub.ds.configure.savedMapping', { title: mapping.title, source: options.mapping ?? t('cli.hub.ds.configure.defaultMapping') }));
  const given = Object.entries(instructeurs);
  print(given.length > 0 ? t('cli.hub.ds.configure.savedInstructeurs', { list: given.map(([email, id]) => `${email} → ${id}`).join(', ') }) : t('cli.hub.ds.configure.noInstructeurs'));
  print(t('cli.hub.ds.configure.savedToken', { file: keyFilePath() }));
  print(t('cli.hub.ds.configure.next'));
}

function problemSentence(problem: DsCheckProblem): string {
  return t(`cli.hub.ds.check.problemSentences.${problem.code}`, { ...problem });
}

function printReport(report: DsCheckReport, json: boolean): void {
  if (json) {
    const problems = report.problems.map((problem) => ({ ...problem, message: problemSentence(problem) }));
    return print(JSON.stringify({ ok: problems.length === 0, endpoint: report.endpoint, demarches: report.demarches, problems }));
  }
  for (const demarche of report.demarches) print(t('cli.hub.ds.check.demarche', { ...demarche }));
  if (report.problems.length === 0) return print(t('cli.hub.ds.check.ok'));
  print(t('cli.hub.ds.check.problems', { count: report.problems.length }));
  for (const problem of report.problems) print(t('cli.hub.ds.check.problem', { sentence: problemSentence(problem) }));
}

async function check(options: DatabaseOptions & { json?: boolean }): Promise<void> {
  await withHubDatabase(hubDatabaseOf(options), async (db: HubDatabase) => {
    let connection: DsConnection | null;
    try {
      connection = await openDsConnection(db);
    } catch (error) {
      if (error instanceof DsTokenKeyError) return fail(keySentence(error));
      throw error;
    }
    if (!connection) return fail(t('cli.hub.ds.check.notConfigured'));
    const report = await checkDs(db, connection);
    printReport(report, options.json === true);
    if (report.problems.length > 0) process.exitCode = EXIT_FAILURE;
  });
}

/** `relais hub ds` and its subcommands. */
export function registerDsCommands(hub: Command): void {
  const ds = hub.command('ds').description(t('cli.hub.ds.description'));

  withDatabaseOptions(ds.command('configure').description(t('cli.hub.ds.configure.description')))
    .requiredOption('--url <url>', t('cli.hub.ds.configure.url'), parseUrl)
    .requiredOption('--token-env <variable>', t('cli.hub.ds.configure.tokenEnv'), parseVariable)
    .requiredOption('--demarche <number>', t('cli.hub.ds.configure.demarche'), parseDemarche)
    .option('--mapping <file>', t('cli.hub.ds.configure.mapping'))
    .option('--instructeur <email=id>', t('cli.hub.ds.configure.instructeur'), parseInstructeur)
    .action(configure);

  withDatabaseOptions(ds.command('check').description(t('cli.hub.ds.check.description')))
    .option('--json', t('cli.hub.json'))
    .action(check);

  registerDsRunCommands(ds);
}
