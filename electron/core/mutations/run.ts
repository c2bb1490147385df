/**
 * The one path for every write: in one transaction, validate the arguments, apply the change,
 * append the journal entry and, for a mutation the hub must see, queue it in the outbox with the
 * versions it was made from. A change pulled from the hub goes the same way, journaled under its
 * own mutation id, author and time, and is not queued.
 * Any throw rolls all of it back.
 */
import { RelaisError } from '../../../shared/errors';
import { syncedMutationNamed } from '../../../shared/sync/mutations';
import type { HubEvent } from '../../../shared/sync/protocol';
import type { Actor, CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { parseArguments } from '../validation';
import type { MutationDef, MutationOutcome } from './define';
import { appendJournal } from './journal';
import { enqueueOutbox } from './outbox';
import { mutationNamed } from './registry';

// Each item pairs a definition with its arguments (`any`: a definition's argument type is
// contravariant); mutationCall checks the pair where it is built.
export type MutationCall = readonly [MutationDef<any, unknown>, unknown];

interface Recording {
  mutationId: string;
  actor: Actor;
  at: string;
  /** Queue it for the hub, with these versions in place of the computed ones. */
  queue: { baseOverrides?: Readonly<Record<string, number>> } | null;
}

const journalHas = statementsFor((db) => db.prepare<[string], number>('SELECT 1 FROM journal WHERE mutation_id = ?').pluck());

/**
 * The field keys a synced change sets, from the shared definition the hub applies it with. A
 * change without one sets none the hub knows of: it is queued all the same, and refused there.
 */
function keysSetBy(name: string, args: unknown, dossierId: string | null): string[] {
  return syncedMutationNamed(name)?.effects(args, dossierId).sets.map((set) => set.key) ?? [];
}

function record<A, R>(ctx: CoreContext, def: MutationDef<A, R>, args: A, outcome: MutationOutcome<R>, recording: Recording): R {
  appendJournal(ctx.db, {
    mutationId: recording.mutationId,
    name: def.name,
    dossierId: outcome.dossierId,
    actor: recording.actor,
    at: recording.at,
    args: def.journalArgs ? def.journalArgs(args) : args,
    before: outcome.before,
    after: outcome.after,
  });
  if (recording.queue) {
    enqueueOutbox(ctx.db, {
      mutationId: recording.mutationId,
      name: def.name,
      args,
      dossierId: outcome.dossierId,
      keys: keysSetBy(def.name, args, outcome.dossierId),
      createdAt: recording.at,
      ...recording.queue,
    });
  }
  return outcome.result;
}

function applyOne<A, R>(ctx: CoreContext, def: MutationDef<A, R>, rawArgs: unknown): R {
  const args = parseArguments(def.args, rawArgs);
  const outcome = def.apply(ctx, args);
  // After apply: the demo's seeded ids come in this order.
  const mutationId = ctx.newId();
  return record(ctx, def, args, outcome, { mutationId, actor: ctx.actor, at: ctx.clock().toISOString(), queue: def.outbox ? {} : null });
}

/**
 * Runs the work in one transaction (all of it rolled back on any throw). SQLite's "database or
 * disk is full" becomes 'disk_full'; a write lock another program held past the busy timeout
 * (SQLITE_BUSY and its extended codes) becomes 'case_file_busy': nothing was written, a retry may pass.
 */
function inTransaction<T>(ctx: CoreContext, work: () => T): T {
  try {
    // IMMEDIATE: the sync worker writes through its own connection; a deferred transaction that read
    // before the other one committed could not write after it.
    return ctx.db.transaction(work).immediate();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_FULL') throw new RelaisError('disk_full');
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) throw new RelaisError('case_file_busy');
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

/** The definition a change from the hub names; an unknown one means this desk is older than the change. */
function definitionOf(name: string): MutationDef<any, unknown> {
  const def = mutationNamed(name);
  if (!def) throw new RelaisError('sync_change_unknown', { name });
  return def;
}

/** The guards on what this desk's screens showed are the author's business: the hub checked them. */
const asReplay = (ctx: CoreContext, actor: Actor): CoreContext => ({ ...ctx, actor, origin: 'hub' });

function replay(ctx: CoreContext, event: HubEvent, mutationId: string): void {
  const def = definitionOf(event.name);
  const args = parseArguments(def.args, event.args);
  record(ctx, def, args, def.apply(asReplay(ctx, event.actor), args), { mutationId, actor: event.actor, at: event.at, queue: null });
}

/**
 * Replays a change the hub recorded: applied through its own definition as the hub checked it,
 * journaled with the event's mutation id, author and time, not queued. A change already in the
 * journal (this desk's own, or one replayed before) is left as it is: false then.
 */
export function applyHubEvent(ctx: CoreContext, event: HubEvent): boolean {
  return inTransaction(ctx, () => {
    if (journalHas(ctx.db).get(event.mutationId)) return false;
    replay(ctx, event, event.mutationId);
    return true;
  });
}

/**
 * Replays a change the hub recorded that this desk already holds, once more: the hub refused a
 * later change of this desk, whose value goes back to the hub's. Journaled under a new id (the
 * event's own is taken), with the event's author and time.
 */
export function applyHubEventAgain(ctx: CoreContext, event: HubEvent): void {
  inTransaction(ctx, () => replay(ctx, event, ctx.newId()));
}

/**
 * Applies a change of this desk once more, as a new mutation queued for the hub (a conflict
 * settled with 'mine'): the guards on what the screen showed were passed when it was first made.
 */
export function reapplyMutation(ctx: CoreContext, name: string, rawArgs: unknown, baseOverrides: Readonly<Record<string, number>>): string {
  return inTransaction(ctx, () => {
    const def = definitionOf(name);
    const args = parseArguments(def.args, rawArgs);
    const outcome = def.apply(asReplay(ctx, ctx.actor), args);
    const mutationId = ctx.newId();
    record(ctx, def, args, outcome, { mutationId, actor: ctx.actor, at: ctx.clock().toISOString(), queue: { baseOverrides } });
    return mutationId;
  });
}
