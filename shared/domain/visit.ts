/**
 * Site visits: the report an instructor writes on the industrial site (date, place, who was
 * there, the programme's checklist, observations, conclusion) and the photos taken there.
 */
import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, Sha256 } from './dossier';

export const MAX_VISIT_TEXT = 20_000;
export const MAX_PARTICIPANTS = 50;

/** The largest photo accepted, in bytes: a phone's full-resolution JPEG fits with room to spare. */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png'] as const;
export const PhotoMimeType = z.enum(PHOTO_MIME_TYPES);
export type PhotoMimeType = z.infer<typeof PhotoMimeType>;

/** A checklist item as the instructor saw it on site. */
export const CHECKLIST_STATUSES = ['ok', 'not_ok', 'not_seen'] as const;
export const ChecklistStatus = z.enum(CHECKLIST_STATUSES);
export type ChecklistStatus = z.infer<typeof ChecklistStatus>;

export const ChecklistAnswer = z.strictObject({
  /** Null until the instructor picks one. */
  status: ChecklistStatus.nullable(),
  remark: z.string().max(2_000),
});
export type ChecklistAnswer = z.infer<typeof ChecklistAnswer>;

export const VisitParticipant = z.strictObject({
  name: z.string().max(200),
  /** Their role or organisation, e.g. "Directeur du site, Fonderie Martin". */
  role: z.string().max(200),
});
export type VisitParticipant = z.infer<typeof VisitParticipant>;

/** What the instructor types; each field is saved on its own as they type. */
export const VisitFields = z.strictObject({
  date: IsoDate.nullable(),
  place: z.string().max(500),
  participants: z.array(VisitParticipant).max(MAX_PARTICIPANTS),
  /** Keyed by the id of the programme's checklist item. */
  checklist: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), ChecklistAnswer),
  observations: z.string().max(MAX_VISIT_TEXT),
  conclusion: z.string().max(MAX_VISIT_TEXT),
});
export type VisitFields = z.infer<typeof VisitFields>;
export type VisitField = keyof VisitFields;
export const VISIT_FIELDS = Object.keys(VisitFields.shape) as VisitField[];

export const VisitChanges = VisitFields.partial().refine((changes) => Object.keys(changes).length > 0, {
  message: 'nothing to change',
});
export type VisitChanges = z.infer<typeof VisitChanges>;

/** Degrees (WGS 84, north and east positive) and metres above sea level, as the camera recorded them. */
export const GpsPosition = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  altitude: z.number().nullable(),
});
export type GpsPosition = z.infer<typeof GpsPosition>;

export const VisitPhoto = z.object({
  id: Id,
  visitId: Id,
  /** The file's name as imported, cleaned for display: never used as a path. */
  name: z.string(),
  mimeType: PhotoMimeType,
  sizeBytes: z.number().int().min(1),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  sha256: Sha256,
  thumbnailSha256: Sha256,
  /** The camera's local time (it records no time zone): YYYY-MM-DDTHH:mm:ss. */
  takenAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/).nullable(),
  gps: GpsPosition.nullable(),
  importedAt: IsoDateTime,
});
export type VisitPhoto = z.infer<typeof VisitPhoto>;

export const Visit = VisitFields.extend({
  id: Id,
  dossierId: Id,
  /** Raised by every save: a save made from an older version is refused. */
  version: z.number().int().min(1),
  createdAt: IsoDateTime,
  createdBy: z.string(),
  updatedAt: IsoDateTime,
  photos: z.array(VisitPhoto),
});
export type Visit = z.infer<typeof Visit>;

/** A visit whose fields were all left empty. */
export function emptyVisitFields(date: string | null = null): VisitFields {
  return { date, place: '', participants: [], checklist: {}, observations: '', conclusion: '' };
}

/** A photo's date taken as the camera recorded it (local time, no zone), e.g. 10 mars 2026, 14:22. */
export function formatTakenAt(takenAt: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`${takenAt}Z`));
}

/** 48.175, 6.45 → « 48,17500° N, 6,45000° E »: five decimals are about a metre. */
export function formatGps(gps: GpsPosition, locale: string): string {
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  const latitude = `${number.format(Math.abs(gps.latitude))}° ${gps.latitude < 0 ? 'S' : 'N'}`;
  const longitude = `${number.format(Math.abs(gps.longitude))}° ${gps.longitude < 0 ? 'W' : 'E'}`;
  return `${latitude}, ${longitude}`;
}
