/**
 * The append-only journal: each entry stores the hash of the previous one and its own hash,
 * sha256(previous hash + canonical JSON of the entry), so any edit or removal breaks the chain.
 */
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { statementsFor } from '../db/statements';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface JournalEntry {
  mutationId: string;
  name: string;
  dossierId: string | null;
  actor: { id: string; name: string };
  at: string;
  args: unknown;
  before: unknown;
  after: unknown;
}

interface JournalRow {
  seq: number;
  mutation_id: string;
  name: string;
  dossier_id: string | null;
  actor_id: string;
  actor_name: string;
  at: string;
  args: string;
  before: string;
  after: string;
  prev_hash: string;
  hash: string;
}

const statements = statementsFor((db) => ({
  lastHash: db.prepare<[], string | undefined>('SELECT hash FROM journal ORDER BY seq DESC LIMIT 1').pluck(),
  insert: db.prepare(
    `INSERT INTO journal (mutation_id, name, dossier_id, actor_id, actor_name, at, args, before, after, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

export function entryHash(prevHash: string, entry: JournalEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/** Appends one entry; call inside the mutation's transaction so the chain never forks. */
export function appendJournal(db: Database, entry: JournalEntry): string {
  const stmts = statements(db);
  const prevHash = stmts.lastHash.get() ?? GENESIS_HASH;
  const hash = entryHash(prevHash, entry);
  stmts.insert.run(
    entry.mutationId,
    entry.name,
    entry.dossierId,
    entry.actor.id,
    entry.actor.name,
    entry.at,
    canonicalJson(entry.args),
    canonicalJson(entry.before),
    canonicalJson(entry.after),
    prevHash,
    hash,
  );
  return hash;
}

export type JournalCheck = { ok: true; entries: number } | { ok: false; brokenAtSeq: number };

/** Recomputes the whole chain from the stored entries. */
export function verifyJournal(db: Database): JournalCheck {
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM journal ORDER BY seq').iterate() as IterableIterator<JournalRow>) {
    const entry: JournalEntry = {
      mutationId: row.mutation_id,
      name: row.name,
      dossierId: row.dossier_id,
      actor: { id: row.actor_id, name: row.actor_name },
      at: row.at,
      args: JSON.parse(row.args),
      before: JSON.parse(row.before),
      after: JSON.parse(row.after),
    };
    if (row.prev_hash !== prevHash || row.hash !== entryHash(prevHash, entry)) return { ok: false, brokenAtSeq: row.seq };
    prevHash = row.hash;
    entries += 1;
  }
  return { ok: true, entries };
}
