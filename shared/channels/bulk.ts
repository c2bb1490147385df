/**
 * The list's channels: bulk actions on a selection (and their undo while the hub has not seen
 * them), the instructors a dossier can be assigned to, and "Mes échéances".
 */
import { z } from 'zod';
import { defineChannels, NoArguments } from './channel';
import { DossierFilters } from './desk';
import { DossierState, Id, Instructor, IsoDate } from '../domain/dossier';

/** A label as the list filters on it. */
export const Label = z.string().trim().min(1).max(60);

export const BulkAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('follow') }),
  z.strictObject({ kind: z.literal('unfollow') }),
  z.strictObject({ kind: z.literal('addLabel'), label: Label }),
  z.strictObject({ kind: z.literal('removeLabel'), label: Label }),
  z.strictObject({ kind: z.literal('assign'), instructor: Instructor }),
  /** Only dossiers en construction move; the others are reported as skipped. */
  z.strictObject({ kind: z.literal('passToInstruction') }),
]);
export type BulkAction = z.infer<typeof BulkAction>;
export type BulkActionKind = BulkAction['kind'];
export const BULK_ACTION_KINDS = ['follow', 'unfollow', 'addLabel', 'removeLabel', 'assign', 'passToInstruction'] as const satisfies readonly BulkActionKind[];

/** Ids picked one by one; a larger selection is sent as the filters that made it. */
export const MAX_SELECTED_IDS = 5_000;

export const BulkTarget = z.union([
  z.strictObject({ ids: z.array(Id).min(1).max(MAX_SELECTED_IDS) }),
  /** Every dossier these filters match when the action runs. */
  z.strictObject({ filters: DossierFilters }),
]);
export type BulkTarget = z.infer<typeof BulkTarget>;

/** Why a dossier of the selection was left as it was. */
export const SKIP_REASONS = [
  'unknown_dossier',
  'already_followed',
  'not_followed',
  'already_labelled',
  'not_labelled',
  'already_assigned',
  'not_en_construction',
  'not_en_instruction',
] as const;
export const SkipReason = z.enum(SKIP_REASONS);
export type SkipReason = z.infer<typeof SkipReason>;

/** What a batch did: how many dossiers changed, and the others grouped by reason. */
export const BulkResult = z.object({
  batchId: Id,
  /** The action, or 'undo' for a batch that undid another. */
  action: z.enum([...BULK_ACTION_KINDS, 'undo']),
  done: z.number().int(),
  skipped: z.array(
    z.object({
      reason: SkipReason,
      count: z.number().int(),
      /** The first dossier numbers skipped for this reason. */
      numbers: z.array(z.number().int()),
    }),
  ),
  /** The batch can still be undone: none of its changes has left for the hub. */
  undoable: z.boolean(),
});
export type BulkResult = z.infer<typeof BulkResult>;

export const DEADLINE_KINDS = ['admissibility', 'instruction'] as const;

/** One running deadline of one of my dossiers. */
export const EcheanceItem = z.object({
  dossierId: Id,
  number: z.number().int(),
  demandeur: z.string(),
  projet: z.string(),
  state: DossierState,
  kind: z.enum(DEADLINE_KINDS),
  due: IsoDate,
  /** Negative once overdue. */
  daysLeft: z.number().int(),
  /** The tightest alert reached (30, 15 or 7 days), or null. */
  alertDays: z.number().int().nullable(),
  assignedToMe: z.boolean(),
  followed: z.boolean(),
});
export type EcheanceItem = z.infer<typeof EcheanceItem>;

export const MAX_ECHEANCES = 500;

export const Echeances = z.object({
  /** The instructor this computer's user said they are, or null. */
  me: Instructor.nullable(),
  /** Nearest first, overdue ones first of all; at most MAX_ECHEANCES. */
  items: z.array(EcheanceItem),
  total: z.number().int(),
  today: IsoDate,
});
export type Echeances = z.infer<typeof Echeances>;

export const bulkChannels = defineChannels({
  'bulk.run': {
    kind: 'mutation',
    args: z.strictObject({ action: BulkAction, target: BulkTarget }),
    result: BulkResult,
    description: 'Runs one action on a selection: one journaled mutation per dossier, all in one transaction, under one batch id.',
  },
  'bulk.undo': {
    kind: 'mutation',
    args: z.strictObject({ batchId: Id }),
    result: BulkResult,
    description: "Undoes a whole batch with the opposite mutations, refused once any of its changes is no longer waiting in the outbox.",
  },
  'bulk.instructors': {
    kind: 'query',
    args: NoArguments,
    result: z.object({ instructors: z.array(Instructor) }),
    description: 'The instructors the dossiers are assigned to, by name.',
  },
  'echeances.list': {
    kind: 'query',
    args: NoArguments,
    result: Echeances,
    description: 'The running deadlines of my dossiers (assigned to me or followed), nearest first.',
  },
  'echeances.setMe': {
    kind: 'mutation',
    args: z.strictObject({ email: z.email().nullable() }),
    result: z.object({ me: Instructor.nullable() }),
    description: 'Says which instructor the user of this computer is, for "assigned to me".',
  },
});
