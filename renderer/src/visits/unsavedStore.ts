/**
 * What the visit form holds but has not saved yet, written synchronously on every change, so a
 * reload or a crashed page in the autosave's short delay loses nothing. Kept per window (session
 * storage): two windows on the same visit each keep their own text. Cleared once core saved it.
 */
import { VisitFields } from '../../../shared/channels/visits';

export interface Unsaved {
  /** The version the changes were typed over. */
  version: number;
  fields: VisitFields;
}

const keyOf = (visitId: string) => `relais.visit.unsaved.${visitId}`;

export function readUnsaved(visitId: string): Unsaved | null {
  try {
    const raw = JSON.parse(sessionStorage.getItem(keyOf(visitId)) ?? 'null') as { version?: unknown; fields?: unknown } | null;
    const fields = VisitFields.safeParse(raw?.fields);
    return typeof raw?.version === 'number' && fields.success ? { version: raw.version, fields: fields.data } : null;
  } catch {
    return null;
  }
}

export function writeUnsaved(visitId: string, unsaved: Unsaved): void {
  try {
    sessionStorage.setItem(keyOf(visitId), JSON.stringify(unsaved));
  } catch {
    // A full or disabled storage only loses this safety net; the autosave still runs.
  }
}

export function clearUnsaved(visitId: string): void {
  sessionStorage.removeItem(keyOf(visitId));
}
