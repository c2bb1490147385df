/**
 * The conflict inbox: a change of this desk that the hub found made from an older version of a
 * field. A person settles it, as a journaled mutation: either way the hub's changes are replayed
 * here first (the journal holds every change of the hub); 'mine' then makes my change again over
 * the hub's version, queued as a new change. All the stale keys of one change are settled together.
 */
import { z } from 'zod';
import type { HubEvent } from '../../../shared/sync/protocol';
import { Id } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { withdrawUnacceptedSignature } from '../decisions/refused-signatures';
import { defineMutation } from '../mutations';
import { applyHubEvent, reapplyMutation } from '../mutations/run';
import { conflictById, openConflictsOf, settleConflicts, theirsOf, type ConflictRow } from './conflict-store';
import { hasPendingChange, recordHubVersions, releaseKeys } from './fields';
import { markConflictSettled, outboxRow, rebaseWaiting } from './queue';
import { releaseHeld } from './replay';

const ConflictChoice = z.enum(['mine', 'theirs']);

/**
 * The hub's side, as every other desk has it: the hub's changes held back on these keys replayed
 * in the hub's order, and the change that set the hub's value if it was not among them (not pulled
 * yet). A key a later change of this desk still sets is left to that change's own settling.
 */
function catchUp(ctx: CoreContext, rows: readonly ConflictRow[]): void {
  for (const row of rows) {
    const theirs = theirsOf(row);
    recordHubVersions(ctx.db, { [theirs.key]: theirs.version }, new Map([[theirs.key, theirs.value]]));
  }
  releaseHeld(ctx, rows.map((row) => row.key));
  for (const row of rows) {
    const { event } = theirsOf(row);
    if (event && !Object.keys(event.versions).some((key) => hasPendingChange(ctx.db, key))) replayUnlessRefused(ctx, event);
  }
}

/**
 * Replays the hub's change unless the case file refuses it: one not pulled yet may need a blob this
 * desk has yet to download (a signed PDF); the next pull brings both. Rolled back to its savepoint.
 */
function replayUnlessRefused(ctx: CoreContext, event: HubEvent): void {
  try {
    applyHubEvent(ctx, event);
  } catch (error) {
    if (!isConstraintFailure(error)) throw error;
  }
}

/** My change once more, over the hub's versions; waiting changes made from the old one follow the new one. */
function keepMine(ctx: CoreContext, mutationId: string, rows: readonly ConflictRow[]): void {
  const change = outboxRow(ctx.db, mutationId);
  if (!change) throw new RelaisError('not_found', { what: `change ${mutationId}` });
  const hubVersions = Object.fromEntries(rows.map((row) => [row.key, theirsOf(row).version]));
  let again: string;
  try {
    again = reapplyMutation(ctx, change.name, JSON.parse(change.args), hubVersions);
  } catch (error) {
    // The case file refuses it over the hub's value (a signed act never changes): the hub's stays,
    // as the hub would refuse it too. Rolled back to its savepoint: nothing of it stays.
    if (isConstraintFailure(error)) return;
    throw error;
  }
  for (const row of rows) rebaseWaiting(ctx.db, row.key, mutationId, again);
}

const isConstraintFailure = (error: unknown) => String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT');

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
    // A signature made on a proposal the hub no longer holds leaves the act before the hub's changes land.
    const change = outboxRow(ctx.db, conflict.mutation_id);
    if (change) withdrawUnacceptedSignature(ctx, change, 'decision_wrong_state', at);
    catchUp(ctx, rows);
    if (choice === 'mine') keepMine(ctx, conflict.mutation_id, rows);
    return {
      dossierId: conflict.dossier_id,
      before: { change: conflict.name, keys: rows.map((row) => row.key) },
      after: { choice },
      result: undefined,
    };
  },
});
