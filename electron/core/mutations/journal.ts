/**
 * The append-only journal: each entry stores the hash of the previous one and its own hash,
 * sha256(previous hash + canonical JSON of the entry), so any edit or removal breaks the chain.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import type { JournalBreak } from '../../../shared/contract';
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

export interface JournalRow {
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
  after: db.prepare<[number], JournalRow>('SELECT * FROM journal WHERE seq > ? ORDER BY seq'),
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

/** `entries`: how many entries the chain vouches for (all of them, or those before the break). */
export type JournalCheck = { ok: true; entries: number } | { ok: false; entries: number; broken: JournalBreak };

/**
 * A stored value as it was written; text that is not JSON at all can only come from an edit
 * outside Relais, and is kept as it is so that its hash fails instead of the read.
 */
function storedValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function entryOf(row: JournalRow): JournalEntry {
  return {
    mutationId: row.mutation_id,
    name: row.name,
    dossierId: row.dossier_id,
    actor: { id: row.actor_id, name: row.actor_name },
    at: row.at,
    args: storedValue(row.args),
    before: storedValue(row.before),
    after: storedValue(row.after),
  };
}

/** Why an entry breaks the chain, checked in this order: a gap hides the link, the link hides the content. */
function breakOf(row: JournalRow, expectedSeq: number, prevHash: string): JournalBreak | null {
  const entry = { seq: row.seq, mutationId: row.mutation_id };
  // Sequence numbers are handed out one after the other and never reused while later ones exist.
  if (row.seq !== expectedSeq) return { ...entry, reason: 'gap', missingFrom: expectedSeq };
  if (row.prev_hash !== prevHash) return { ...entry, reason: 'prev_hash_mismatch' };
  if (row.hash !== entryHash(prevHash, entryOf(row))) return { ...entry, reason: 'hash_mismatch' };
  return null;
}

/** How far the chain was found intact, per open case file: later checks start from there. */
const verifiedPrefix = new WeakMap<Database, { entries: number; hash: string }>();

/**
 * Checks the chain from the stored entries and names the first entry that breaks it. The
 * journal cannot be changed through Relais (triggers refuse it), so once a prefix was found
 * intact in this session only the entries appended since are recomputed.
 * Removing the newest entries leaves no trace in the chain itself: the hub, which holds the
 * entries it received, is what can tell.
 */
export function verifyJournal(db: Database, { fromStart = false }: { fromStart?: boolean } = {}): JournalCheck {
  const known = fromStart ? undefined : verifiedPrefix.get(db);
  let prevHash = known?.hash ?? GENESIS_HASH;
  let entries = known?.entries ?? 0;
  for (const row of statements(db).after.iterate(entries)) {
    const broken = breakOf(row, entries + 1, prevHash);
    if (broken) return { ok: false, entries, broken };
    prevHash = row.hash;
    entries += 1;
  }
  verifiedPrefix.set(db, { entries, hash: prevHash });
  return { ok: true, entries };
}
