/**
 * `relais hub`: runs the hub (an embedded PGlite folder by default, or a PostgreSQL server) and
 * administers it: `relais hub demo`, `relais hub user add|code|list`, `relais hub device list|revoke`.
 */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { z } from 'zod';
import { RelaisError } from '../../../shared/errors';
import { Id, TerritoryId } from '../../../shared/domain/dossier';
import { HUB_ROLES, HubRole, type HubUser } from '../../../shared/sync/protocol';
import type { HubDatabase } from '../../../server/db/database';
import type { HubDatabaseOptions } from '../../../server/db/open';
import { HubError } from '../../../server/errors';
import { seedHubDemo, type HubDemoPhase } from '../../../server/demo/seed';
import { startHub, withHubDatabase } from '../../../server/main';
import { proxyList, type TrustedProxies } from '../../../server/http/proxy';
import { listDevices, revokeDevice, revokeUserDevices, type DeviceInfo } from '../../../server/users/devices';
import { addUser, issueEnrolmentCode, listUsers, userByEmail, type EnrolmentCode } from '../../../server/users/users';
import { DEFAULT_DEMO_SEED } from '../../core/demo/generate';
import { t } from '../i18n';
import { phaseProgressBar } from '../progress';
import { parseCount, parseSeed } from './demo';
import { userDataDir } from '../user-data';
import { registerDsCommands } from './hub-ds';

/** The one line scripts and tests wait for. */
export const HUB_READY_PREFIX = 'Relais hub ready: ';

/** Where the URL may come from instead of the command line, which other users of the machine can read. */
export const DATABASE_URL_VARIABLE = 'RELAIS_HUB_DATABASE_URL';

interface DatabaseOptions {
  data?: string;
  databaseUrl?: string;
}

/** `$XDG_DATA_HOME/relais-hub` (or the platform's equivalent), beside the desk's own folder. */
export function defaultHubFolder(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(userDataDir(env)), 'relais-hub');
}

/** --database-url, --data, the URL of the environment, or the default folder, in that order. */
export function hubDatabaseOf(options: DatabaseOptions, env: NodeJS.ProcessEnv = process.env): HubDatabaseOptions {
  if (options.databaseUrl !== undefined) return { databaseUrl: options.databaseUrl };
  if (options.data !== undefined) return { dataDir: options.data };
  const fromEnv = env[DATABASE_URL_VARIABLE];
  return fromEnv ? { databaseUrl: fromEnv } : { dataDir: defaultHubFolder(env) };
}

export function withDatabaseOptions(command: Command): Command {
  return command
    .addOption(new Option('--data <dir>', t('cli.hub.data', { path: defaultHubFolder() })).conflicts('databaseUrl'))
    .option('--database-url <url>', t('cli.hub.databaseUrl', { variable: DATABASE_URL_VARIABLE }));
}

function parseWith<T>(schema: z.ZodType<T>, message: string): (text: string) => T {
  return (text) => {
    const parsed = schema.safeParse(text);
    if (!parsed.success) throw new InvalidArgumentError(message);
    return parsed.data;
  };
}

