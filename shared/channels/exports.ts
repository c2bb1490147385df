/**
 * The channels of exports: a dossier as a ZIP, the list (its filters or a selection) as CSV or
 * XLSX. The file comes back whole; the renderer hands it to the browser as a download.
 */
import { z } from 'zod';
import { defineChannels } from './channel';
import { DossierFilters, ListQuery } from './desk';
import { Id } from '../domain/dossier';

/** The most dossiers one list export may name explicitly (a selection). */
export const MAX_EXPORT_SELECTION = 50_000;

export const ExportedFile = z.object({
  /** A file name without any folder part, e.g. dossier-1042.zip. */
  name: z.string().min(1),
  mimeType: z.string(),
  base64: z.string(),
  sizeBytes: z.number().int().min(0),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

export const LIST_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ListExportFormat = z.enum(LIST_EXPORT_FORMATS);
export type ListExportFormat = z.infer<typeof ListExportFormat>;

export const exportChannels = defineChannels({
  'exports.dossierZip': {
    kind: 'query',
    args: z.strictObject({ id: Id }),
    result: ExportedFile,
    description:
      'A dossier as a ZIP: the form as PDF, every piece, the annotations, the visit reports and photos, the journal as CSV and JSON, and a manifest with the SHA-256 of each file.',
  },
  'exports.list': {
    kind: 'query',
    args: z.strictObject({
      format: ListExportFormat,
      /** The list's current filters and sort; ignored for the rows when `ids` is given. */
      filters: DossierFilters.default({}),
      sort: ListQuery.shape.sort,
      /** A selection: these dossiers only, in this order. */
      ids: z.array(Id).min(1).max(MAX_EXPORT_SELECTION).optional(),
    }),
    result: ExportedFile,
    description: 'The dossier list as CSV (UTF-8 with BOM, ";" separated) or XLSX: its current filters, or a selection of ids.',
  },
});
