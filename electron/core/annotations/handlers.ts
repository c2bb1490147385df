/** The handlers of shared/channels/annotations.ts. */
import type { annotationChannels } from '../../../shared/channels/annotations';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { addAnnotation, editAnnotation, removeAnnotation, saveDraft } from './mutations';
import { annotationsOfDossier, dossierSeqOf } from './read';

const drafts = statementsFor((db) =>
  db.prepare<[number], { key: string; text: string; savedAt: string }>(
    'SELECT key, text, saved_at AS savedAt FROM annotation_draft WHERE dossier_seq = ? ORDER BY key',
  ),
);

export function annotationHandlers(ctx: CoreContext): HandlersOf<typeof annotationChannels> {
  return {
    'annotations.list': ({ dossierId, includeRemoved }) => ({
      annotations: annotationsOfDossier(ctx.db, dossierSeqOf(ctx.db, dossierId), { includeRemoved }),
    }),
    'annotations.add': (args) => runMutation(ctx, addAnnotation, args),
    'annotations.edit': (args) => runMutation(ctx, editAnnotation, args),
    'annotations.remove': (args) => runMutation(ctx, removeAnnotation, args),
    'annotations.drafts': ({ dossierId }) => ({ drafts: drafts(ctx.db).all(dossierSeqOf(ctx.db, dossierId)) }),
    'annotations.saveDraft': (args) => runMutation(ctx, saveDraft, args),
  };
}
