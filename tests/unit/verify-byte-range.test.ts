/**
 * The checks of a signature's /ByteRange against the file, and of what follows a signed revision,
 * on small files written byte by byte: every way a range can lie, and every way bytes can follow.
 */
import { describe, expect, it } from 'vitest';
import { frameSignature } from '../../electron/core/signing/verification/byte-range';
import { incrementalUpdatesCheck } from '../../electron/core/signing/verification/revisions';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('frameSignature', () => {
  // "head<0a0b>tail": the value is the 4 hex digits, the gap is "<0a0b>" from 4 to 10.
  const file = bytes('head<0a0b>tail');
  it('frames the hex string the range leaves out and returns the covered segments', () => {
    const framed = frameSignature(file, [0, 4, 10, 4]);
    expect(framed && { value: [...framed.value], segments: framed.segments.map((s) => Buffer.from(s).toString('latin1')), end: framed.end }).toEqual({
      value: [0x0a, 0x0b],
      segments: ['head', 'tail'],
      end: 14,
    });
  });

  it.each<[string, Uint8Array, number[]]>([
    ['not four numbers', file, [0, 4, 10]],
    ['a number that is not an integer', file, [0, 4.5, 10, 4]],
    ['a negative number', file, [0, 4, 10, -1]],
    ['a range that does not start the file', file, [1, 3, 10, 4]],
    ['a range past the end of the file', file, [0, 4, 10, 5]],
    ['a gap that does not start with <', file, [0, 3, 10, 4]],
    ['a gap that does not end with >', file, [0, 4, 11, 3]],
    ['overlapping segments', file, [0, 12, 10, 4]],
    ['a gap holding more than hex digits', bytes('head<0a>x<0b>tail'), [0, 4, 13, 4]],
    ['an odd number of hex digits', bytes('head<0a0>tail'), [0, 4, 9, 4]],
  ])('refuses %s', (_, pdf, range) => {
    expect(frameSignature(pdf, range)).toBeNull();
  });
});

describe('incrementalUpdatesCheck', () => {
  const onlyIncrementalUpdatesAfter = (pdf: Uint8Array, signedEnd: number) => incrementalUpdatesCheck(pdf)(signedEnd);
  const first = '%PDF-1.7\n1 0 obj\n<<>>\nendobj\nxref\n0 1\ntrailer\n<< /Size 2 >>\nstartxref\n28\n%%EOF\n';
  const update = (prev: number, at: number) => `2 0 obj\n<< /Prev 7 0 R >>\nendobj\nxref\n0 1\ntrailer\n<< /Size 3 /Prev ${prev} >>\nstartxref\n${at}\n%%EOF\n`;
  const xrefOffset = (text: string) => text.lastIndexOf('xref\n0 1');

  it('accepts nothing after the signed bytes, or revisions each chained to the one before (an outline /Prev reference aside)', () => {
    expect(onlyIncrementalUpdatesAfter(bytes(first), first.length)).toBe(true);
    const once = first + update(28, 0);
    const chained = first + update(28, xrefOffset(once));
    expect(onlyIncrementalUpdatesAfter(bytes(chained), first.length)).toBe(true);
    const twice = chained + update(xrefOffset(chained), 0);
    const chainedTwice = chained + update(xrefOffset(chained), xrefOffset(twice));
    expect(onlyIncrementalUpdatesAfter(bytes(chainedTwice), first.length)).toBe(true);
  });

  it.each<[string, (signed: string) => string]>([
    ['bytes appended without a revision', (signed) => `${signed}% a comment\n`],
    ['a revision whose /Prev names another one', (signed) => signed + update(5, xrefOffset(signed + update(5, 0)))],
    ['a revision with no /Prev', (signed) => signed + update(28, xrefOffset(signed + update(28, 0))).replace(/ \/Prev 28/, '')],
    ['a revision followed by garbage', (signed) => `${signed + update(28, xrefOffset(signed + update(28, 0)))}garbage`],
  ])('refuses %s', (_, follow) => {
    const pdf = follow(first);
    expect(onlyIncrementalUpdatesAfter(bytes(pdf), first.length)).toBe(false);
  });

  it('refuses signed bytes that do not end a revision', () => {
    const pdf = first + update(28, xrefOffset(first + update(28, 0)));
    expect(onlyIncrementalUpdatesAfter(bytes(pdf), first.length - 3)).toBe(false);
  });
});
