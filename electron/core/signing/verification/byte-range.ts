/**
 * A signature's /ByteRange against the file: the two covered segments must frame exactly one hex
 * string, the signature value, that the range leaves out. Anything else (overlaps, a gap holding
 * more than the value, a range past the end) lets bytes change unseen, so it is not intact.
 */
import { Buffer } from 'node:buffer';

export interface FramedSignature {
  /** The covered bytes, in file order. */
  segments: [Uint8Array, Uint8Array];
  /** The signature value decoded from the hex string the range leaves out. */
  value: Uint8Array;
  /** Where the covered bytes end: the end of the revision that was signed. */
  end: number;
}

const HEX = /^[0-9a-fA-F\s]*$/;

export function frameSignature(pdf: Uint8Array, byteRange: readonly number[]): FramedSignature | null {
  if (byteRange.length !== 4 || !byteRange.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
  const [start, firstLength, secondStart, secondLength] = byteRange as [number, number, number, number];
  const end = secondStart + secondLength;
  if (start !== 0 || firstLength < 1 || secondStart < firstLength + 2 || end > pdf.length) return null;
  if (pdf[firstLength] !== 0x3c /* < */ || pdf[secondStart - 1] !== 0x3e /* > */) return null;
  const hex = Buffer.from(pdf.subarray(firstLength + 1, secondStart - 1)).toString('latin1');
  if (!HEX.test(hex)) return null;
  const digits = hex.replace(/\s+/g, '');
  if (digits.length % 2 !== 0) return null;
  return {
    segments: [pdf.subarray(0, firstLength), pdf.subarray(secondStart, end)],
    value: new Uint8Array(Buffer.from(digits, 'hex')),
    end,
  };
}
