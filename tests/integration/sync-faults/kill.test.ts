/**
 * Processes killed at the worst moments, on a real PostgreSQL server: `relais sync` killed while
 * the hub is inside its push transaction (made to wait there by holding the hub's clock row from
 * another connection) and while a pull answer is half-way through (a proxy stalls it); `relais
 * hub` killed inside a push transaction. After a restart, nothing is lost and nothing is applied
 * twice: each change is one event on the hub, one journal entry on each desk, and desks agree.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../../electron/core/session';
import { accountActor, readAccount } from '../../../electron/core/sync/account';
import type { SyncSummary } from '../../../shared/channels/sync';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { HubDatabase } from '../../../server/db/database';
import { openHubDatabase } from '../../../server/db/open';
import { recordHubEvents } from '../../../server/sync/hub-events';
import { addUser } from '../../../server/users/users';
import { freshDatabaseUrl } from '../../fixtures/postgres';
import { makeDossier } from '../fixtures/core-dossiers';
import {
  holdHubClock,
  openTransactions,
  sigkill,
  spawnRelais,
  startHubProcess,
  startStallingProxy,
  waitFor,
  type HubProcess,
  type Spawned,
} from './processes';
import { TERRITORY } from './world';

/** Each test spawns `relais` several times; on a busy machine each start takes seconds. */
const PROCESS_TEST_TIMEOUT_MS = 5 * 60_000;

let databaseUrl: string;
let db: HubDatabase;
let hub: HubProcess;
const folders: string[] = [];
const dossier: DossierImport = makeDossier({ number: 701, state: 'en_instruction', territory: 'vosges', arDate: '2026-01-15' });

async function finished(spawned: Spawned): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const code = await spawned.exited;
  return { code, ...spawned.output() };
}

/** `relais sync --data DIR --json` to its end; it must succeed. */
async function syncOk(dataDir: string): Promise<SyncSummary> {
  const run = await finished(spawnRelais(['sync', '--data', dataDir, '--json']));
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as SyncSummary;
}

/** A new case file signed in to `hubUrl` as a new user of the territory, with the hub's dossiers pulled. */
async function newDesk(hubUrl: string, name: string): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `relais-kill-${name}-`));
  folders.push(dataDir);
  // An empty case file, as a desk has before its first sign-in.
  openSession({ dataDir, host: 'cli', create: true }).close();
  const email = `${name}@example.gouv.fr`;
  const { code } = await addUser(db, { email, name, role: 'instructeur', territories: [TERRITORY] });
  const login = await finished(spawnRelais(['login', '--data', dataDir, '--hub', hubUrl, '--email', email, '--code', code]));
  expect(login.code, login.stderr).toBe(0);
  await syncOk(dataDir);
  return dataDir;
}

/** Changes made on the desk between two syncs, as its screens make them; returns their mutation ids. */
async function makeChanges(dataDir: string, label: string): Promise<string[]> {
  const session = openSession({ dataDir, host: 'cli' });
  try {
    session.ctx.actor = accountActor(readAccount(session.ctx.db)!);
    for (const text of [`${label} : première note`, `${label} : seconde note`]) {
      await session.handlers['annotations.add']({ dossierId: dossier.id, target: { kind: 'field', position: 0 }, text });
    }
    await session.handlers['dossiers.setFollowed']({ id: dossier.id, followed: true });
    return session.ctx.db.prepare<[], string>(`SELECT mutation_id FROM outbox WHERE state = 'waiting' ORDER BY client_seq`).pluck().all();
  } finally {
    session.close();
  }
}

function deskRows(dataDir: string) {
  const session = openSession({ dataDir, host: 'cli' });
  try {
    const { db: caseFile } = session.ctx;
    return {
      outbox: caseFile.prepare<[], { mutation_id: string; state: string }>('SELECT mutation_id, state FROM outbox ORDER BY client_seq').all(),
      journal: caseFile.prepare<[], string>('SELECT mutation_id FROM journal').pluck().all(),
      annotations: caseFile.prepare<[], string>('SELECT v.text FROM annotation_version v ORDER BY v.text').pluck().all(),
    };
  } finally {
    session.close();
  }
}

async function hubEventsOf(ids: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ mutation_id: string }>('SELECT mutation_id FROM hub_event WHERE mutation_id = ANY($1::uuid[]) ORDER BY seq', [ids]);
  return rows.map((row) => row.mutation_id);
}

