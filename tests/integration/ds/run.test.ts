/**
 * A run of the DS connector against the fake DS server, on PostgreSQL: the import then the push
 * in one run, one run at a time across hub processes, a run stopped short stored as such (never
 * with the token), the hub's periodic runs, and `relais hub ds sync --once`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { openHubDatabase } from '../../../server/db/open';
import { DsClient } from '../../../server/ds/client';
import { saveDsConfig } from '../../../server/ds/config';
import { openDsConnection, type DsConnection } from '../../../server/ds/connection';
import { defaultMapping } from '../../../server/ds/mapping';
import { DS_RUN_LOCK_KEY, DsSyncBusyError, DsSyncFailedError, runDsSync } from '../../../server/ds/run';
import { startDsScheduler } from '../../../server/ds/scheduler';
import { dsStatus } from '../../../server/ds/status';
import { addUser } from '../../../server/users/users';
import { DsStatus } from '../../../shared/sync/ds-status';
import { startFakeDs, tiDemarche, type FakeDs, type FakeFile } from '../../fixtures/ds';
import { freshDatabaseUrl, openTestHubDatabase } from '../../fixtures/postgres';
import { TestDevice } from '../hub/hub-fixture';
import { runHubProcess, stop } from '../relais-process';

const DOSSIERS = 3;

let fake: FakeDs;
let demarche: number;
let url: string;
let db: HubDatabase;
let keyDir: string;
let keyFile: string;
let connection: DsConnection;

const CLI = path.resolve(__dirname, '../../../electron/cli/relais.cjs');

/**
 * Runs `relais <args>` to its end without blocking this process, where the fake DS answers it
 * (a synchronous spawn would leave the fake unable to answer until the command timed out).
 */
