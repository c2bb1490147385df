/** The handlers of shared/channels/evaluation.ts. */
import type { evaluationChannels } from '../../../shared/channels/evaluation';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { setCriterion } from './mutations';
import { evaluationView } from './read';

export function evaluationHandlers(ctx: CoreContext): HandlersOf<typeof evaluationChannels> {
  return {
    'evaluation.get': ({ dossierId }) => evaluationView(ctx, dossierId),
    'evaluation.setCriterion': (args) => runMutation(ctx, setCriterion, { ...args, at: ctx.clock().toISOString() }),
  };
}
