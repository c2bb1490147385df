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
import { median, round, timeRuns } from './stats';

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

interface Costs {
  openMs: number;
  mutationMs: number;
  listMs: number;
}

async function measure(session: Session, file: string, key: Buffer | null, ids: string[]): Promise<Costs> {
  const open = await timeRuns(RUNS, () => {
    const db = connect(file, key);
    db.prepare('SELECT count(*) FROM dossier').get();
    db.close();
  });
  const db = connect(file, key);
  try {
    const handlers = createHandlers({ ...session.ctx, db });
    const mutation = await timeRuns(RUNS, (i) => call(handlers, 'dossiers.setFollowed', { id: ids[i % ids.length], followed: i % 2 === 0 }));
    const list = await timeRuns(RUNS, (i) => call(handlers, 'dossiers.list', { sort: { column: i % 2 ? 'number' : 'demandeur', direction: 'asc' }, limit: 50 }));
    return { openMs: median(open), mutationMs: median(mutation), listMs: median(list) };
  } finally {
    db.close();
  }
}

export async function benchCipher(session: Session, work: string): Promise<Record<string, number>> {
  const ids = session.ctx.db.prepare<[], string>('SELECT id FROM dossier ORDER BY seq LIMIT 100').pluck().all();
  const plainFile = plainCopy(session, work);
  const keyedFile = path.join(work, 'keyed.sqlite');
  cpSync(caseFilePath(session.ctx.dataDir), keyedFile);
  const keyed = await measure(session, keyedFile, session.ctx.caseFileKey, ids);
  const plain = await measure(session, plainFile, null, ids);
  return {
    cipher_open_keyed_ms: round(keyed.openMs),
    cipher_open_plain_ms: round(plain.openMs),
    cipher_mutation_keyed_ms: round(keyed.mutationMs),
    cipher_mutation_plain_ms: round(plain.mutationMs),
    cipher_list_keyed_ms: round(keyed.listMs),
    cipher_list_plain_ms: round(plain.listMs),
    cipher_open_ratio: round(keyed.openMs / plain.openMs),
    cipher_mutation_ratio: round(keyed.mutationMs / plain.mutationMs),
    cipher_list_ratio: round(keyed.listMs / plain.listMs),
  };
}
