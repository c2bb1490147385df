/**
 * The hub `relais start` runs beside the demo case file: the embedded hub folder (PGlite, the
 * default of `relais hub`), seeded on first start with the same dossiers as the demo case file,
 * served by a `relais hub` child process so that its database work never holds up the desk's
 * host. The demo desk is signed in to it as a demo instructor of every territory the dossiers
 * are in, so that the first try shows synchronisation at work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { DEFAULT_DEMO_SEED } from '../core/demo/generate';
import { FIRST_RUN_DOSSIERS } from '../core/demo/first-run';
import { openSession } from '../core/session';
import { login, readAccount, rememberHubUrl } from '../core/sync/account';
import { HttpTransport } from '../core/sync/http-transport';
import { FileSecretStore } from '../core/sync/secret-store';
import { seedHubDemo } from '../../server/demo/seed';
import { withHubDatabase } from '../../server/main';
import { addUser, issueEnrolmentCode, userByEmail } from '../../server/users/users';
import type { HubDatabase } from '../../server/db/database';
import { defaultHubFolder, HUB_READY_PREFIX } from './commands/hub';
import { t } from './i18n';

export const DEMO_INSTRUCTOR = { email: 'camille.demo@relais.example', name: 'Camille Démo', role: 'instructeur' } as const;

const CLI_ENTRY = path.resolve(__dirname, 'relais.cjs');

export interface DemoHub {
  url: string;
  stop(): void;
}

/** Every territory the seeded dossiers are in: the demo instructor sees the whole demo. */
async function demoTerritories(db: HubDatabase): Promise<string[]> {
  const { rows } = await db.query<{ territory_id: string }>('SELECT DISTINCT territory_id FROM hub_dossier ORDER BY territory_id');
  return rows.map((row) => row.territory_id);
}

/** Seeds the hub folder when it is new, and gives a one-time code for the demo instructor. */
async function prepareDemoHub(hubDir: string, print: (line: string) => void): Promise<string> {
  const fresh = !existsSync(hubDir);
  if (fresh) print(t('cli.start.creatingHub', { path: hubDir }));
  return withHubDatabase({ dataDir: hubDir }, async (db) => {
    if (fresh) await seedHubDemo(db, { count: FIRST_RUN_DOSSIERS, seed: DEFAULT_DEMO_SEED });
    const existing = await userByEmail(db, DEMO_INSTRUCTOR.email);
    if (existing) return (await issueEnrolmentCode(db, existing.id)).code;
    return (await addUser(db, { ...DEMO_INSTRUCTOR, territories: await demoTerritories(db) })).code;
  });
}

/** Starts `relais hub` on the folder and resolves with its address once it serves. */
function spawnHub(hubDir: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, 'hub', '--data', hubDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`relais hub stopped (exit ${code})`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(HUB_READY_PREFIX)) resolve({ url: line.slice(HUB_READY_PREFIX.length), child });
    });
  });
}

/**
 * Runs the demo hub for the desk in `deskDir` and signs the desk in when it has no account; tells
 * a desk signed in to it the hub's address of this run (the port is chosen anew at each start).
 * A desk signed in to another hub is left alone: null, and no demo hub.
 */
export async function startDemoHub(deskDir: string, print: (line: string) => void): Promise<DemoHub | null> {
  const session = openSession({ dataDir: deskDir, host: 'cli' });
  try {
    const account = readAccount(session.ctx.db);
    if (account && account.email !== DEMO_INSTRUCTOR.email) return null;
    const hubDir = defaultHubFolder();
    const code = account ? null : await prepareDemoHub(hubDir, print);
    const { url, child } = await spawnHub(hubDir);
    if (code) {
      const transport = new HttpTransport({ hubUrl: url, token: () => null });
      await login(session.ctx, new FileSecretStore(deskDir), transport, { hubUrl: url, email: DEMO_INSTRUCTOR.email, code });
    } else if (account!.hubUrl !== url) {
      rememberHubUrl(session.ctx, url);
    }
    print(t('cli.start.hubReady', { url }));
    return { url, stop: () => child.kill('SIGTERM') };
  } finally {
    session.close();
  }
}