/** Each id once in the journal, each applied on the hub once, every change of the desk applied. */
async function expectAppliedOnce(dataDir: string, ids: readonly string[]): Promise<void> {
  expect(await hubEventsOf(ids)).toEqual(ids);
  const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM hub_applied WHERE mutation_id = ANY($1::uuid[])', [ids]);
  expect(Number(rows[0]!.count)).toBe(ids.length);
  const desk = deskRows(dataDir);
  expect(desk.outbox.filter((row) => ids.includes(row.mutation_id)).map((row) => row.state)).toEqual(ids.map(() => 'applied'));
  expect(desk.journal.filter((id) => ids.includes(id))).toEqual(ids);
}

beforeAll(async () => {
  databaseUrl = await freshDatabaseUrl();
  db = await openHubDatabase({ databaseUrl });
  await recordHubEvents(db, [{ name: 'dossier.import', args: dossier, at: new Date() }]);
  hub = await startHubProcess(databaseUrl);
}, 120_000);

afterAll(async () => {
  if (hub) await sigkill(hub);
  await db?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('processes killed in the middle of a sync', () => {
  it('a desk killed while its push waits inside the hub transaction: the push commits, the next sync settles each change once', async () => {
    const desk = await newDesk(hub.url, 'killed-pushing');
    const ids = await makeChanges(desk, 'poussée');
    const clock = await holdHubClock(databaseUrl);
    const sync = spawnRelais(['sync', '--data', desk]);
    try {
      await waitFor('the push waiting for the hub clock', async () => (await clock.waitingPushes()) > 0);
      await sigkill(sync);
      expect(deskRows(desk).outbox.map((row) => row.state)).toEqual(ids.map(() => 'sent'));
    } finally {
      await clock.release();
    }
    // The hub finishes the push its desk no longer waits for.
    await waitFor('the orphan push to commit', async () => (await hubEventsOf(ids)).length === ids.length);
    const summary = await syncOk(desk);
    expect(summary).toMatchObject({ pushed: ids.length, conflicts: 0, rejected: 0, pending: 0 });
    await expectAppliedOnce(desk, ids);
  }, PROCESS_TEST_TIMEOUT_MS);

  it('a desk killed while a pull answer is half-way: the next sync replays every change once', async () => {
    const proxy = await startStallingProxy(hub.url);
    try {
      const author = await newDesk(hub.url, 'author');
      const reader = await newDesk(proxy.url, 'killed-pulling');
      const ids = await makeChanges(author, 'lue');
      await syncOk(author);
      proxy.stallPulls = true;
      const sync = spawnRelais(['sync', '--data', reader]);
      await waitFor('a stalled pull answer', async () => proxy.stalled > 0);
      await sigkill(sync);
      proxy.stallPulls = false;
      const summary = await syncOk(reader);
      // The followed flag is the author's own: the reader gets the two annotations.
      const shared = ids.slice(0, 2);
      expect(summary.pulled).toBeGreaterThanOrEqual(shared.length);
      const rows = deskRows(reader);
      expect(rows.journal.filter((id) => ids.includes(id))).toEqual(shared);
      expect(rows.annotations).toEqual(deskRows(author).annotations);
      // Nothing more to take: a further round pulls nothing.
      expect(await syncOk(reader)).toMatchObject({ pushed: 0, pulled: 0, pending: 0 });
    } finally {
      await proxy.close();
    }
  }, PROCESS_TEST_TIMEOUT_MS);

  it('the hub killed inside a push transaction: nothing of that push is kept, the next sync applies each change once', async () => {
    const desk = await newDesk(hub.url, 'hub-killed');
    const ids = await makeChanges(desk, 'coupure');
    const clock = await holdHubClock(databaseUrl);
    const sync = spawnRelais(['sync', '--data', desk]);
    try {
      await waitFor('the push waiting for the hub clock', async () => (await clock.waitingPushes()) > 0);
      await sigkill(hub);
    } finally {
      await clock.release();
    }
    const failed = await finished(sync);
    expect(failed.code).toBe(1);
    // PostgreSQL rolls back the transaction of a connection that died with its process.
    await waitFor('the dead hub connection to end', async () => (await openTransactions(databaseUrl)) === 0);
    expect(await hubEventsOf(ids)).toEqual([]);
    hub = await startHubProcess(databaseUrl, Number(new URL(hub.url).port));
    const summary = await syncOk(desk);
    expect(summary).toMatchObject({ pushed: ids.length, conflicts: 0, rejected: 0, pending: 0 });
    await expectAppliedOnce(desk, ids);
  }, PROCESS_TEST_TIMEOUT_MS);
});
