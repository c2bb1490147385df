/**
 * Where the hub's Démarches Simplifiées connector stands, as `GET /v1/admin/ds/status` answers it
 * to administrateur accounts: the last run and its figures, what waits or failed on the way to DS,
 * and the recent errors. It never carries the DS token.
 */
import { z } from 'zod';
import { IsoDateTime } from '../domain/dossier';

const Count = z.number().int().min(0);

/** What one run did: the import's figures, then the push's, and when it ran. */
export const DsSyncSummary = z.strictObject({
  imported: Count,
  updated: Count,
  deleted: Count,
  files: Count,
  messages: Count,
  avis: Count,
  errors: Count,
  pushed: Count,
  review: Count,
  failed: Count,
  pending: Count,
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
});
export type DsSyncSummary = z.infer<typeof DsSyncSummary>;

export const DS_PUSH_KINDS = [
  'passer_en_instruction',
  'repasser_en_construction',
  'accepter',
  'refuser',
  'classer_sans_suite',
  'annotations',
  'message',
  'label_add',
  'label_remove',
] as const;
export const DsPushKind = z.enum(DS_PUSH_KINDS);
export type DsPushKind = z.infer<typeof DsPushKind>;

export const DS_PUSH_STATES = ['pending', 'done', 'review', 'failed'] as const;
export const DsPushState = z.enum(DS_PUSH_STATES);
export type DsPushState = z.infer<typeof DsPushState>;

/** A change sent to DS that needs a person: « à revoir » (the applicant changed the dossier) or failed. */
export const DsPushEntry = z.strictObject({
  number: z.number().int().positive(),
  kind: DsPushKind,
  state: DsPushState,
  lastError: z.string().nullable(),
  updatedAt: IsoDateTime,
});
export type DsPushEntry = z.infer<typeof DsPushEntry>;

export const DsErrorEntry = z.strictObject({
  at: IsoDateTime,
  phase: z.enum(['import', 'push', 'check']),
  number: z.number().int().positive().nullable(),
  message: z.string(),
});
export type DsErrorEntry = z.infer<typeof DsErrorEntry>;

export const DsStatus = z.strictObject({
  configured: z.boolean(),
  /** The DS GraphQL endpoint; null when the connector is not configured. */
  endpoint: z.string().nullable(),
  demarches: z.array(z.number().int().positive()),
  /** The last run, complete or not; null before the first one. */
  lastRun: z
    .strictObject({
      startedAt: IsoDateTime,
      finishedAt: IsoDateTime,
      /** Its figures; null when the run stopped short (see failure). */
      summary: DsSyncSummary.nullable(),
      /** Why the run stopped short (DS unreachable, token refused…), a sentence; null when it completed. */
      failure: z.string().nullable(),
    })
    .nullable(),
  /** The end of the last run that completed with no error at all. */
  lastSuccessAt: IsoDateTime.nullable(),
  counts: z.strictObject({
    /** Dossiers imported from DS and not deleted there. */
    dossiers: Count,
    /** Dossiers DS deleted after they were imported. */
    deleted: Count,
    pushPending: Count,
    pushFailed: Count,
    pushReview: Count,
  }),
  /** Review and failed pushes, latest first, at most DS_STATUS_PUSHES. */
  pushes: z.array(DsPushEntry),
  /** Recent errors, latest first. */
  errors: z.array(DsErrorEntry),
});
export type DsStatus = z.infer<typeof DsStatus>;

/** Most review/failed pushes and most errors one status answer lists. */
export const DS_STATUS_PUSHES = 50;
export const DS_STATUS_ERRORS = 50;
