/** 'dossiers.history': the dossier's journal entries, each marked with whether the hash chain vouches for it. */
import type { DossierHistory } from '../../../shared/contract';
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { entryOf, verifyJournal, type JournalRow } from '../mutations/journal';

const statements = statementsFor((db) => ({
  exists: db.prepare<[string], number>('SELECT 1 FROM dossier WHERE id = ?').pluck(),
  // Reads journal_by_dossier backwards: newest first without sorting.
  entries: db.prepare<[string], JournalRow>('SELECT * FROM journal WHERE dossier_id = ? ORDER BY seq DESC'),
}));

export function dossierHistory(ctx: CoreContext, id: string): DossierHistory {
  const s = statements(ctx.db);
  if (!s.exists.get(id)) throw new RelaisError('not_found', { what: `dossier ${id}` });
  const check = verifyJournal(ctx.db);
  // Past the first break, an entry's hash no longer ties it to the rest: it may be forged.
  const firstBreak = check.ok ? null : check.broken;
  return {
    entries: s.entries.all(id).map((row) => {
      const entry = entryOf(row);
      return {
        seq: row.seq,
        mutationId: entry.mutationId,
        who: entry.actor.name,
        when: entry.at,
        what: entry.name,
        before: entry.before,
        after: entry.after,
        intact: firstBreak === null || row.seq < firstBreak.seq,
      };
    }),
    chainIntact: firstBreak === null,
    firstBreak,
  };
}