function relais(args: string[], lang: 'fr' | 'en', env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: os.tmpdir(), env: { ...process.env, RELAIS_LANG: lang, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Waits for `check` to hold, polling, and fails with `what` after the deadline. */
async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, deadlineMs = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function lockHolders(): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::integer AS count FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1`,
    [DS_RUN_LOCK_KEY],
  );
  return rows[0]!.count;
}

/** Adds a file to a dossier on DS whose bytes do not match their checksum, until `restore`. */
function alterNewFile(number: number, filename: string): { restore(): void } {
  fake.clock.advance(60_000);
  const modified = fake.modify(number, { addFiles: { Devis: [{ filename, bytes: '%PDF-1.4 devis' }] } });
  const file = modified.champs.flatMap((champ) => (Array.isArray(champ.value) ? (champ.value as FakeFile[]) : [])).find((one) => one.filename === filename)!;
  const bytes = fake.state.blobs.get(file.key)!;
  fake.state.blobs.set(file.key, Buffer.from('%PDF-1.4 altered'));
  return { restore: () => fake.state.blobs.set(file.key, bytes) };
}

/** Everything the hub keeps about the connector, as one string: the token must not be in it. */
async function storedText(): Promise<string> {
  const tables = ['ds_config', 'ds_import_state', 'ds_dossier', 'ds_push', 'ds_error'];
  const rows = await Promise.all(tables.map((table) => db.query(`SELECT * FROM ${table}`)));
  return JSON.stringify(rows.map((result) => result.rows)) + JSON.stringify(await dsStatus(db));
}

beforeAll(async () => {
  fake = await startFakeDs();
  ({ demarche } = await tiDemarche(fake, { dossiers: DOSSIERS, seed: 6 }));
  url = await freshDatabaseUrl();
  db = await openHubDatabase({ databaseUrl: url });
  keyDir = mkdtempSync(path.join(os.tmpdir(), 'relais-ds-key-'));
  keyFile = path.join(keyDir, 'hub.key');
  await saveDsConfig(db, { endpoint: fake.url, demarches: [demarche], mapping: defaultMapping(), instructeurs: {} }, fake.token, keyFile);
  connection = (await openDsConnection(db, { keyFile }))!;
});
afterAll(async () => {
  await db?.close();
  await fake?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('a DS run', () => {
  it('imports, then pushes what the hub recorded, and stores the run for the status', async () => {
    const target = fake.state.dossiers[0]!.number;
    if (fake.dossier(target).state !== 'en_construction') fake.modify(target, { state: 'en_construction' });
    const first = await runDsSync(db, connection);
    expect(first).toMatchObject({ imported: DOSSIERS, updated: 0, errors: 0, pushed: 0, review: 0, failed: 0, pending: 0 });
    expect(Date.parse(first.finishedAt)).toBeGreaterThanOrEqual(Date.parse(first.startedAt));
    const status = DsStatus.parse(await dsStatus(db));
    expect(status.lastRun).toEqual({ startedAt: first.startedAt, finishedAt: first.finishedAt, summary: first, failure: null });
    expect(status.lastSuccessAt).toBe(first.finishedAt);
    expect(status.counts.dossiers).toBe(DOSSIERS);

    // An instructor passes an imported dossier to instruction on their desk: the next run sends it to DS.
    const { rows } = await db.query<{ relais_id: string }>(`SELECT relais_id FROM ds_dossier WHERE number = $1 AND state = 'en_construction'`, [target]);
    const dossierId = rows[0]!.relais_id;
    const instructeur = fake.state.demarches.find((one) => one.number === demarche)!.groupeInstructeurs[0]!.instructeurs[0]!;
    const territory = (await db.query<{ territory_id: string }>('SELECT territory_id FROM hub_dossier WHERE id = $1', [dossierId])).rows[0]!.territory_id;
    const { user } = await addUser(db, { email: instructeur.email, name: 'Agent instructeur', role: 'instructeur', territories: [territory] });
    const key = `dossier:${dossierId}:state`;
    const version = (await db.query<{ version: number }>(`SELECT version FROM hub_field WHERE key = $1`, [key])).rows[0]!.version;
    const result = await new TestDevice(db, user).one('dossier.passToInstruction', { id: dossierId }, dossierId, { [key]: version });
    expect(result.status).toBe('applied');

    const second = await runDsSync(db, connection);
    expect(second).toMatchObject({ imported: 0, errors: 0, pushed: 1, failed: 0, pending: 0 });
    expect(fake.dossier(target).state).toBe('en_instruction');
    expect((await dsStatus(db)).lastRun!.summary).toEqual(second);
  });

  it('runs one at a time: a second run in this process or in another hub process skips and says so', async () => {
    // The first run's first call to DS answers late, so that it holds the lock a while.
    fake.faults.delay(1, 1_500);
    const first = runDsSync(db, connection);
    await expect(runDsSync(db, connection)).rejects.toBeInstanceOf(DsSyncBusyError);
    await until('the first run to hold the lock', async () => (await lockHolders()) === 1);
    const otherProcess = await openHubDatabase({ databaseUrl: url });
    try {
      const skipped = await runDsSync(otherProcess, (await openDsConnection(otherProcess, { keyFile }))!).catch((error: unknown) => error);
      expect(skipped).toBeInstanceOf(DsSyncBusyError);
      expect((skipped as Error).message).toMatch(/already under way.*skipped/);
      await first;
      expect(await lockHolders()).toBe(0);
      // Once the first is over, the other process runs.
      expect((await runDsSync(otherProcess, (await openDsConnection(otherProcess, { keyFile }))!)).errors).toBe(0);
    } finally {
      await otherProcess.close();
    }
  });

  it('runs one at a time on PGlite too, whose folder only one process opens', async () => {
    const embedded = await openTestHubDatabase('pglite');
    try {
      await saveDsConfig(embedded, { endpoint: fake.url, demarches: [demarche], mapping: defaultMapping(), instructeurs: {} }, fake.token, keyFile);
      const embeddedConnection = (await openDsConnection(embedded, { keyFile }))!;
      const first = runDsSync(embedded, embeddedConnection);
      await expect(runDsSync(embedded, embeddedConnection)).rejects.toBeInstanceOf(DsSyncBusyError);
      expect(await first).toMatchObject({ imported: fake.state.dossiers.length, errors: 0 });
      expect((await dsStatus(embedded)).lastRun!.failure).toBeNull();
    } finally {
      await embedded.close();
    }
  });

  it('stops short when DS refuses the token: stored as the last run with a sentence, never the token', async () => {
    const before = await dsStatus(db);
    const refusedToken = 'refused-token-7c1e9d0f4b2a8e6d';
    const refused: DsConnection = { ...connection, client: new DsClient({ endpoint: fake.url, token: refusedToken }) };
    const error = await runDsSync(db, refused).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DsSyncFailedError);
    expect((error as DsSyncFailedError).message).toMatch(/^DS refused the token .*relais hub ds configure/);
    const status = await dsStatus(db);
    expect(status.lastRun).toMatchObject({ summary: null, failure: (error as Error).message });
    expect(status.lastSuccessAt).toBe(before.lastSuccessAt);
    expect(status.errors[0]).toMatchObject({ phase: 'import', number: null, message: (error as Error).message });
    const stored = await storedText();
    expect(stored).not.toContain(refusedToken);
    expect(stored).not.toContain(fake.token);
  });

  it('stops short when DS cannot be reached, and the next run takes over', async () => {
    const unreachable: DsConnection = { ...connection, client: new DsClient({ endpoint: 'http://127.0.0.1:9/api/v2/graphql', token: fake.token, queryRetries: 0 }) };
    const error = (await runDsSync(db, unreachable).catch((thrown: unknown) => thrown)) as DsSyncFailedError;
    expect(error.message).toMatch(/^DS could not be reached .*the next run tries again\.$/);
    expect((await dsStatus(db)).lastRun!.failure).toBe(error.message);
    const next = await runDsSync(db, connection);
    expect((await dsStatus(db)).lastRun).toMatchObject({ summary: next, failure: null });
  });
});

describe('the hub’s periodic runs', () => {
  it('run at start, then each interval after the previous ended, until stopped', async () => {
    const before = (await dsStatus(db)).lastRun?.startedAt ?? '';
    const lines: string[] = [];
    const log = { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    const scheduler = startDsScheduler(db, { intervalMs: 50, log, connection: { keyFile } });
    try {
      await until('two runs', async () => lines.filter((line) => line.startsWith('DS run done: ')).length >= 2);
    } finally {
      await scheduler.stop();
    }
    expect(await lockHolders()).toBe(0);
    expect((await dsStatus(db)).lastRun!.startedAt > before).toBe(true);
    expect(lines[0]).toMatch(/^DS run done: \d+ dossiers imported, .* 0 errors\.$/);
    // The second run finds nothing new on DS.
    expect(lines[1]).toMatch(/^DS run done: 0 dossiers imported, 0 updated, .* 0 errors\.$/);
  });

  it('logs a run that met errors as a warning', async () => {
    const file = alterNewFile(fake.state.dossiers[2]!.number, 'devis-altere-2.pdf');
    const warnings: string[] = [];
    const scheduler = startDsScheduler(db, { intervalMs: 60_000, log: { info: () => {}, warn: (line) => warnings.push(line) }, connection: { keyFile } });
    try {
      await until('the run’s warning', async () => warnings.length > 0);
    } finally {
      await scheduler.stop();
      file.restore();
    }
    expect(warnings[0]).toMatch(/^DS run done: .*; 1 errors\.$/);
    expect((await runDsSync(db, connection)).errors).toBe(0);
  });

  it('records why a run could not start (a key that does not open the token) for the status, once while it lasts', async () => {
    const otherKey = path.join(keyDir, 'other.key');
    const lines: string[] = [];
    const log = { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    const scheduler = startDsScheduler(db, { intervalMs: 20, log, connection: { keyFile: otherKey } });
    try {
      await until('three failed starts', async () => lines.length >= 3);
    } finally {
      await scheduler.stop();
    }
    expect(new Set(lines).size).toBe(1);
    expect(lines[0]).toMatch(/^The DS connector could not start its run: The DS token cannot be decrypted: .*relais hub ds configure/);
    const { errors } = await dsStatus(db);
    expect(errors[0]!.message).toBe(lines[0]);
    expect(errors.filter((entry) => entry.message === lines[0])).toHaveLength(1);
  });

  it('relais hub --ds-interval runs the connector at start; --ds-interval 0 does not', async () => {
    const env = { RELAIS_HUB_KEY_FILE: keyFile };
    const before = (await dsStatus(db)).lastRun?.startedAt ?? '';
    const off = await runHubProcess(['--database-url', url, '--ds-interval', '0'], env);
    await stop(off.child, 'SIGTERM');
    expect((await dsStatus(db)).lastRun?.startedAt ?? '').toBe(before);

    const hub = await runHubProcess(['--database-url', url, '--ds-interval', '5'], env);
    try {
      await until('the hub’s first run', async () => ((await dsStatus(db)).lastRun?.startedAt ?? '') > before);
    } finally {
      expect((await stop(hub.child, 'SIGTERM')).code).toBe(0);
    }
    expect(hub.stderr()).not.toContain(fake.token);
  });
});

describe('relais hub ds sync --once', () => {
  const env = () => ({ RELAIS_HUB_KEY_FILE: keyFile });

  it('prints the run’s figures as JSON', async () => {
    const { status, stdout, stderr } = await relais(['hub', 'ds', 'sync', '--once', '--json', '--database-url', url], 'en', env());
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(Object.keys(summary).sort()).toEqual(['avis', 'deleted', 'errors', 'failed', 'files', 'finishedAt', 'imported', 'messages', 'pending', 'pushed', 'review', 'startedAt', 'updated'].sort());
    expect(summary.errors).toBe(0);
    expect((await dsStatus(db)).lastRun).toEqual({ startedAt: summary.startedAt, finishedAt: summary.finishedAt, summary, failure: null });
  });

  it('prints one line per figure in French and in English', async () => {
    const fr = await relais(['hub', 'ds', 'sync', '--once', '--database-url', url], 'fr', env());
    expect(fr.status).toBe(0);
    expect(fr.stdout).toContain('Dossiers importés : 0\n');
    expect(fr.stdout).toContain('Changements envoyés à DS : 0\n');
    expect(fr.stdout).toContain('Erreurs : 0\n');
    const en = await relais(['hub', 'ds', 'sync', '--once', '--database-url', url], 'en', env());
    expect(en.status).toBe(0);
    expect(en.stdout.trim().split('\n')).toHaveLength(11);
    expect(en.stdout).toContain('Dossiers imported: 0\n');
  });

  it('lists the errors met on single dossiers, exits 0, and the run does not count as one with no error', async () => {
    const before = (await dsStatus(db)).lastSuccessAt;
    const number = fake.state.dossiers[1]!.number;
    const file = alterNewFile(number, 'devis-altere.pdf');
    try {
      const { status, stdout } = await relais(['hub', 'ds', 'sync', '--once', '--database-url', url], 'en', env());
      expect(status).toBe(0);
      expect(stdout).toContain('Errors: 1\n');
      expect(stdout).toMatch(new RegExp(`^ {2}dossier ${number} \\(import\\): Dossier ${number}: the file « devis-altere\\.pdf » does not match the checksum`, 'm'));
      expect((await dsStatus(db)).lastSuccessAt).toBe(before);
    } finally {
      file.restore();
    }
    const next = await runDsSync(db, connection);
    // The failed dossier is read again and recorded (new, or updated when an earlier run had it).
    expect(next.errors).toBe(0);
    expect(next.imported + next.updated).toBe(1);
    expect((await dsStatus(db)).lastSuccessAt).toBe(next.finishedAt);
  });

  it('skips and says so while another process holds the run’s lock', async () => {
    // Another hub process in the middle of a run, as the server sees it: a session holding the lock.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [DS_RUN_LOCK_KEY]);
      const { status, stdout, stderr } = await relais(['hub', 'ds', 'sync', '--once', '--database-url', url], 'en', env());
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(stdout).toMatch(/^A run of the connector is already under way on this hub .*nothing was done\./);
      const json = await relais(['hub', 'ds', 'sync', '--once', '--json', '--database-url', url], 'en', env());
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({ skipped: true, reason: expect.stringContaining('already under way') });
    } finally {
      await other.end();
    }
  });

  it('exits 1 with a sentence when the connector is not configured', async () => {
    const empty = await freshDatabaseUrl();
    const { status, stdout, stderr } = await relais(['hub', 'ds', 'sync', '--once', '--database-url', empty], 'en', env());
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('The Démarches Simplifiées connector is not configured on this hub: nothing was done. Configure it with “relais hub ds configure”.');
  });

  it('exits 1 with a sentence when DS cannot be reached', async () => {
    const unreachableUrl = await freshDatabaseUrl();
    const unreachableDb = await openHubDatabase({ databaseUrl: unreachableUrl });
    try {
      await saveDsConfig(unreachableDb, { endpoint: 'http://127.0.0.1:9/api/v2/graphql', demarches: [demarche], mapping: defaultMapping(), instructeurs: {} }, fake.token, keyFile);
    } finally {
      await unreachableDb.close();
    }
    const { status, stdout, stderr } = await relais(['hub', 'ds', 'sync', '--once', '--json', '--database-url', unreachableUrl], 'en', env());
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Démarches Simplifiées could not be reached \(DS could not be reached .*\): what was done before is kept, and the next run takes over from there\.\n$/);
    expect(stderr).not.toContain(fake.token);
    const shown = await relais(['hub', 'ds', 'status', '--database-url', unreachableUrl], 'en', env());
    expect(shown.stdout).toMatch(/^Last run: \S+ → \S+, stopped short: DS could not be reached \(.*\): the next run tries again\.$/m);
    expect(shown.stdout).toContain('Last run with no error: none yet\n');
  });

  it('exits 1 with a sentence when DS refuses the token', async () => {
    const refusedUrl = await freshDatabaseUrl();
    const refusedDb = await openHubDatabase({ databaseUrl: refusedUrl });
    try {
      await saveDsConfig(refusedDb, { endpoint: fake.url, demarches: [demarche], mapping: defaultMapping(), instructeurs: {} }, 'a-token-ds-will-refuse', keyFile);
    } finally {
      await refusedDb.close();
    }
    const { status, stdout, stderr } = await relais(['hub', 'ds', 'sync', '--once', '--database-url', refusedUrl], 'fr', env());
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Démarches Simplifiées a refusé le jeton');
    expect(stderr).not.toContain('a-token-ds-will-refuse');
  });
});
