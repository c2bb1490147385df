/**
 * What the hub answered for each pushed change, stored in one transaction: applied (its versions
 * noted), in conflict (mine and theirs kept side by side; the desk keeps mine until a person
 * chooses), or refused (the reason kept, and the desk takes back the hub's value of each key).
 */
import type { HubEvent, PushResult } from '../../../shared/sync/protocol';
import type { CoreContext } from '../context';
import { withdrawUnacceptedSignature } from '../decisions/refused-signatures';
import { insertConflict } from './conflict-store';
import { effectsOf, hasPendingChange, recordHubVersions, releaseKeys, valuesSetBy } from './fields';
import { settleOutbox, type OutboxRow } from './queue';
import { releaseHeld, restoreHubChange } from './replay';

export interface PushCounts {
  applied: number;
  conflicts: number;
  rejected: number;
}

type Result<S extends PushResult['status']> = Extract<PushResult, { status: S }>;

function storeApplied(ctx: CoreContext, row: OutboxRow, result: Result<'applied'>, at: string): void {
  const values = valuesSetBy(effectsOf(row.name, JSON.parse(row.args), row.dossier_id));
  recordHubVersions(ctx.db, result.versions, values);
  releaseKeys(ctx.db, row.mutation_id);
  settleOutbox(ctx.db, row.mutation_id, 'applied', at);
}

function storeConflict(ctx: CoreContext, row: OutboxRow, result: Result<'conflict'>, at: string): void {
  for (const { key, mine, theirs } of result.conflicts) {
    recordHubVersions(ctx.db, { [key]: theirs.version }, new Map([[key, theirs.value]]));
    insertConflict(ctx.db, { id: ctx.newId(), mutationId: row.mutation_id, name: row.name, dossierId: row.dossier_id, key, mine, theirs, createdAt: at });
  }
  settleOutbox(ctx.db, row.mutation_id, 'conflict', at);
}

/**
 * Puts the hub's change of a key back on this desk after a refusal of this desk's own change of
 * it: replayed for the first time, or once more when this desk had it before its refused change.
 * A key another change of this desk still sets is left to that change. Should the case file not
 * take it (a signed decision never changes), the desk keeps its value and the refusal stays shown.
 */
function adoptAfterRefusal(ctx: CoreContext, event: HubEvent): void {
  if (Object.keys(event.versions).some((key) => hasPendingChange(ctx.db, key))) return;
  try {
    restoreHubChange(ctx, event);
  } catch {
    // Rolled back to its savepoint: nothing of it stays.
  }
}

function storeRejected(ctx: CoreContext, row: OutboxRow, result: Result<'rejected'>, at: string): void {
  releaseKeys(ctx.db, row.mutation_id);
  settleOutbox(ctx.db, row.mutation_id, 'rejected', at, { reason: result.reason, detail: result.detail ?? null });
  // A refused signature leaves the act here first, so that the hub's may land on the proposal.
  withdrawUnacceptedSignature(ctx, row, result.reason, at);
  for (const current of result.current) {
    if (current.version > 0) recordHubVersions(ctx.db, { [current.key]: current.version }, new Map([[current.key, current.value]]));
  }
  // The hub's changes held back while this one was on its way, then the hub's value of each key.
  const adopted = releaseHeld(ctx, result.current.map((current) => current.key));
  for (const { event } of result.current) {
    if (event && !adopted.has(event.mutationId)) {
      adopted.add(event.mutationId);
      adoptAfterRefusal(ctx, event);
    }
  }
}

/** Stores the answers in one transaction; a change the answer does not mention stays sent (pushed again next round). */
export function storePushResults(ctx: CoreContext, rows: readonly OutboxRow[], results: readonly PushResult[], at: string): PushCounts {
  const byId = new Map(results.map((result) => [result.mutationId, result]));
  const counts: PushCounts = { applied: 0, conflicts: 0, rejected: 0 };
  ctx.db
    .transaction(() => {
      for (const row of rows) {
        const result = byId.get(row.mutation_id);
        if (!result) continue;
        if (result.status === 'applied') {
          storeApplied(ctx, row, result, at);
          counts.applied += 1;
        } else if (result.status === 'conflict') {
          storeConflict(ctx, row, result, at);
          counts.conflicts += 1;
        } else {
          storeRejected(ctx, row, result, at);
          counts.rejected += 1;
        }
      }
    })
    .immediate();
  return counts;
}
