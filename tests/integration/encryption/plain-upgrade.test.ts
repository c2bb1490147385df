/**
 * A plain case file from an earlier Relais, with its plain blobs, is encrypted at its first open,
 * and nothing is lost when that is cut short: a child process encrypting folders one after the
 * other is killed (SIGKILL) at seeded random moments; every folder, whatever state the kill left
 * it in, then opens with all its dossiers and blobs, intact and encrypted.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { caseFilePath, isPlainCaseFile } from '../../../electron/core/db/open';
import { writeDossier } from '../../../electron/core/dossiers/import';
import { openSession } from '../../../electron/core/session';
import { makeDossier } from '../fixtures/core-dossiers';

const CHILD = path.join(__dirname, 'upgrade-child.ts');
const DOSSIERS = 40;
const BLOBS = 60;
const FOLDERS_PER_RUN = 3;
const KILL_RUNS = 6;

const work = mkdtempSync(path.join(os.tmpdir(), 'relais-upgrade-'));
const plain = path.join(work, 'plain');
const blobs: Buffer[] = [];

/** A case file as a Relais without encryption left it: plain SQLite in WAL mode, plain blob files. */
function writePlainCaseFile(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(caseFilePath(dataDir));
  db.pragma('journal_mode = WAL');
  migrate(db);
  db.transaction(() => {
    for (let number = 1; number <= DOSSIERS; number++) writeDossier(db, makeDossier({ number, raisonSociale: `Ancienne Forge ${number}` }), false);
  })();
  db.close();
  for (let i = 0; i < BLOBS; i++) {
    const bytes = Buffer.from(`%PDF-1.4 pièce ${i} `.repeat(4000));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(path.join(dataDir, 'blobs', sha256.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256), bytes);
    blobs.push(bytes);
  }
}

/** A small seeded generator: the same kill moments on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Run {
  folders: string[];
  /** Milliseconds from the child's start line to its exit (or its kill). */
  elapsedMs: number;
}

/** Spawns the child on fresh copies of the plain folder; kills it `killAfterMs` after its start line, if given. */
async function upgradeInChild(name: string, killAfterMs?: number): Promise<Run> {
  const folders = Array.from({ length: FOLDERS_PER_RUN }, (_, i) => {
    const copy = path.join(work, `${name}-${i}`);
    cpSync(plain, copy, { recursive: true });
    return copy;
  });
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD, ...folders], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('start') && resolve());
    void exited.then(() => reject(new Error(`the child exited before it started: ${stderr}`)));
  });
  const started = performance.now();
  if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  if (killAfterMs === undefined) expect(code, stderr).toBe(0);
  else expect(signal === 'SIGKILL' || code === 0, stderr).toBe(true);
  return { folders, elapsedMs: performance.now() - started };
}

/** Where a kill left a folder: still plain, half-way (some blobs sealed, or the encrypted copy begun), or encrypted. */
function stateOf(dataDir: string): 'plain' | 'half-way' | 'encrypted' {
  if (!isPlainCaseFile(caseFilePath(dataDir))) return 'encrypted';
  const blobFiles = readdirSync(path.join(dataDir, 'blobs'), { recursive: true, encoding: 'utf8' }).filter((name) => /[0-9a-f]{64}$/.test(name));
  const sealed = blobFiles.filter((name) => !readFileSync(path.join(dataDir, 'blobs', name)).subarray(0, 5).equals(Buffer.from('%PDF-')));
  return sealed.length > 0 || existsSync(`${caseFilePath(dataDir)}.encrypting`) ? 'half-way' : 'plain';
}

/** Opens the folder as the app does, then checks every dossier and blob is there, intact and encrypted. */
function expectWholeAndEncrypted(dataDir: string): void {
  const session = openSession({ dataDir, host: 'cli' });
  try {
    const { db, blobs: store } = session.ctx;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM dossier').pluck().get()).toBe(DOSSIERS);
    expect(db.prepare("SELECT count(*) FROM dossier WHERE demandeur_name LIKE 'Ancienne Forge %'").pluck().get()).toBe(DOSSIERS);
    for (const bytes of blobs) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(store.read(sha256).equals(bytes)).toBe(true);
      expect(readFileSync(path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256)).includes('%PDF-')).toBe(false);
    }
  } finally {
    session.close();
  }
  expect(isPlainCaseFile(caseFilePath(dataDir))).toBe(false);
  expect(existsSync(`${caseFilePath(dataDir)}.encrypting`)).toBe(false);
}

beforeAll(() => writePlainCaseFile(plain));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('encrypting a plain case file from an earlier Relais', () => {
  it(`loses nothing when killed at ${KILL_RUNS} random moments`, async () => {
    const whole = await upgradeInChild('whole');
    whole.folders.forEach(expectWholeAndEncrypted);

    const random = seeded(7);
    const states: string[] = [];
    for (let run = 0; run < KILL_RUNS; run++) {
      const killed = await upgradeInChild(`killed-${run}`, random() * whole.elapsedMs);
      for (const folder of killed.folders) {
        states.push(stateOf(folder));
        expectWholeAndEncrypted(folder);
      }
    }
    // The figures the README gives: where the kills landed.
    console.info(`upgrade of ${FOLDERS_PER_RUN} folders: ${Math.round(whole.elapsedMs)} ms; kills left folders ${JSON.stringify(countBy(states))}`);
  }, 180_000);

  it('keeps what an earlier Relais left in its WAL when it stopped', () => {
    const live = path.join(work, 'live');
    cpSync(plain, live, { recursive: true });
    const db = new Database(caseFilePath(live));
    db.pragma('wal_autocheckpoint = 0');
    writeDossier(db, makeDossier({ number: DOSSIERS + 1, raisonSociale: 'Ancienne Forge du WAL' }), false);
    // The folder as a crash would leave it: the last change only in the WAL.
    const crashed = path.join(work, 'crashed');
    cpSync(live, crashed, { recursive: true });
    db.close();
    expect(readFileSync(`${caseFilePath(crashed)}-wal`).length).toBeGreaterThan(0);
    const session = openSession({ dataDir: crashed, host: 'cli' });
    try {
      expect(session.ctx.db.prepare("SELECT count(*) FROM dossier WHERE demandeur_name = 'Ancienne Forge du WAL'").pluck().get()).toBe(1);
    } finally {
      session.close();
    }
    expect(isPlainCaseFile(caseFilePath(crashed))).toBe(false);
    for (const name of readdirSync(crashed).filter((file) => file.startsWith('relais.sqlite'))) expect(readFileSync(path.join(crashed, name)).includes('Ancienne Forge'), name).toBe(false);
  });
});

function countBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});
}
