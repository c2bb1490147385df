/**
 * Annotations: the administration's private notes on a dossier, comments on a form field and
 * highlights on a region of a PDF page. Insert-only: an edit or a removal is a new version.
 */
import { z } from 'zod';
import { Id, IsoDateTime } from './dossier';

export const MAX_ANNOTATION_TEXT = 20_000;

/**
 * A rectangle on a PDF page as fractions of the page's width and height, from its top-left
 * corner: the same region at any zoom and any rendering resolution.
 */
export const PageRect = z
  .strictObject({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    width: z.number().positive().max(1),
    height: z.number().positive().max(1),
  })
  // A small tolerance: fractions computed from pixels may round just past the edge.
  .refine((r) => r.x + r.width <= 1.000001 && r.y + r.height <= 1.000001, { message: 'the rectangle leaves the page' });
export type PageRect = z.infer<typeof PageRect>;

export const ANNOTATION_KINDS = ['note', 'field', 'region'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** What an annotation is attached to. */
export const AnnotationTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('note') }),
  /** `position`: the field's index in the dossier's `champs`. */
  z.strictObject({ kind: z.literal('field'), position: z.number().int().min(0).max(499) }),
  /** `page` counts from 1. */
  z.strictObject({ kind: z.literal('region'), pieceId: Id, page: z.number().int().min(1).max(100_000), rect: PageRect }),
]);
export type AnnotationTarget = z.infer<typeof AnnotationTarget>;

export const AnnotationText = z.string().trim().min(1).max(MAX_ANNOTATION_TEXT);

export const AnnotationVersion = z.object({
  version: z.number().int().min(1),
  text: z.string(),
  /** The region as this version left it (region annotations only). */
  rect: PageRect.nullable(),
  removed: z.boolean(),
  at: IsoDateTime,
  by: z.string(),
});
export type AnnotationVersion = z.infer<typeof AnnotationVersion>;

export const Annotation = z.object({
  id: Id,
  dossierId: Id,
  /** For a region, `rect` is the current version's. */
  target: AnnotationTarget,
  /** For a field comment, the field's label; for a region, the piece's name. */
  targetLabel: z.string().nullable(),
  text: z.string(),
  version: z.number().int().min(1),
  removed: z.boolean(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
  updatedAt: IsoDateTime,
  updatedBy: z.string(),
  /** Every version, oldest first (the last one is the current one). */
  versions: z.array(AnnotationVersion),
});
export type Annotation = z.infer<typeof Annotation>;
