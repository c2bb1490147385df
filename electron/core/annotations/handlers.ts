/** The handlers of shared/channels/annotations.ts. */
import type { annotationChannels } from '../../../shared/channels/annotations';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { addAnnotation, editAnnotation, removeAnnotation } from './mutations';
import { dossierSeqOf } from '../dossiers/seq';
import { annotationsOfDossier } from './read';

export function annotationHandlers(ctx: CoreContext): HandlersOf<typeof annotationChannels> {
  return {
    'annotations.list': ({ dossierId, includeRemoved }) => ({
      annotations: annotationsOfDossier(ctx.db, dossierSeqOf(ctx.db, dossierId), { includeRemoved }),
    }),
    'annotations.add': (args) => runMutation(ctx, addAnnotation, args),
    'annotations.edit': (args) => runMutation(ctx, editAnnotation, args),
    'annotations.remove': (args) => runMutation(ctx, removeAnnotation, args),
  };
}
