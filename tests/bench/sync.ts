/**
 * The sync figures, on loopback: a PostgreSQL server (tests/fixtures/postgres.ts, the tests'
 * throwaway settings) behind a `relais hub` process, seeded with 2,000 demo dossiers.
 * - pull_2000_dossiers_s: a new device, just signed in, does its first round: the dossiers with
 *   their metadata and pieces (2 or more each), the pieces' blobs downloaded and verified. Median
 *   of three devices.
 * - push_10000_mutations_s: one of them assesses criteria and writes notes, 10,000 changes made
 *   offline through the mutation path, then one round sends them all.
 * - hub_clients, hub_mutations_per_s, hub_errors: 50 devices each push 200 changes (notes and
 *   criteria on dossiers of their own), all at once, in pushes of 50 as a desk syncing often
 *   would; an error is a failed request, a change not applied or a change missing from the hub's
 *   event log afterwards.
 * - raw_pg_insert_per_s: those 10,000 event rows again, inserted as plain INSERTs by the same 50
 *   writers in the same batches through a pool of the hub's size, into a table with the same
 *   columns and no key, index or trigger: what the database alone can take.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { CRITERION_STATUSES } from '../../shared/domain/evaluation';
import { PROTOCOL_VERSION, type PushItem } from '../../shared/sync/protocol';
import { annotations, evaluation } from '../../shared/sync/mutations';
import { mutationCall, runMutations, type MutationCall } from '../../electron/core/mutations';
import { mutationNamed } from '../../electron/core/mutations/registry';
import { loadProgramme } from '../../electron/core/reference/programme';
import { openSession, type Session } from '../../electron/core/session';
import { login } from '../../electron/core/sync/account';
import { runSyncRound } from '../../electron/core/sync/engine';
import { HttpTransport } from '../../electron/core/sync/http-transport';
import { FileSecretStore } from '../../electron/core/sync/secret-store';
import type { HubDatabase } from '../../server/db/database';
import { openHubDatabase } from '../../server/db/open';
import { seedHubDemo } from '../../server/demo/seed';
import { enrolDevice } from '../../server/users/devices';
import { addUser } from '../../server/users/users';
import { freshDatabaseUrl, startPostgres } from '../fixtures/postgres';
import { runHubProcess, stop, type HubProcess } from '../integration/relais-process';
import { median, round } from './stats';

const DOSSIERS = 2_000;
const PULL_DEVICES = 3;
const PUSH_MUTATIONS = 10_000;
const CLIENTS = 50;
const MUTATIONS_PER_CLIENT = 200;
const CLIENT_BATCH = 50;
/** The connections of the hub's pool (server/db/postgres.ts): the raw writers get as many. */
const HUB_POOL_SIZE = 10;
/** Dossiers still under way: a decided dossier takes no more assessments. */
const OPEN_STATES = ['en_construction', 'en_instruction'];

export interface SyncFigures {
  pull_2000_dossiers_s: number;
  push_10000_mutations_s: number;
  hub_clients: number;
  hub_mutations_per_s: number;
  hub_errors: number;
  raw_pg_insert_per_s: number;
}

/** `relais hub --database-url … --port 0` in its own process, as it runs in production. */
const runHub = (databaseUrl: string) => runHubProcess(['--port', '0'], { RELAIS_HUB_DATABASE_URL: databaseUrl });

interface Desk {
  session: Session;
  transport: HttpTransport;
  deviceId: string;
}

/** A new case file signed in to the hub as an instructor of every territory the hub has. */
async function newDesk(dataDir: string, hub: HubProcess, db: HubDatabase, territories: string[], n: number): Promise<Desk> {
  mkdirSync(dataDir, { recursive: true });
  const email = `instructeur-${n}@bench.relais.test`;
  const { code } = await addUser(db, { email, name: `Instructeur ${n}`, role: 'instructeur', territories });
  const session = openSession({ dataDir, host: 'cli', create: true });
  const secrets = new FileSecretStore(dataDir);
  const account = await login(session.ctx, secrets, new HttpTransport({ hubUrl: hub.url, token: () => null }), { hubUrl: hub.url, email, code });
  return { session, transport: new HttpTransport({ hubUrl: hub.url, token: () => secrets.get() }), deviceId: account.deviceId };
}

async function timedRound(desk: Desk) {
  const start = performance.now();
  const summary = await runSyncRound(desk.session.ctx, desk.transport, { appVersion: desk.session.ctx.version, deviceId: desk.deviceId });
  return { seconds: (performance.now() - start) / 1000, summary };
}

const criterionIds = () => loadProgramme().criteria.map((criterion) => criterion.id);

