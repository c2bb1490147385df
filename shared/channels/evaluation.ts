/**
 * The channels of the evaluation grid: a dossier's evaluation with its score, the change of one
 * criterion (journaled, sent to the hub). A comment being typed is a draft (shared/channels/drafts.ts).
 */
import { z } from 'zod';
import { defineChannels, DossierArguments } from './channel';
import { Id, IsoDateTime } from '../domain/dossier';
import {
  CriterionAssessment,
  CriterionStatus,
  EvaluationScore,
  EvidenceList,
  MAX_EVALUATION_COMMENT,
  Proposal,
} from '../domain/evaluation';
import { Programme } from '../domain/programme';

export * from '../domain/evaluation';

const CriterionId = z.string().regex(/^[a-z][a-z0-9_]*$/).max(80);

export const CommentDraft = z.object({ text: z.string(), savedAt: IsoDateTime });
export type CommentDraft = z.infer<typeof CommentDraft>;

/** The draft key of a criterion's comment. */
export const commentDraftKey = (criterionId: string) => `evaluation:${criterionId}`;

export const CriterionView = CriterionAssessment.extend({
  /** What the dossier's data proposes, when the criterion has a rule and the data answers it. */
  proposal: Proposal.nullable(),
  /** A comment typed but not saved yet (the window closed or crashed first). */
  draft: CommentDraft.nullable(),
});
export type CriterionView = z.infer<typeof CriterionView>;

export const EvaluationView = z.object({
  programme: Programme,
  /** In the programme's order, one per criterion. */
  criteria: z.array(CriterionView),
  score: EvaluationScore,
});
export type EvaluationView = z.infer<typeof EvaluationView>;

export const SetCriterionArgs = z
  .strictObject({
    dossierId: Id,
    criterionId: CriterionId,
    /** The version the screen started from (0: never set): a save over a newer one is refused. */
    expectedVersion: z.number().int().min(0),
    status: CriterionStatus.optional(),
    comment: z.string().max(MAX_EVALUATION_COMMENT).optional(),
    evidence: EvidenceList.optional(),
  })
  .refine((args) => args.status !== undefined || args.comment !== undefined || args.evidence !== undefined, {
    message: 'nothing to change: give a status, a comment or evidence',
  });
export type SetCriterionArgs = z.infer<typeof SetCriterionArgs>;

export const evaluationChannels = defineChannels({
  'evaluation.get': {
    kind: 'query',
    args: DossierArguments,
    result: EvaluationView,
    description: "A dossier's evaluation: the programme's criteria, each with its status, comment, evidence and proposal, and the score explained.",
  },
  'evaluation.setCriterion': {
    kind: 'mutation',
    args: SetCriterionArgs,
    result: z.object({ criterion: CriterionAssessment, score: EvaluationScore }),
    description: 'Changes the status, comment or evidence of one criterion; evidence must belong to the dossier.',
  },
});
