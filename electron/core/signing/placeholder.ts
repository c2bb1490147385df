/**
 * The signature dictionary written with room for the CMS, then filled in place: its /ByteRange
 * covers the whole file but the /Contents hex string, and the CMS signed over those bytes goes
 * into /Contents. Nothing else moves, so earlier revisions (and their signatures) stay intact.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDict, type PDFDocument } from '@cantoo/pdf-lib';
import { RelaisError } from '../../../shared/errors';
import type { VisibleSignature } from './appearance';

/** Room for the CMS: the signer's certificate and a chain of several CAs fit with margin. */
export const SIGNATURE_ROOM = 32 * 1024;

const CONTENTS_PLACEHOLDER = `<${'0'.repeat(2 * SIGNATURE_ROOM)}>`;
const BYTE_RANGE_WIDTH = 10;
const BYTE_RANGE_PLACEHOLDER = PDFName.of('*'.repeat(BYTE_RANGE_WIDTH));
const BYTE_RANGE_PATTERN = new RegExp(`\\[\\s*0\\s+/\\*{${BYTE_RANGE_WIDTH}}\\s+/\\*{${BYTE_RANGE_WIDTH}}\\s+/\\*{${BYTE_RANGE_WIDTH}}\\s*\\]`);

/** PAdES baseline B-B: CAdES detached, the signing time in /M (not in the CMS). */
export function signatureDictionary(doc: PDFDocument, visible: VisibleSignature): PDFDict {
  const byteRange = PDFArray.withContext(doc.context);
  byteRange.push(PDFNumber.of(0));
  for (let index = 0; index < 3; index++) byteRange.push(BYTE_RANGE_PLACEHOLDER);
  return doc.context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(2 * SIGNATURE_ROOM)),
    M: PDFString.fromDate(visible.signedAt),
    Name: PDFHexString.fromText(visible.signerName),
    ...(visible.reason ? { Reason: PDFHexString.fromText(visible.reason) } : {}),
    ...(visible.location ? { Location: PDFHexString.fromText(visible.location) } : {}),
    Prop_Build: { App: { Name: 'Relais' } },
  });
}

/**
 * Fills the placeholder found after `from` (the end of the document as it was before this
 * signature's update): writes the byte range, then the CMS `sign` returns for the SHA-256 of
 * the covered bytes.
 */
export async function fillSignature(pdf: Uint8Array, from: number, sign: (digest: Uint8Array) => Promise<Uint8Array>): Promise<Uint8Array> {
  const update = Buffer.from(pdf.buffer, pdf.byteOffset + from, pdf.byteLength - from).toString('latin1');
  const contentsAt = update.indexOf(CONTENTS_PLACEHOLDER);
  const byteRange = BYTE_RANGE_PATTERN.exec(update);
  if (contentsAt < 0 || !byteRange) throw new Error('the signature placeholder is missing from the update');
  const gapStart = from + contentsAt;
  const gapEnd = gapStart + CONTENTS_PLACEHOLDER.length;
  const ranges = `[0 ${gapStart} ${gapEnd} ${pdf.byteLength - gapEnd}]`;
  const signed = new Uint8Array(pdf);
  signed.set(Buffer.from(ranges.padEnd(byteRange[0].length, ' '), 'latin1'), from + byteRange.index);

  const digest = createHash('sha256').update(signed.subarray(0, gapStart)).update(signed.subarray(gapEnd)).digest();
  const cms = await sign(digest);
  if (cms.byteLength > SIGNATURE_ROOM) throw new RelaisError('signature_too_large', { size: cms.byteLength, room: SIGNATURE_ROOM });
  signed.set(Buffer.from(Buffer.from(cms).toString('hex'), 'latin1'), gapStart + 1);
  return signed;
}
