/** The handlers of shared/channels/instruction.ts. */
import type { instructionChannels } from '../../../shared/channels/instruction';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { instructionFactsOf, storedDossier } from './facts';
import { addExtension, removeExtension, setAdvance, setRegime } from './mutations';

export function instructionHandlers(ctx: CoreContext): HandlersOf<typeof instructionChannels> {
  return {
    'instruction.get': ({ dossierId }) => instructionFactsOf(ctx.db, storedDossier(ctx.db, dossierId).seq),
    'instruction.setRegime': (args) => runMutation(ctx, setRegime, args),
    'instruction.setAdvance': (args) => runMutation(ctx, setAdvance, args),
    // The id is made here, so that the hub receives the extension with it.
    'instruction.addExtension': ({ dossierId, ...extension }) =>
      runMutation(ctx, addExtension, { dossierId, extension: { id: ctx.newId(), ...extension } }),
    'instruction.removeExtension': (args) => runMutation(ctx, removeExtension, args),
  };
}
