/**
 * The one path for every write: in one transaction, validate the arguments, apply the change,
 * append the journal entry and, for a mutation the hub must see, queue it in the outbox.
 * Any throw rolls all of it back.
 */
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { parseArguments } from '../validation';
import type { MutationDef } from './define';
import { appendJournal } from './journal';
import { enqueueOutbox } from './outbox';

// Each item pairs a definition with its arguments (`any`: a definition's argument type is
// contravariant); mutationCall checks the pair where it is built.
export type MutationCall = readonly [MutationDef<any, unknown>, unknown];

function applyOne<A, R>(ctx: CoreContext, def: MutationDef<A, R>, rawArgs: unknown): R {
  const args = parseArguments(def.args, rawArgs);
  const outcome = def.apply(ctx, args);
  const mutationId = ctx.newId();
  const at = ctx.clock().toISOString();
  appendJournal(ctx.db, {
    mutationId,
    name: def.name,
    dossierId: outcome.dossierId,
    actor: ctx.actor,
    at,
    args: def.journalArgs ? def.journalArgs(args) : args,
    before: outcome.before,
    after: outcome.after,
  });
  if (def.outbox) enqueueOutbox(ctx.db, { mutationId, name: def.name, args, createdAt: at });
  return outcome.result;
}

/** Runs the work in one transaction; SQLite's "database or disk is full" becomes 'disk_full' (all of it rolled back). */
function inTransaction<T>(ctx: CoreContext, work: () => T): T {
  try {
    return ctx.db.transaction(work)();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_FULL') throw new RelaisError('disk_full');
    throw error;
  }
}

export function runMutation<A, R>(ctx: CoreContext, def: MutationDef<A, R>, args: A): R {
  return inTransaction(ctx, () => applyOne(ctx, def, args));
}

/** Many mutations in one transaction (an import batch): all of them, or none. */
export function runMutations(ctx: CoreContext, calls: readonly MutationCall[]): unknown[] {
  return inTransaction(ctx, () => calls.map(([def, args]) => applyOne(ctx, def, args)));
}

/** Builds a typed item for runMutations. */
export function mutationCall<A, R>(def: MutationDef<A, R>, args: A): MutationCall {
  return [def, args];
}