/** Half criteria assessed (each once), half notes, over the desk's open dossiers in turn. */
function deskChanges(session: Session): MutationCall[] {
  const { ctx } = session;
  const dossierIds = ctx.db
    .prepare<string[], string>(`SELECT id FROM dossier WHERE state IN (${OPEN_STATES.map(() => '?').join(', ')}) ORDER BY seq`)
    .pluck()
    .all(...OPEN_STATES);
  const criteria = criterionIds();
  if (dossierIds.length * criteria.length < PUSH_MUTATIONS / 2) throw new Error(`too few open dossiers (${dossierIds.length}) for the push`);
  const setCriterion = mutationNamed(evaluation.setCriterion.name)!;
  const addNote = mutationNamed(annotations.addAnnotation.name)!;
  const at = ctx.clock().toISOString();
  return Array.from({ length: PUSH_MUTATIONS }, (_, i) => {
    const dossierId = dossierIds[Math.floor(i / 2) % dossierIds.length]!;
    if (i % 2 === 1) return mutationCall(addNote, { dossierId, target: { kind: 'note' }, text: `Note de banc ${i}`, annotationId: uuidv7(), at });
    const criterionId = criteria[Math.floor(i / 2 / dossierIds.length)]!;
    return mutationCall(setCriterion, { dossierId, criterionId, expectedVersion: 0, status: CRITERION_STATUSES[i % 3], at });
  });
}

async function pullAndPush(hub: HubProcess, db: HubDatabase, territories: string[], work: string): Promise<Pick<SyncFigures, 'pull_2000_dossiers_s' | 'push_10000_mutations_s'>> {
  const pulls: number[] = [];
  let desk: Desk | undefined;
  try {
    for (let n = 1; n <= PULL_DEVICES; n++) {
      desk?.session.close();
      desk = await newDesk(path.join(work, `desk-${n}`), hub, db, territories, n);
      const { seconds, summary } = await timedRound(desk);
      const { db: caseFile } = desk.session.ctx;
      const dossiers = caseFile.prepare('SELECT count(*) FROM dossier').pluck().get();
      if (dossiers !== DOSSIERS) throw new Error(`the new device pulled ${String(dossiers)} dossiers, not ${DOSSIERS} (${JSON.stringify(summary)})`);
      // Each piece's row needs its blob registered (a foreign key): the files came down too.
      const fewPieces = caseFile.prepare('SELECT count(*) FROM dossier d WHERE (SELECT count(*) FROM piece p WHERE p.dossier_seq = d.seq) < 2').pluck().get();
      if (fewPieces !== 0) throw new Error(`${String(fewPieces)} pulled dossiers have fewer than 2 pieces`);
      pulls.push(seconds);
    }
    const changes = deskChanges(desk!.session);
    for (let i = 0; i < changes.length; i += 500) runMutations(desk!.session.ctx, changes.slice(i, i + 500));
    const { seconds, summary } = await timedRound(desk!);
    if (summary.pushed !== PUSH_MUTATIONS || summary.rejected + summary.conflicts + summary.pending > 0) {
      throw new Error(`the push did not apply all ${PUSH_MUTATIONS} changes: ${JSON.stringify(summary)}`);
    }
    return { pull_2000_dossiers_s: round(median(pulls), 1), push_10000_mutations_s: round(seconds, 1) };
  } finally {
    desk?.session.close();
  }
}

interface Client {
  token: string;
  items: PushItem[];
}

/** 50 devices of 50 instructors, each with 200 changes on 40 open dossiers of its own. */
async function hubClients(db: HubDatabase, territories: string[]): Promise<Client[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM hub_dossier WHERE state = ANY($1) ORDER BY number', [OPEN_STATES]);
  const perClient = Math.floor(rows.length / CLIENTS);
  const criteria = criterionIds();
  if (perClient * criteria.length < MUTATIONS_PER_CLIENT / 2) throw new Error(`too few open dossiers (${rows.length}) for ${CLIENTS} clients`);
  const at = new Date().toISOString();
  const clients: Client[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const email = `client-${c}@bench.relais.test`;
    const { code } = await addUser(db, { email, name: `Client ${c}`, role: 'instructeur', territories });
    const { token } = await enrolDevice(db, { email, code, deviceName: `bench ${c}`, protocol: PROTOCOL_VERSION }, new Date());
    const dossierIds = rows.slice(c * perClient, (c + 1) * perClient).map((row) => row.id);
    const sets = Array.from({ length: MUTATIONS_PER_CLIENT / 2 }, (_, i) => ({
      dossierId: dossierIds[i % dossierIds.length]!,
      criterionId: criteria[Math.floor(i / dossierIds.length)]!,
    }));
    // The base a desk would send: the version it last saw of each key (the desk push set some).
    const keys = sets.map(({ dossierId, criterionId }) => evaluation.setCriterion.effects({ dossierId, criterionId, expectedVersion: 0, status: 'met', at }, dossierId).sets[0]!.key);
    const seen = await db.query<{ key: string; version: number }>(`SELECT key, version FROM hub_field WHERE scope = '' AND key = ANY($1)`, [keys]);
    const versions = new Map(seen.rows.map((row) => [row.key, row.version]));
    const items = sets.flatMap(({ dossierId, criterionId }, i): Omit<PushItem, 'clientSeq'>[] => [
      {
        mutationId: uuidv7(),
        name: evaluation.setCriterion.name,
        args: { dossierId, criterionId, expectedVersion: versions.get(keys[i]!) ?? 0, status: CRITERION_STATUSES[i % 3], at },
        dossierId,
        base: { [keys[i]!]: versions.get(keys[i]!) ?? 0 },
        at,
      },
      {
        mutationId: uuidv7(),
        name: annotations.addAnnotation.name,
        args: { dossierId, target: { kind: 'note' }, text: `Note du client ${c}, ${i}`, annotationId: uuidv7(), at },
        dossierId,
        base: {},
        at,
      },
    ]);
    clients.push({ token, items: items.map((item, i) => ({ ...item, clientSeq: i + 1 })) });
  }
  return clients;
}

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

