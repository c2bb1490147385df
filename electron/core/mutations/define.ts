import type { ZodType } from 'zod';
import type { SyncedMutation } from '../../../shared/sync/effects';
import type { CoreContext } from '../context';

/** What a mutation's apply step reports: the dossier it touched and the change, for the journal. */
export interface MutationOutcome<R> {
  dossierId: string | null;
  before: unknown;
  after: unknown;
  result: R;
}

export interface MutationDef<A, R> {
  /** Stable name, e.g. 'dossier.setFollowed': the hub replays outbox entries by this name. */
  readonly name: string;
  readonly args: ZodType<A>;
  /** Queue the mutation for the hub (false for what came from the hub or stays local). */
  readonly outbox: boolean;
  apply(ctx: CoreContext, args: A): MutationOutcome<R>;
  /** What the journal keeps of the arguments when they are too large to repeat (page text…). */
  journalArgs?(args: A): unknown;
}

export function defineMutation<A, R>(def: MutationDef<A, R>): MutationDef<A, R> {
  return Object.freeze({ ...def });
}

/**
 * A mutation the hub applies too: its name and argument schema are the shared definition's
 * (shared/sync/mutations), so desk and hub validate the same arguments. Queued for the hub
 * unless `outbox` is false (a change only the hub makes, such as an import).
 */
export function defineSyncedMutation<A, R>(
  synced: SyncedMutation<A>,
  def: Omit<MutationDef<A, R>, 'name' | 'args' | 'outbox'> & { outbox?: boolean },
): MutationDef<A, R> {
  return defineMutation({ ...def, name: synced.name, args: synced.args, outbox: def.outbox ?? true });
}
