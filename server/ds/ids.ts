/**
 * Relais ids for what comes from DS, derived from DS's own numbers and checksums (UUIDv5): the
 * same DS dossier or file gets the same id at every import, on every hub, without a lookup.
 */
import { v5 as uuidv5 } from 'uuid';

/** A fixed namespace for the names below (itself a random UUID, chosen once). */
const NAMESPACE = '6f1c3f0e-3c47-4b0e-9a55-1d3a2f7d9b21';

export function relaisDossierId(dsNumber: number): string {
  return uuidv5(`ds-dossier:${dsNumber}`, NAMESPACE);
}

/** A file of a champ (or of a message, an avis): the same file in the same place keeps its id. */
export function relaisPieceId(dsNumber: number, place: string, checksum: string, filename: string): string {
  return uuidv5(`ds-file:${dsNumber}:${place}:${checksum}:${filename}`, NAMESPACE);
}
