/**
 * File names inside an export. A name that came from outside (a piece, a photo) is data, never a
 * path: separators, `..`, control characters and the characters Windows forbids are replaced,
 * and names that collide (case-insensitively, as on Windows and macOS disks) get a number.
 */

const FORBIDDEN = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
// Names Windows reserves for devices, whatever the extension.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_NAME_LENGTH = 120;

/** One safe file name (no folder part) for `raw`; `fallback` when nothing usable is left. */
export function safeFileName(raw: string, fallback: string): string {
  // Folder parts are flattened into the name; `.` and `..` parts are dropped.
  const parts = raw.normalize('NFC').split(/[/\\]+/).filter((part) => part !== '' && part !== '.' && part !== '..');
  let name = parts.join('_').replace(FORBIDDEN, '_');
  // Dots at either end would make `..`, hidden files or names Windows trims.
  name = name.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  name = name.replace(/\.{2,}/g, '.');
  if (!name) return fallback;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return truncateKeepingExtension(name, MAX_NAME_LENGTH);
}

function truncateKeepingExtension(name: string, maxLength: number): string {
  const chars = [...name];
  if (chars.length <= maxLength) return name;
  const { stem, extension } = splitExtension(name);
  const keep = Math.max(1, maxLength - [...extension].length);
  return [...stem].slice(0, keep).join('') + extension;
}

function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  // A short alphanumeric tail is an extension; "Devis v2.final version" has none.
  if (dot > 0 && /^\.[\p{L}\p{N}]{1,8}$/u.test(name.slice(dot))) return { stem: name.slice(0, dot), extension: name.slice(dot) };
  return { stem: name, extension: '' };
}

/** Hands out names unique within one folder of an export. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  /** A safe, unused name for `raw`: « devis.pdf », then « devis (2).pdf »… */
  claim(raw: string, fallback: string): string {
    const safe = safeFileName(raw, fallback);
    const { stem, extension } = splitExtension(safe);
    let candidate = safe;
    for (let count = 2; this.taken.has(candidate.toLowerCase()); count += 1) candidate = `${stem} (${count})${extension}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
