/**
 * Whether the bytes after a signed revision are only incremental updates: each later revision
 * ends with its own `startxref … %%EOF`, and its cross-reference section (table or stream) names
 * the revision before it as /Prev. A countersignature is such an update; bytes appended any other
 * way are not.
 */
import { Buffer } from 'node:buffer';

const REVISION_END = /startxref\s+(\d+)\s+%%EOF([ \t]*(?:\r\n|\r|\n)?)/g;
/** A /Prev whose value is a number, not a reference (`/Prev 12 0 R` is an outline item's). */
const PREV = /\/Prev\s+(\d+)(?!\s+\d+\s+R)/;

interface Revision {
  startxref: number;
  /** Where the revision's bytes end, after %%EOF and its end of line. */
  end: number;
  /** Right after %%EOF: a signer may have signed the file before its last end of line. */
  eofEnd: number;
}

function revisionsOf(text: string): Revision[] {
  return [...text.matchAll(REVISION_END)].map((match) => ({
    startxref: Number(match[1]),
    end: match.index + match[0].length,
    eofEnd: match.index + match[0].length - match[2]!.length,
  }));
}

/**
 * For one file, whether what follows a signed revision ending at `signedEnd` is only incremental
 * updates. The file's text and revisions are read once, on the first signature that needs them.
 */
export function incrementalUpdatesCheck(pdf: Uint8Array): (signedEnd: number) => boolean {
  let text: string | undefined;
  let revisions: Revision[] | undefined;
  return (signedEnd) => {
    if (signedEnd === pdf.length) return true;
    text ??= Buffer.from(pdf).toString('latin1');
    revisions ??= revisionsOf(text);
    return onlyUpdatesAfter(text, revisions, signedEnd);
  };
}

function onlyUpdatesAfter(text: string, revisions: readonly Revision[], signedEnd: number): boolean {
  const signedIndex = revisions.findIndex((revision) => revision.end === signedEnd || revision.eofEnd === signedEnd);
  if (signedIndex < 0) return false;
  const later = revisions.slice(signedIndex);
  if (later.at(-1)!.end !== text.length && text.slice(later.at(-1)!.end).trim() !== '') return false;
  return later.slice(1).every((revision, i) => {
    const previous = later[i]!;
    if (revision.startxref < previous.end || revision.startxref >= revision.end) return false;
    const prev = PREV.exec(crossReferenceDictionary(text, revision));
    return prev !== null && Number(prev[1]) === previous.startxref;
  });
}

/** The text of the revision's xref table and trailer, or of its xref stream's dictionary. */
function crossReferenceDictionary(text: string, revision: Revision): string {
  const section = text.slice(revision.startxref, text.lastIndexOf('startxref', revision.end));
  const stream = section.indexOf('stream');
  return section.startsWith('xref') || stream < 0 ? section : section.slice(0, stream);
}
