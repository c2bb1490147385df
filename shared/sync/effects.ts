/**
 * What a synced mutation does, as the hub checks it: the field keys it sets (each versioned: a
 * stale base is a conflict), the entities it creates (insert-only) or acts on (they must exist and
 * belong to the same dossier), a decision's guarded transition, the blobs it references, and who
 * may do it. Computed from the arguments alone, the same on the desk (to record the base versions
 * when the change is made) and on the hub (to apply it).
 *
 * Keys: `<entity>:<id>` for an entity, `<entity>:<id>:<field>` for one of its fields, e.g.
 * `annotation:<id>`, `evaluation:<dossierId>/<criterionId>:assessment`, `decision:<id>:state`.
 */
import type { z } from 'zod';
import type { DecisionState, DecisionType } from '../domain/decision';
import type { DossierState } from '../domain/dossier';
import type { HubRole } from './protocol';

export interface FieldSet {
  key: string;
  value: unknown;
}

export interface DecisionCommand {
  id: string;
  /** Known when the decision is created, and for a signature (the verdict's type decides the dossier's state). */
  type?: DecisionType;
  /** The states the decision may be in on the hub; anything else is rejected (`decision_wrong_state`). */
  from: readonly DecisionState[] | 'new';
  to: DecisionState;
}

export interface SyncEffects {
  /** Field keys set, with their new value. */
  sets: FieldSet[];
  /** Entity keys created: refused when the hub already has them (`entity_exists`). */
  inserts: string[];
  /** Entity keys acted on: refused when missing (`entity_missing`) or of another dossier. */
  refs: string[];
  decision?: DecisionCommand;
  /** The dossier's state after the change (pass to instruction); checked against the procedure. */
  dossierState?: DossierState;
  /** The dossier's instructor after the change (by email; null: nobody): it widens who sees it. */
  assignedEmail?: string | null;
  /** SHA-256 of the blobs the change references: they must be on the hub, verified (`blob_missing`). */
  blobs: string[];
  /** The roles allowed to make it; absent: any role but administrateur. */
  roles?: readonly HubRole[];
  /** Seen only by its author's desks (a preference, the followed flag). */
  personal?: boolean;
}

export interface SyncedMutation<A> {
  readonly name: string;
  readonly args: z.ZodType<A>;
  /** `dossierId`: the dossier the desk applied it to, as the push declares it. */
  effects(args: A, dossierId: string | null): SyncEffects;
}

export function syncedMutation<A>(def: SyncedMutation<A>): SyncedMutation<A> {
  return Object.freeze({ ...def });
}

/** Effects of a change that sets fields and nothing else: the common case. */
export function setsOnly(sets: FieldSet[], extra: Partial<SyncEffects> = {}): SyncEffects {
  return { sets, inserts: [], refs: [], blobs: [], ...extra };
}
