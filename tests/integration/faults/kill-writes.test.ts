/**
 * A desk killed with SIGKILL at 100 random moments while it writes: a real process makes random
 * changes through the contract on a real case file and prints each change the contract
 * acknowledged; the test kills it at a seeded random point (after a drawn number of
 * acknowledged changes, and a drawn few milliseconds more), then opens the case file as the next
 * start would. Counting changes rather than time keeps the kill points spread on a slow machine too. Each time: the case file opens, `PRAGMA integrity_check` says ok, every
 * acknowledged change is in the journal and in the outbox, and the journal's chain verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../electron/core/demo/random';
import { verifyJournal } from '../../../electron/core/mutations';
import { openSession } from '../../../electron/core/session';
import { sigkill, waitFor, type Spawned } from '../sync-faults/processes';
import { printedLines, spawnScript } from './processes';
import { seedDossiers } from './workload';

const KILLS = 100;
const SEED = 20_261_127;
/** Kills land from inside the first write to a few dozen writes in. */
const MAX_ACKS_BEFORE_KILL = 20;
const MAX_EXTRA_MS = 20;
const WRITERS_LOADING_AHEAD = 3;
const DOSSIERS = 4;

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-kill-writes-'));
  const session = openSession({ dataDir, host: 'cli', create: true });
  seedDossiers(session, DOSSIERS);
  session.close();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const acknowledgedIn = (writer: Spawned) => printedLines(writer).flatMap((line) => (line.startsWith('ack ') ? [line.slice(4)] : []));

/** The case file as the next start finds it; what must hold after every kill. */
function checkAfterCrash(acknowledged: ReadonlySet<string>): void {
  const session = openSession({ dataDir, host: 'cli' });
  try {
    const { db } = session.ctx;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const journal = new Set(db.prepare<[], string>('SELECT mutation_id FROM journal').pluck().all());
    const outbox = new Set(db.prepare<[], string>('SELECT mutation_id FROM outbox').pluck().all());
    const lost = [...acknowledged].filter((id) => !journal.has(id) || !outbox.has(id));
    expect(lost).toEqual([]);
    expect(verifyJournal(db, { fromStart: true })).toMatchObject({ ok: true, entries: journal.size });
    // Each change whole or not at all: every annotation version has its journal entry, and the reverse.
    const versions = db.prepare('SELECT count(*) FROM annotation_version').pluck().get();
    expect(db.prepare("SELECT count(*) FROM journal WHERE name IN ('annotation.add', 'annotation.edit')").pluck().get()).toBe(versions);
    // A bulk action is one transaction: each batch has an item per dossier, each change its journal entry.
    expect(db.prepare('SELECT count(*) FROM bulk_batch b WHERE (SELECT count(*) FROM bulk_item i WHERE i.batch_id = b.id) <> ?').pluck().get(DOSSIERS)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM bulk_item i WHERE i.mutation_id IS NOT NULL AND i.mutation_id NOT IN (SELECT mutation_id FROM journal)').pluck().get()).toBe(0);
  } finally {
    session.close();
  }
}

describe('a desk killed while it writes', () => {
  it(`keeps an intact case file and every acknowledged change, over ${KILLS} kills at random moments`, async () => {
    const random = new Random(SEED);
    const acknowledged = new Set<string>();
    const perKill: number[] = [];
    // Writers load ahead, side by side, while the current one works: a kill point costs its delay more than a start.
    const spawnWriter = () => spawnScript('writer-process.ts', [dataDir, String(random.int(1, 2 ** 30))]);
    const loading = Array.from({ length: WRITERS_LOADING_AHEAD }, spawnWriter);
    for (let kill = 0; kill < KILLS; kill += 1) {
      const writer = loading.shift()!;
      loading.push(spawnWriter());
      const afterAcks = random.int(0, MAX_ACKS_BEFORE_KILL);
      const extraMs = random.int(0, MAX_EXTRA_MS);
      writer.child.stdin.write('go\n');
      await waitFor('the writer to reach its kill point', async () => acknowledgedIn(writer).length >= afterAcks || writer.child.exitCode !== null);
      expect(writer.child.exitCode, writer.output().stderr).toBeNull();
      // Then a few milliseconds more, so that the kill falls anywhere inside the writes that follow.
      await new Promise((resolve) => setTimeout(resolve, extraMs));
      await sigkill(writer);
      const acks = acknowledgedIn(writer);
      for (const id of acks) acknowledged.add(id);
      perKill.push(acks.length);
      checkAfterCrash(acknowledged);
    }
    for (const writer of loading) await sigkill(writer);
    const session = openSession({ dataDir, host: 'cli' });
    expect(session.ctx.db.prepare('SELECT count(*) FROM bulk_batch').pluck().get()).toBeGreaterThan(0);
    session.close();
    const sorted = [...perKill].sort((a, b) => a - b);
    console.info(`${KILLS} kills: ${acknowledged.size} acknowledged changes, all kept; per kill min ${sorted[0]}, median ${sorted[KILLS / 2]}, max ${sorted[KILLS - 1]}`);
  }, 10 * 60_000);
});
