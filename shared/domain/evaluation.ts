/**
 * A dossier's evaluation against the programme's grid: per criterion, the instructor's status,
 * comment and evidence; what the dossier's own data proposes; and the score that follows.
 */
import { z } from 'zod';
import { Id, IsoDateTime } from './dossier';

export const CRITERION_STATUSES = ['met', 'not_met', 'to_check'] as const;
export const CriterionStatus = z.enum(CRITERION_STATUSES);
export type CriterionStatus = z.infer<typeof CriterionStatus>;

export const MAX_EVALUATION_COMMENT = 10_000;
export const MAX_EVIDENCE = 20;

/** What supports a status: a piece of the dossier (optionally one of its pages) or an annotation. */
export const Evidence = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('piece'), pieceId: Id, page: z.number().int().min(1).max(100_000).nullable() }),
  z.strictObject({ kind: z.literal('annotation'), annotationId: Id }),
]);
export type Evidence = z.infer<typeof Evidence>;

/** The same piece page or annotation once: used to refuse a list that repeats one. */
export function evidenceKey(evidence: Evidence): string {
  return evidence.kind === 'piece' ? `piece:${evidence.pieceId}:${evidence.page ?? ''}` : `annotation:${evidence.annotationId}`;
}

export const EvidenceList = z
  .array(Evidence)
  .max(MAX_EVIDENCE)
  .refine((list) => new Set(list.map(evidenceKey)).size === list.length, { message: 'the same evidence is linked twice' });

/** Parameters that fill a sentence of the catalogue in; `reason` picks the sentence. */
export const Explanation = z.object({ reason: z.string().min(1) }).catchall(z.union([z.string(), z.number(), z.null()]));
export type Explanation = z.infer<typeof Explanation>;

/** A status computed from the dossier's data, offered to the instructor, never applied by itself. */
export const Proposal = Explanation.extend({ status: z.enum(['met', 'not_met']) });
export type Proposal = z.infer<typeof Proposal>;

/** The instructor's assessment of one criterion. `version` 0: never set (status to check). */
export const CriterionAssessment = z.object({
  criterionId: z.string(),
  status: CriterionStatus,
  comment: z.string(),
  evidence: z.array(Evidence),
  version: z.number().int().min(0),
  /** The programme version the last change was made under. */
  programmeVersion: z.string().nullable(),
  updatedAt: IsoDateTime.nullable(),
  updatedBy: z.string().nullable(),
});
export type CriterionAssessment = z.infer<typeof CriterionAssessment>;

/**
 * `ineligible`: an eligibility criterion is not met. `provisional`: what is still to check can
 * change the outcome. Otherwise the score reaches the programme's minimum, or cannot reach it.
 */
export const EVALUATION_VERDICTS = ['ineligible', 'provisional', 'reaches_minimum', 'below_minimum'] as const;
export const EvaluationVerdict = z.enum(EVALUATION_VERDICTS);
export type EvaluationVerdict = z.infer<typeof EvaluationVerdict>;

export const ScoreLine = z.object({
  criterionId: z.string(),
  kind: z.enum(['eligibility', 'scoring']),
  status: CriterionStatus,
  /** Null for an eligibility criterion, which is a gate and earns no points. */
  points: z.number().int().nullable(),
  maxPoints: z.number().int().nullable(),
  explanation: Explanation,
});
export type ScoreLine = z.infer<typeof ScoreLine>;

export const EvaluationScore = z.object({
  verdict: EvaluationVerdict,
  eligibility: z.enum(['eligible', 'ineligible', 'provisional']),
  points: z.number().int(),
  maxPoints: z.number().int(),
  /** Points of the scoring criteria still to check: the score can rise by that much. */
  pendingPoints: z.number().int(),
  minimumScore: z.number().int(),
  lines: z.array(ScoreLine),
  explanation: Explanation,
});
export type EvaluationScore = z.infer<typeof EvaluationScore>;
