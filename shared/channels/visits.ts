/**
 * The channels of site visits: the reports of a dossier, their autosaved fields, their photos
 * (imported through the contract, cleaned in core) and the printable report.
 */
import { z } from 'zod';
import { defineChannels, DossierArguments, ExpectedVersion } from './channel';
import { Language } from './desk';
import { Id } from '../domain/dossier';
import { VisitChecklistItem } from '../domain/programme';
import { MAX_PHOTO_BYTES, Visit, VisitChanges, VisitPhoto } from '../domain/visit';

export * from '../domain/visit';

/** The base64 text of a photo a few times over the limit: beyond it, the call itself is refused. */
const MAX_PHOTO_BASE64_CHARS = Math.ceil((4 * MAX_PHOTO_BYTES) / 3) * 4;

export const VisitList = z.object({
  /** Oldest first. */
  visits: z.array(Visit),
  /** The programme's checklist, in its order. */
  checklist: z.array(VisitChecklistItem),
});
export type VisitList = z.infer<typeof VisitList>;

export const visitChannels = defineChannels({
  'visits.list': {
    kind: 'query',
    args: DossierArguments,
    result: VisitList,
    description: "A dossier's site visits with their photos, and the programme's checklist.",
  },
  'visits.create': {
    kind: 'mutation',
    args: DossierArguments,
    result: Visit,
    description: 'Starts a new, empty visit report on a dossier.',
  },
  'visits.update': {
    kind: 'mutation',
    args: z.strictObject({
      visitId: Id,
      /** The version the form started from: a save over a newer one is refused (another window saved). */
      expectedVersion: ExpectedVersion,
      changes: VisitChanges,
    }),
    result: Visit,
    description: 'Saves the fields of a visit that changed (autosave while typing).',
  },
  'visits.addPhoto': {
    kind: 'mutation',
    args: z.strictObject({
      visitId: Id,
      /** The file's name, kept for display only. */
      name: z.string().max(255),
      base64: z.string().max(MAX_PHOTO_BASE64_CHARS),
    }),
    result: VisitPhoto,
    description:
      'Imports a JPEG or PNG photo: checked by its content, turned upright, stripped of all metadata but the date taken and the GPS position, with a thumbnail.',
  },
  'visits.removePhoto': {
    kind: 'mutation',
    args: z.strictObject({ photoId: Id }),
    result: z.object({ removed: z.literal(true) }),
    description: 'Takes a photo out of its visit report (the journal keeps it).',
  },
  'visits.photo': {
    kind: 'query',
    args: z.strictObject({ photoId: Id, variant: z.enum(['thumbnail', 'full']) }),
    result: z.object({ mimeType: z.string(), base64: z.string() }),
    description: "A photo's bytes, or its thumbnail's, checked against their SHA-256.",
  },
  'visits.reportPdf': {
    kind: 'query',
    args: z.strictObject({ visitId: Id, language: Language }),
    result: z.object({ fileName: z.string(), mimeType: z.literal('application/pdf'), sizeBytes: z.number().int().min(1), base64: z.string() }),
    description: 'The printable visit report (PDF) in the given language, photos included.',
  },
});
