/** The handlers of shared/channels/annotations.ts. */
import type { annotationChannels } from '../../../shared/channels/annotations';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { addAnnotation, editAnnotation, removeAnnotation } from './mutations';
import { dossierSeqOf } from '../dossiers/seq';
import { annotationsOfDossier } from './read';

export function annotationHandlers(ctx: CoreContext): HandlersOf<typeof annotationChannels> {
  const now = () => ctx.clock().toISOString();
  return {
    'annotations.list': ({ dossierId, includeRemoved }) => ({
      annotations: annotationsOfDossier(ctx.db, dossierSeqOf(ctx.db, dossierId), { includeRemoved }),
    }),
    // Ids and time are made here, once: every desk replaying the change stores the same.
    'annotations.add': (args) => runMutation(ctx, addAnnotation, { ...args, annotationId: ctx.newId(), at: now() }),
    'annotations.edit': (args) => runMutation(ctx, editAnnotation, { ...args, versionId: ctx.newId(), at: now() }),
    'annotations.remove': (args) => runMutation(ctx, removeAnnotation, { ...args, versionId: ctx.newId(), at: now() }),
  };
}
