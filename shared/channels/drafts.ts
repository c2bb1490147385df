/**
 * The channels of drafts: text being typed that is not yet an act (a new annotation, a criterion's
 * comment), kept on this computer while the user types so that a closed window or a crash loses
 * nothing. One store for every area; the act that finally saves the text clears its draft.
 */
import { z } from 'zod';
import { defineChannels } from './channel';
import { Id, IsoDateTime } from '../domain/dossier';

/** The areas that keep drafts: a key starts with one of them. */
export const DRAFT_AREAS = ['annotation', 'evaluation'] as const;
export const DraftArea = z.enum(DRAFT_AREAS);
export type DraftArea = z.infer<typeof DraftArea>;

/**
 * Names the editor a draft belongs to, within its dossier: the area, then what the area needs,
 * e.g. `annotation:note:new`, `annotation:edit:<annotation id>`, `evaluation:<criterion id>`.
 */
export const DraftKey = z
  .string()
  .max(120)
  .regex(new RegExp(`^(${DRAFT_AREAS.join('|')})(:[0-9a-z_-]+){1,3}$`), { message: 'expected a draft key like annotation:note:new' });
export type DraftKey = z.infer<typeof DraftKey>;

/** Longer than any text an area accepts: the act that saves the text checks its own limit. */
export const MAX_DRAFT_TEXT = 20_000;

export const Draft = z.object({ key: DraftKey, text: z.string(), savedAt: IsoDateTime });
export type Draft = z.infer<typeof Draft>;

export const draftChannels = defineChannels({
  'drafts.get': {
    kind: 'query',
    args: z.strictObject({ dossierId: Id, area: DraftArea }),
    result: z.object({ drafts: z.array(Draft) }),
    description: "The drafts one area of a dossier keeps (texts typed but not saved yet), by key.",
  },
  'drafts.save': {
    kind: 'mutation',
    args: z.strictObject({ dossierId: Id, key: DraftKey, text: z.string().min(1).max(MAX_DRAFT_TEXT) }),
    result: Draft,
    description: 'Keeps what an editor holds while the user types (this computer only, out of the history).',
  },
  'drafts.discard': {
    kind: 'mutation',
    args: z.strictObject({ dossierId: Id, key: DraftKey }),
    result: z.object({ key: DraftKey }),
    description: 'Drops a draft (the editor was closed without saving); nothing happens when there is none.',
  },
});
