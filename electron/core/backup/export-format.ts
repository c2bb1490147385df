/**
 * The export of a whole case file, to hand a laptop over: an age file (https://age-encryption.org,
 * scrypt passphrase recipient, authenticated) around a tar archive holding a manifest, the case
 * file encrypted with a key of the export's own (written in the manifest, so inside the age
 * envelope), and every blob as plain bytes named by its SHA-256. `age -d` then `tar x` read it
 * without Relais.
 */
import { z } from 'zod';

export const EXPORT_FORMAT = 'relais-case-file-export';
export const EXPORT_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'relais-export.json';
export const CASE_FILE_ENTRY = 'relais.sqlite';
export const BLOB_ENTRY = /^blobs\/([0-9a-f]{64})$/;

/** Long enough to resist guessing offline: the file may travel on a USB stick. */
export const MIN_PASSPHRASE_LENGTH = 12;

export const ExportManifest = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_FORMAT_VERSION),
  exportedAt: z.string(),
  relaisVersion: z.string(),
  schemaVersion: z.number().int().min(1),
  /** The raw key of CASE_FILE_ENTRY, in hexadecimal: the export's own, never the laptop's. */
  caseFileKey: z.string().regex(/^[0-9a-f]{64}$/),
  blobCount: z.number().int().min(0),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

export interface TransferProgress {
  /** Bytes of blobs and case file handled so far, and in all. */
  doneBytes: number;
  totalBytes: number;
}
