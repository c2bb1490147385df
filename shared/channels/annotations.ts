/**
 * The channels of annotations: list, add, edit and remove (journaled, sent to the hub), and the
 * editors' drafts (kept on this computer only).
 */
import { z } from 'zod';
import { defineChannels, ExpectedVersion } from './channel';
import { Id } from '../domain/dossier';
import { Annotation, AnnotationDraft, AnnotationTarget, AnnotationText, DraftKey, MAX_ANNOTATION_TEXT, PageRect } from '../domain/annotation';

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
  'annotations.drafts': {
    kind: 'query',
    args: z.strictObject({ dossierId: Id }),
    result: z.object({ drafts: z.array(AnnotationDraft) }),
    description: "The unsaved texts of a dossier's annotation editors.",
  },
  'annotations.saveDraft': {
    kind: 'mutation',
    args: z.strictObject({ dossierId: Id, key: DraftKey, text: z.string().max(MAX_ANNOTATION_TEXT) }),
    result: AnnotationDraft,
    description: "Keeps what an editor holds while the user types (this computer only); an empty text discards it.",
  },
});