async function manyClients(hub: HubProcess, db: HubDatabase, databaseUrl: string, territories: string[]): Promise<Omit<SyncFigures, 'pull_2000_dossiers_s' | 'push_10000_mutations_s'>> {
  const clients = await hubClients(db, territories);
  let failedRequests = 0;
  let notApplied = 0;
  const start = performance.now();
  await Promise.all(
    clients.map(async ({ token, items }) => {
      const transport = new HttpTransport({ hubUrl: hub.url, token: () => token });
      for (const batch of batchesOf(items, CLIENT_BATCH)) {
        try {
          const { results } = await transport.push({ protocol: PROTOCOL_VERSION, appVersion: 'bench', items: batch });
          notApplied += results.filter((result) => result.status !== 'applied').length;
        } catch {
          failedRequests++;
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const mutationIds = clients.flatMap((client) => client.items.map((item) => item.mutationId));
  const events = await db.query<Record<string, unknown>>('SELECT * FROM hub_event WHERE mutation_id = ANY($1) ORDER BY seq', [mutationIds]);
  const missing = mutationIds.length - events.rowCount;
  return {
    hub_clients: CLIENTS,
    hub_mutations_per_s: Math.round(mutationIds.length / seconds),
    hub_errors: failedRequests + notApplied + missing,
    raw_pg_insert_per_s: Math.round(await rawInsertsPerSecond(databaseUrl, batchesOf(events.rows, MUTATIONS_PER_CLIENT))),
  };
}

/** The same rows by plain INSERTs, `rowsByWriter` written at once in batches of CLIENT_BATCH per transaction. */
async function rawInsertsPerSecond(databaseUrl: string, rowsByWriter: Record<string, unknown>[][]): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: HUB_POOL_SIZE });
  try {
    // LIKE copies the columns and their NOT NULLs only: no key, index, constraint or trigger.
    await pool.query('CREATE TABLE bench_raw_event (LIKE hub_event)');
    const columns = Object.keys(rowsByWriter[0]![0]!);
    const insert = `INSERT INTO bench_raw_event (${columns.map((name) => `"${name}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
    const start = performance.now();
    await Promise.all(
      rowsByWriter.map(async (rows) => {
        for (const batch of batchesOf(rows, CLIENT_BATCH)) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            for (const row of batch) await client.query(insert, columns.map((name) => row[name]));
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const written = Number((await pool.query('SELECT count(*) AS n FROM bench_raw_event')).rows[0].n);
    return written / seconds;
  } finally {
    await pool.end();
  }
}

export async function benchSync(work: string, log: (line: string) => void): Promise<SyncFigures> {
  const server = await startPostgres();
  try {
    const databaseUrl = await freshDatabaseUrl(server.url);
    const db = await openHubDatabase({ databaseUrl });
    try {
      log(`Hub: seeding ${DOSSIERS} demo dossiers…`);
      await seedHubDemo(db, { count: DOSSIERS, seed: 1 });
      const territories = (await db.query<{ territory_id: string }>('SELECT DISTINCT territory_id FROM hub_dossier')).rows.map((row) => row.territory_id);
      const hub = await runHub(databaseUrl);
      try {
        log('Sync: new devices pull the hub, one pushes its changes…');
        const desks = await pullAndPush(hub, db, territories, path.join(work, 'sync'));
        log(`Sync: ${CLIENTS} devices push ${MUTATIONS_PER_CLIENT} changes each at once…`);
        return { ...desks, ...(await manyClients(hub, db, databaseUrl, territories)) };
      } finally {
        await stop(hub.child, 'SIGTERM');
      }
    } finally {
      await db.close();
    }
  } finally {
    await server.stop();
  }
}

/** `npx tsx tests/bench/sync.ts [--json]`: these figures alone. */
if (require.main === module) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'relais-bench-sync-'));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  benchSync(work, log)
    .then((figures) => {
      for (const [name, value] of Object.entries(figures)) log(`${name.padEnd(30)} ${value}`);
      if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`);
    })
    .catch((error: unknown) => {
      log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    })
    .finally(() => rmSync(work, { recursive: true, force: true }));
}
