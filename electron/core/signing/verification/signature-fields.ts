/**
 * The signature dictionaries of a PDF: the values of its AcroForm fields of type /Sig, and any
 * signature dictionary no field refers to any more (a field removed after signing must not hide
 * its signature from the verdict).
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from '@cantoo/pdf-lib';
import { RelaisError } from '../../../../shared/errors';

export interface SignatureDictionary {
  /** The field's full name; null for a signature no field refers to. */
  fieldName: string | null;
  /** As written; checked against the file by byte-range.ts. */
  byteRange: number[];
  /** The signature value as the dictionary holds it (compared with the bytes its range leaves out). */
  contents: Uint8Array | null;
  signedAt: Date | null;
  name: string | null;
  reason: string | null;
  subFilter: string | null;
}

const FT = PDFName.of('FT');
const SIG = PDFName.of('Sig');
const BYTE_RANGE = PDFName.of('ByteRange');
const CONTENTS = PDFName.of('Contents');

/** Every signature dictionary of the PDF: a file that is not a PDF, or has no readable catalog, is refused. */
export async function readSignatureDictionaries(pdf: Uint8Array, fileName: string): Promise<SignatureDictionary[]> {
  if (!startsWithPdfHeader(pdf)) throw new RelaisError('verification_not_pdf', { name: fileName });
  try {
    const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    return signatureDictionaries(doc);
  } catch {
    throw new RelaisError('verification_not_pdf', { name: fileName });
  }
}

/** `%PDF-` within the first KB, where readers look for it. */
function startsWithPdfHeader(pdf: Uint8Array): boolean {
  return Buffer.from(pdf.subarray(0, 1024)).includes('%PDF-');
}

function signatureDictionaries(doc: PDFDocument): SignatureDictionary[] {
  const found = new Map<PDFDict, SignatureDictionary>();
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const seen = new Set<PDFDict>();
  const visit = (field: PDFDict, parentName: string | null, inheritedType: PDFObject | undefined): void => {
    if (seen.has(field)) return;
    seen.add(field);
    const partial = textOf(field.lookup(PDFName.of('T')));
    const fullName = partial === null ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const type = field.get(FT) ?? inheritedType;
    const value = field.lookupMaybe(PDFName.of('V'), PDFDict);
    if (type === SIG && value && !found.has(value)) found.set(value, read(value, fullName ?? ''));
    const kids = field.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (const kid of kids ? dictsOf(doc, kids) : []) visit(kid, fullName, type);
  };
  for (const field of fields ? dictsOf(doc, fields) : []) visit(field, null, undefined);

  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.has(BYTE_RANGE) && object.has(CONTENTS) && !found.has(object)) found.set(object, read(object, null));
  }
  return [...found.values()];
}

function dictsOf(doc: PDFDocument, array: PDFArray): PDFDict[] {
  return array.asArray().flatMap((item) => {
    const dict = item instanceof PDFRef ? doc.context.lookup(item) : item;
    return dict instanceof PDFDict ? [dict] : [];
  });
}

function read(value: PDFDict, fieldName: string | null): SignatureDictionary {
  const byteRange = value.lookupMaybe(BYTE_RANGE, PDFArray);
  const contents = value.lookup(CONTENTS);
  const subFilter = value.lookup(PDFName.of('SubFilter'));
  return {
    fieldName,
    byteRange: byteRange ? byteRange.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : Number.NaN)) : [],
    contents: contents instanceof PDFHexString || contents instanceof PDFString ? contents.asBytes() : null,
    signedAt: dateOf(value.lookup(PDFName.of('M'))),
    name: textOf(value.lookup(PDFName.of('Name'))),
    reason: textOf(value.lookup(PDFName.of('Reason'))),
    subFilter: subFilter instanceof PDFName ? subFilter.decodeText() : null,
  };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A text string. Some signing tools (poppler's pdfsig among them) write UTF-8 without the BOM the
 * standard asks for: bytes that read as UTF-8 are taken as such rather than as PDFDocEncoding.
 */
function textOf(object: PDFObject | undefined): string | null {
  if (!(object instanceof PDFString || object instanceof PDFHexString)) return null;
  const bytes = object.asBytes();
  const hasBom = (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  if (!hasBom && bytes.some((byte) => byte >= 0x80)) {
    try {
      return UTF8.decode(bytes);
    } catch {
      // Not UTF-8: PDFDocEncoding, as the standard says.
    }
  }
  return object.decodeText();
}

function dateOf(object: PDFObject | undefined): Date | null {
  if (!(object instanceof PDFString || object instanceof PDFHexString)) return null;
  try {
    const date = object.decodeDate();
    return Number.isNaN(date.getTime()) ? null : date;
  } catch {
    return null;
  }
}
