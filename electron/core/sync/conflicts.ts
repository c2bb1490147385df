/**
 * The conflict inbox: a change of this desk that the hub found made from an older version of a
 * field. A person settles it, as a journaled mutation: 'theirs' takes the hub's change (replayed
 * here), 'mine' makes my change again over the hub's version, queued as a new change. All the
 * stale keys of one change are settled together.
 */
import { z } from 'zod';
import { Id } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { defineMutation } from '../mutations';
import { reapplyMutation } from '../mutations/run';
import { conflictById, openConflictsOf, settleConflicts, theirsOf, type ConflictRow } from './conflict-store';
import { recordHubVersions, releaseKeys } from './fields';
import { markConflictSettled, outboxRow, rebaseWaiting } from './queue';
import { restoreHubChange } from './replay';

const ConflictChoice = z.enum(['mine', 'theirs']);

function takeTheirs(ctx: CoreContext, rows: readonly ConflictRow[]): void {
  const replayed = new Set<string>();
  for (const row of rows) {
    const theirs = theirsOf(row);
    recordHubVersions(ctx.db, { [theirs.key]: theirs.version }, new Map([[theirs.key, theirs.value]]));
    if (theirs.event && !replayed.has(theirs.event.mutationId)) {
      replayed.add(theirs.event.mutationId);
      restoreHubChange(ctx, theirs.event);
    }
  }
}

/** My change once more, made from the hub's versions; waiting changes made from the old one follow the new one. */
function keepMine(ctx: CoreContext, mutationId: string, rows: readonly ConflictRow[]): void {
  const change = outboxRow(ctx.db, mutationId);
  if (!change) throw new RelaisError('not_found', { what: `change ${mutationId}` });
  const hubVersions = Object.fromEntries(rows.map((row) => [row.key, theirsOf(row).version]));
  const again = reapplyMutation(ctx, change.name, JSON.parse(change.args), hubVersions);
  for (const row of rows) rebaseWaiting(ctx.db, row.key, mutationId, again);
}

export const resolveConflict = defineMutation({
  name: 'conflict.resolve',
  args: z.object({ id: Id, choice: ConflictChoice }),
  // Settling is this desk's business; what it makes ('mine': a new change) is queued on its own.
  outbox: false,
  apply(ctx, { id, choice }) {
    const conflict = conflictById(ctx.db, id);
    if (!conflict) throw new RelaisError('not_found', { what: `conflict ${id}` });
    if (conflict.choice) throw new RelaisError('sync_conflict_settled', { choice: conflict.choice });
    const rows = openConflictsOf(ctx.db, conflict.mutation_id);
    const at = ctx.clock().toISOString();
    // The settled change no longer holds its keys: the hub's change may land, or mine is made anew.
    releaseKeys(ctx.db, conflict.mutation_id);
    settleConflicts(ctx.db, conflict.mutation_id, choice, at);
    markConflictSettled(ctx.db, conflict.mutation_id, at);
    if (choice === 'theirs') takeTheirs(ctx, rows);
    else keepMine(ctx, conflict.mutation_id, rows);
    return {
      dossierId: conflict.dossier_id,
      before: { change: conflict.name, keys: rows.map((row) => row.key) },
      after: { choice },
      result: undefined,
    };
  },
});
