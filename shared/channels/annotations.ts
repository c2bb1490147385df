/**
 * The channels of annotations: list, add, edit and remove (journaled, sent to the hub). What an
 * editor holds before it is saved is a draft (shared/channels/drafts.ts), cleared by the save.
 */
import { z } from 'zod';
import { defineChannels, ExpectedVersion } from './channel';
import { Id } from '../domain/dossier';
import { Annotation, AnnotationTarget, AnnotationText, PageRect } from '../domain/annotation';
import { DraftKey } from './drafts';

export * from '../domain/annotation';

export const AnnotationList = z.object({ annotations: z.array(Annotation) });
export type AnnotationList = z.infer<typeof AnnotationList>;

export const annotationChannels = defineChannels({
  'annotations.list': {
    kind: 'query',
    args: z.strictObject({ dossierId: Id, includeRemoved: z.boolean().default(false) }),
    result: AnnotationList,
    description: "A dossier's annotations (notes, field comments, PDF regions), oldest first, each with its versions.",
  },
  'annotations.add': {
    kind: 'mutation',
    args: z.strictObject({
      dossierId: Id,
      target: AnnotationTarget,
      text: AnnotationText,
      /** The editor's draft, cleared in the same transaction. */
      draftKey: DraftKey.optional(),
    }),
    result: Annotation,
    description: 'Adds an annotation; a region must lie on an existing page of one of the dossier\'s pieces.',
  },
  'annotations.edit': {
    kind: 'mutation',
    args: z.strictObject({
      annotationId: Id,
      /** The version the editor started from: a save over a newer one is refused. */
      expectedVersion: ExpectedVersion,
      text: AnnotationText,
      /** A region's new rectangle (region annotations only). */
      rect: PageRect.optional(),
      draftKey: DraftKey.optional(),
    }),
    result: Annotation,
    description: 'Saves a new version of an annotation.',
  },
  'annotations.remove': {
    kind: 'mutation',
    args: z.strictObject({ annotationId: Id, expectedVersion: ExpectedVersion }),
    result: Annotation,
    description: 'Marks an annotation removed, as a new version: its earlier versions stay visible.',
  },
});