const parsePort = parseWith(z.string().regex(/^\d+$/).transform(Number).pipe(z.number().max(65535)), t('cli.serve.badPort'));
const parseMinutes = parseWith(z.string().regex(/^\d+$/).transform(Number).pipe(z.number().max(24 * 60)), t('cli.hub.badDsInterval'));
const parseEmail = parseWith(z.email(), t('cli.hub.badEmail'));
const parseRole = parseWith(HubRole, t('cli.hub.badRole', { roles: HUB_ROLES.join(', ') }));
/** `--trust-proxy` alone believes any proxy; with addresses, those only (server/http/proxy.ts). */
function parseTrustProxy(text: string): string[] {
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    proxyList(entries);
  } catch {
    throw new InvalidArgumentError(t('cli.hub.badTrustProxy'));
  }
  if (entries.length === 0) throw new InvalidArgumentError(t('cli.hub.badTrustProxy'));
  return entries;
}
const parseTerritory = (text: string, previous: string[] = []) => [...previous, parseWith(TerritoryId, t('cli.hub.badTerritory'))(text)];

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function serveHub(options: DatabaseOptions & { port?: number; host?: string; trustProxy?: TrustedProxies; dsInterval: number }): Promise<void> {
  // Unexpected errors go to stderr as JSON lines; stdout carries only the ready line.
  const hub = await startHub({
    ...hubDatabaseOf(options),
    port: options.port,
    host: options.host,
    trustProxy: options.trustProxy ?? false,
    dsIntervalMinutes: options.dsInterval,
    logger: { level: 'warn', stream: process.stderr },
  });
  const stop = async () => {
    try {
      await hub.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  print(`${HUB_READY_PREFIX}${hub.url}`);
}

async function seedDemo(options: DatabaseOptions & { count: number; seed: number }): Promise<void> {
  await withHubDatabase(hubDatabaseOf(options), async (db) => {
    const started = performance.now();
    const bar = phaseProgressBar<HubDemoPhase>((phase) => t(`demo.phases.${phase}`));
    try {
      const summary = await seedHubDemo(db, { count: options.count, seed: options.seed, onProgress: bar.update });
      bar.stop();
      print(t('cli.hub.demo.summary', { count: summary.dossiers, blobs: summary.blobs, seconds: ((performance.now() - started) / 1000).toFixed(1) }));
    } catch (error) {
      bar.stop();
      throw error;
    }
  });
}

function printCode(user: HubUser, { code, expiresAt }: EnrolmentCode, json: boolean): void {
  if (json) return print(JSON.stringify({ user, code, expiresAt }));
  print(t('cli.hub.user.code', { name: user.name, email: user.email, role: user.role, code, expires: expiresAt }));
}

function deviceLine(device: DeviceInfo, now = Date.now()): string {
  const state = device.revokedAt
    ? t('cli.hub.device.revokedOn', { date: device.revokedAt })
    : Date.parse(device.expiresAt) <= now
      ? t('cli.hub.device.expiredOn', { date: device.expiresAt })
      : t('cli.hub.device.activeUntil', { date: device.expiresAt });
  const seen = device.lastSeenAt ? t('cli.hub.device.lastSeen', { date: device.lastSeenAt }) : t('cli.hub.device.neverSeen');
  return `${device.id}  ${device.userEmail}  « ${device.name} »  ${state}  ${seen}`;
}

async function revokeOneDevice(db: HubDatabase, id: string): Promise<void> {
  if (!Id.safeParse(id).success) throw new RelaisError('hub_device_unknown', { id });
  const revoked = await revokeDevice(db, id).catch((error: unknown) => {
    if (error instanceof HubError && error.code === 'not_found') throw new RelaisError('hub_device_unknown', { id });
    throw error;
  });
  print(t('cli.hub.device.revoked', { id: revoked.id, name: revoked.name, email: revoked.userEmail }));
}

async function revokePerson(db: HubDatabase, email: string): Promise<void> {
  const devices = await revokeUserDevices(db, email);
  if (!devices) throw new RelaisError('not_found', { what: email });
  print(t('cli.hub.device.revokedAll', { count: devices.length, email }));
}

export function register(program: Command): void {
  const hub = withDatabaseOptions(program.command('hub').description(t('cli.hub.description')))
    .option('--port <port>', t('cli.hub.port'), parsePort)
    .option('--host <address>', t('cli.hub.host'))
    .option('--trust-proxy [addresses]', t('cli.hub.trustProxy'), parseTrustProxy)
    .option('--ds-interval <minutes>', t('cli.hub.dsInterval'), parseMinutes, 5)
    // `relais hub --data D` serves D; in `relais hub user add --data D`, --data is the subcommand's.
    .enablePositionalOptions()
    .action(serveHub);

  withDatabaseOptions(hub.command('demo').description(t('cli.hub.demo.description')))
    .requiredOption('--count <n>', t('demo.count'), parseCount)
    .option('--seed <s>', t('demo.seed'), parseSeed, DEFAULT_DEMO_SEED)
    .action(seedDemo);

  const user = hub.command('user').description(t('cli.hub.user.description'));
  withDatabaseOptions(user.command('add').description(t('cli.hub.user.add')))
    .requiredOption('--email <email>', t('cli.hub.user.email'), parseEmail)
    .requiredOption('--name <name>', t('cli.hub.user.name'))
    .requiredOption('--role <role>', t('cli.hub.user.role', { roles: HUB_ROLES.join('|') }), parseRole)
    .option('--territory <ti-XXXX>', t('cli.hub.user.territory'), parseTerritory)
    .option('--json', t('cli.hub.json'))
    .action((options: DatabaseOptions & { email: string; name: string; role: HubRole; territory?: string[]; json?: boolean }) =>
      withHubDatabase(hubDatabaseOf(options), async (db) => {
        const { user: added, ...code } = await addUser(db, { email: options.email, name: options.name, role: options.role, territories: options.territory ?? [] });
        printCode(added, code, options.json === true);
      }),
    );

  withDatabaseOptions(user.command('code').description(t('cli.hub.user.newCode')))
    .requiredOption('--email <email>', t('cli.hub.user.email'), parseEmail)
    .option('--json', t('cli.hub.json'))
    .action((options: DatabaseOptions & { email: string; json?: boolean }) =>
      withHubDatabase(hubDatabaseOf(options), async (db) => {
        const found = await userByEmail(db, options.email);
        if (!found) throw new RelaisError('not_found', { what: options.email });
        printCode(found, await issueEnrolmentCode(db, found.id), options.json === true);
      }),
    );

  withDatabaseOptions(user.command('list').description(t('cli.hub.user.list')))
    .option('--json', t('cli.hub.json'))
    .action((options: DatabaseOptions & { json?: boolean }) =>
      withHubDatabase(hubDatabaseOf(options), async (db) => {
        const users = await listUsers(db);
        if (options.json) return print(JSON.stringify(users));
        for (const one of users) print(`${one.email}  ${one.name}  ${one.role}  ${one.territories.join(' ') || '—'}`);
      }),
    );

  const device = hub.command('device').description(t('cli.hub.device.description'));
  withDatabaseOptions(device.command('list').description(t('cli.hub.device.list')))
    .option('--email <email>', t('cli.hub.device.email'), parseEmail)
    .option('--json', t('cli.hub.json'))
    .action((options: DatabaseOptions & { email?: string; json?: boolean }) =>
      withHubDatabase(hubDatabaseOf(options), async (db) => {
        const devices = await listDevices(db, options.email);
        if (options.json) return print(JSON.stringify(devices));
        if (devices.length === 0) return print(t('cli.hub.device.none'));
        for (const one of devices) print(deviceLine(one));
      }),
    );

  withDatabaseOptions(device.command('revoke').description(t('cli.hub.device.revoke')))
    .argument('[id]', t('cli.hub.device.id'))
    .option('--email <email>', t('cli.hub.device.revokeEmail'), parseEmail)
    .action((id: string | undefined, options: DatabaseOptions & { email?: string }, command: Command) => {
      if ((id === undefined) === (options.email === undefined)) command.error(t('cli.hub.device.idOrEmail'), { exitCode: 2 });
      return withHubDatabase(hubDatabaseOf(options), (db) => (options.email !== undefined ? revokePerson(db, options.email) : revokeOneDevice(db, id!)));
    });

  registerDsCommands(hub);
}
