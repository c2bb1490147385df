/**
 * A photo's file name is data shown to people, never a path: one that tries to name a folder
 * (a separator, `..`) or hides control characters is refused rather than silently rewritten.
 */
import { RelaisError, type ErrorCode } from '../../../shared/errors';

const MAX_NAME_LENGTH = 120;
// C0 and C1 controls, and the bidirectional overrides that can disguise an extension.
const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The name as it will be shown, or 'photo_name_invalid'. */
export function photoDisplayName(raw: string): string {
  return displayName(raw, 'photo_name_invalid');
}

/** The name as it will be shown, or the error `refusal` (which says what the file was for). */
export function displayName(raw: string, refusal: ErrorCode): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '' || /[/\\]/.test(name) || name.includes('..') || HIDDEN_CHARACTERS.test(name)) {
    throw new RelaisError(refusal, { name: JSON.stringify(raw).slice(1, -1).slice(0, MAX_NAME_LENGTH) });
  }
  return shorten(name);
}

/** Long names keep their extension: « very-long-nam….jpg ». */
function shorten(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
  return `${name.slice(0, MAX_NAME_LENGTH - extension.length - 1)}…${extension}`;
}
