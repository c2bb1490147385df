/**
 * The synced changes of annotations, insert-only: each version is a new entity (never a conflict;
 * concurrent edits are all kept, in the hub's order). Ids and times travel in the arguments, made
 * once by the desk that wrote them, so that every desk replaying them stores the same rows.
 */
import { annotationChannels } from '../../channels/annotations';
import { Id, IsoDateTime } from '../../domain/dossier';
import { syncedMutation, type SyncEffects } from '../effects';
import { dossierRef, entityKey } from './keys';

export const addAnnotation = syncedMutation({
  name: 'annotation.add',
  args: annotationChannels['annotations.add'].args.extend({ annotationId: Id, at: IsoDateTime }),
  effects: ({ annotationId, dossierId }) => ({
    sets: [],
    inserts: [entityKey('annotation', annotationId)],
    refs: [dossierRef(dossierId)],
    blobs: [],
  }),
});

/** An edit or a removal: a new version, `annotation:<id>/<versionId>`, of an annotation that exists. */
function newVersion({ annotationId, versionId }: { annotationId: string; versionId: string }): SyncEffects {
  return { sets: [], inserts: [entityKey('annotation', `${annotationId}/${versionId}`)], refs: [entityKey('annotation', annotationId)], blobs: [] };
}

export const editAnnotation = syncedMutation({
  name: 'annotation.edit',
  args: annotationChannels['annotations.edit'].args.extend({ versionId: Id, at: IsoDateTime }),
  effects: (args) => newVersion(args),
});

export const removeAnnotation = syncedMutation({
  name: 'annotation.remove',
  args: annotationChannels['annotations.remove'].args.extend({ versionId: Id, at: IsoDateTime }),
  effects: (args) => newVersion(args),
});
