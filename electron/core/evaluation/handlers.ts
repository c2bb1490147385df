/** The handlers of shared/channels/evaluation.ts. */
import { commentDraftKey, type evaluationChannels, type SetCriterionArgs } from '../../../shared/channels/evaluation';
import type { CoreContext } from '../context';
import { dossierSeqOf } from '../dossiers/seq';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { setCriterion } from './mutations';
import { assessmentsOf, evaluationView, unassessed } from './read';

/**
 * The change as it goes to the hub: the whole assessment it leaves (what the screen did not
 * change kept as it is), made at this instant; a saved comment clears its draft.
 */
function wholeChange(ctx: CoreContext, args: SetCriterionArgs) {
  const current = assessmentsOf(ctx.db, dossierSeqOf(ctx.db, args.dossierId)).get(args.criterionId) ?? unassessed(args.criterionId);
  return {
    ...args,
    status: args.status ?? current.status,
    comment: args.comment ?? current.comment,
    evidence: args.evidence ?? current.evidence,
    at: ctx.clock().toISOString(),
    ...(args.comment !== undefined && { draftKey: commentDraftKey(args.criterionId) }),
  };
}

export function evaluationHandlers(ctx: CoreContext): HandlersOf<typeof evaluationChannels> {
  return {
    'evaluation.get': ({ dossierId }) => evaluationView(ctx, dossierId),
    'evaluation.setCriterion': (args) => runMutation(ctx, setCriterion, wholeChange(ctx, args)),
  };
}
