/**
 * What encryption at rest costs: the same case file keyed (as Relais writes it) and decrypted to
 * plain SQLite, side by side: opening it (connection, pragmas, a first count), a mutation through
 * the contract (journal, outbox, one transaction) and a first list page through the contract.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { applyCaseFileKey } from '../../electron/core/db/cipher';
import { caseFilePath } from '../../electron/core/db/open';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { Session } from '../../electron/core/session';
import { median, round } from './stats';

const RUNS = 60;

/** The app's connection settings (db/open.ts), keyed or not. */
function connect(file: string, key: Buffer | null): Database.Database {
  const db = new Database(file);
  if (key) applyCaseFileKey(db, key);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  return db;
}

/** A plain copy of the session's case file, as an earlier Relais kept it. */
function plainCopy(session: Session, dir: string): string {
  session.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  const file = path.join(dir, 'plain.sqlite');
  cpSync(caseFilePath(session.ctx.dataDir), file);
  const db = new Database(file);
  applyCaseFileKey(db, session.ctx.caseFileKey);
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.close();
  return file;
}

async function call(handlers: Handlers, channel: string, args: unknown): Promise<void> {
  const envelope = await dispatch(handlers, channel, args, { validateResults: false });
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
}

interface Side {
  file: string;
  key: Buffer | null;
  db: Database.Database;
  handlers: Handlers;
}

/**
 * The median of each operation, keyed and plain runs alternating: on a shared machine a burst of
 * load then weighs on both sides alike.
 */
async function alternate(sides: readonly [Side, Side], operation: (side: Side, i: number) => unknown): Promise<[number, number]> {
  const durations: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    for (const index of [0, 1] as const) {
      const start = performance.now();
      await operation(sides[index], i);
      durations[index].push(performance.now() - start);
    }
  }
  return [median(durations[0]), median(durations[1])];
}

function sideOf(session: Session, file: string, key: Buffer | null): Side {
  const db = connect(file, key);
  return { file, key, db, handlers: createHandlers({ ...session.ctx, db }) };
}

export async function benchCipher(session: Session, work: string): Promise<Record<string, number>> {
  const ids = session.ctx.db.prepare<[], string>('SELECT id FROM dossier ORDER BY seq LIMIT 100').pluck().all();
  const plainFile = plainCopy(session, work);
  const keyedFile = path.join(work, 'keyed.sqlite');
  cpSync(caseFilePath(session.ctx.dataDir), keyedFile);
  const sides = [sideOf(session, keyedFile, session.ctx.caseFileKey), sideOf(session, plainFile, null)] as const;
  try {
    const open = await alternate(sides, (side) => {
      const db = connect(side.file, side.key);
      db.prepare('SELECT count(*) FROM dossier').get();
      db.close();
    });
    const mutation = await alternate(sides, (side, i) => call(side.handlers, 'dossiers.setFollowed', { id: ids[i % ids.length], followed: i % 2 === 0 }));
    const list = await alternate(sides, (side, i) =>
      call(side.handlers, 'dossiers.list', { sort: { column: i % 2 ? 'number' : 'demandeur', direction: 'asc' }, limit: 50 }),
    );
    return Object.fromEntries(
      Object.entries({ open, mutation, list }).flatMap(([name, [keyed, plain]]) => [
        [`cipher_${name}_keyed_ms`, round(keyed)],
        [`cipher_${name}_plain_ms`, round(plain)],
        [`cipher_${name}_ratio`, round(keyed / plain)],
      ]),
    );
  } finally {
    sides.forEach((side) => side.db.close());
  }
}
