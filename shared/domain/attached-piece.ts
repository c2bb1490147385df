/**
 * A document an instructor attaches to a dossier from outside Démarches Simplifiées (a piece sent
 * by e-mail, a scan): its bytes are checked before anything is stored, its name is data only.
 */
import { z } from 'zod';
import { Id, IsoDateTime, Sha256 } from './dossier';

/** The host's request limit is built for this size too (electron/host/server.ts, from MAX_PHOTO_BYTES). */
export const MAX_ATTACH_BYTES = 25 * 1024 * 1024;

export const ATTACHABLE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const AttachableType = z.enum(ATTACHABLE_TYPES);
export type AttachableType = z.infer<typeof AttachableType>;

/** What the desk records and the hub replays: the bytes travel by their hash (a blob). */
export const AttachedPiece = z.object({
  id: Id,
  dossierId: Id,
  name: z.string().min(1).max(255),
  mimeType: AttachableType,
  sizeBytes: z.number().int().min(1).max(MAX_ATTACH_BYTES),
  sha256: Sha256,
  attachedAt: IsoDateTime,
});
export type AttachedPiece = z.infer<typeof AttachedPiece>;

/**
 * What the person is told besides « attached »: active content (JavaScript, launch actions) that
 * Relais never runs, and text indexed for search on the first pages only.
 */
export const ATTACH_NOTICES = ['active_content_ignored', 'partly_indexed'] as const;
export const AttachNotice = z.enum(ATTACH_NOTICES);
export type AttachNotice = z.infer<typeof AttachNotice>;
