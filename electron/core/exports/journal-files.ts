/**
 * The dossier's journal entries for the export, oldest first, as JSON (every field, with the
 * hashes that chain them) and as CSV (one line per entry, before/after as JSON text).
 */
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { entryOf, type JournalRow } from '../mutations/journal';
import { csvBytes } from './csv';

const statements = statementsFor((db) => ({
  entries: db.prepare<[string], JournalRow>('SELECT * FROM journal WHERE dossier_id = ? ORDER BY seq'),
}));

export function dossierJournalFiles(ctx: CoreContext, dossierId: string): { json: Uint8Array; csv: Uint8Array } {
  const entries = statements(ctx.db)
    .entries.all(dossierId)
    .map((row) => ({ seq: row.seq, ...entryOf(row), prevHash: row.prev_hash, hash: row.hash }));
  const json = new TextEncoder().encode(`${JSON.stringify(entries, null, 2)}\n`);
  const csv = csvBytes(
    ['seq', 'at', 'actor_id', 'actor_name', 'mutation_id', 'name', 'before', 'after', 'args', 'prev_hash', 'hash'],
    entries.map((entry) => [
      entry.seq,
      entry.at,
      entry.actor.id,
      entry.actor.name,
      entry.mutationId,
      entry.name,
      JSON.stringify(entry.before),
      JSON.stringify(entry.after),
      JSON.stringify(entry.args),
      entry.prevHash,
      entry.hash,
    ]),
  );
  return { json, csv };
}
