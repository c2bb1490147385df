/**
 * Where a new signature goes: the first empty signature field of the document (decision PDFs
 * reserve one, its widget under the act's last words), or else a new field whose widget sits at
 * the bottom right of the last page, stacked above the blocks of earlier signatures there.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFString, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';

export interface SignatureSlot {
  /** The field's dictionary (/FT /Sig), which receives /V. */
  field: PDFDict;
  /** The widget annotation, which receives the appearance. */
  widget: PDFDict;
  width: number;
  height: number;
}

const BLOCK_WIDTH = 248;
const BLOCK_HEIGHT = 78;
const MARGIN_RIGHT = 50;
const BOTTOM = 60;
const GAP = 8;

const FT = PDFName.of('FT');
const SIG = PDFName.of('Sig');

export function signatureSlot(doc: PDFDocument): SignatureSlot {
  return emptySignatureField(doc) ?? newSignatureField(doc);
}

function emptySignatureField(doc: PDFDocument): SignatureSlot | null {
  const form = doc.catalog.getAcroForm();
  if (!form) return null;
  for (const [acroField] of form.getAllFields()) {
    const field = acroField.dict;
    if (field.lookup(FT) !== SIG || field.has(PDFName.of('V'))) continue;
    // A field and its only widget are often one dictionary; otherwise the widget is its first kid.
    const widget = field.lookup(PDFName.of('Subtype')) === PDFName.of('Widget') ? field : field.lookupMaybe(PDFName.of('Kids'), PDFArray)?.lookupMaybe(0, PDFDict);
    const rect = widget?.lookupMaybe(PDFName.of('Rect'), PDFArray)?.asRectangle();
    if (!widget || !rect || rect.width <= 0 || rect.height <= 0) continue;
    return { field, widget, width: rect.width, height: rect.height };
  }
  return null;
}

function newSignatureField(doc: PDFDocument): SignatureSlot {
  const pages = doc.getPages();
  const page = pages[pages.length - 1];
  if (!page) throw new Error('a PDF without pages');
  // The visible area, whose origin need not be (0, 0).
  const visible = page.getCropBox();
  const left = visible.x + visible.width - MARGIN_RIGHT - BLOCK_WIDTH;
  const bottom = freeBottom(signatureRects(page), left, visible);
  const form = doc.catalog.getOrCreateAcroForm();
  const field = doc.context.obj({
    FT: 'Sig',
    T: PDFString.of(unusedFieldName(form.getAllFields().map(([field]) => field.getPartialName() ?? ''))),
    Type: 'Annot',
    Subtype: 'Widget',
    Rect: [left, bottom, left + BLOCK_WIDTH, bottom + BLOCK_HEIGHT],
    // Printable, as PDF/A wants for every annotation.
    F: 4,
    P: page.ref,
  });
  const ref = doc.context.register(field);
  page.node.addAnnot(ref);
  form.addField(ref);
  return { field, widget: field, width: BLOCK_WIDTH, height: BLOCK_HEIGHT };
}

/** « Signature n », n the first number no field of the form already uses. */
function unusedFieldName(taken: string[]): string {
  for (let index = taken.length + 1; ; index++) {
    const name = `Signature ${index}`;
    if (!taken.includes(name)) return name;
  }
}

type Rect = { x: number; y: number; width: number; height: number };

/** The lowest place in the right column free of earlier signature blocks (the bottom if the column is full). */
function freeBottom(taken: Rect[], left: number, visible: Rect): number {
  const lowest = visible.y + BOTTOM;
  let bottom = lowest;
  for (;;) {
    const overlapping = taken.find((rect) => rect.x < left + BLOCK_WIDTH && rect.x + rect.width > left && rect.y < bottom + BLOCK_HEIGHT + GAP && rect.y + rect.height + GAP > bottom);
    if (!overlapping) return bottom;
    bottom = overlapping.y + overlapping.height + GAP;
    if (bottom + BLOCK_HEIGHT > visible.y + visible.height - BOTTOM) return lowest;
  }
}

/** The rectangles of the signature widgets already on the page. */
function signatureRects(page: PDFPage): Rect[] {
  const annotations = page.node.Annots();
  if (!annotations) return [];
  const rects: Rect[] = [];
  for (let index = 0; index < annotations.size(); index++) {
    const annotation = annotations.lookupMaybe(index, PDFDict);
    const parent = annotation?.lookupMaybe(PDFName.of('Parent'), PDFDict);
    const isSignature = annotation?.lookup(FT) === SIG || parent?.lookup(FT) === SIG;
    const rect = annotation?.lookupMaybe(PDFName.of('Rect'), PDFArray)?.asRectangle();
    if (isSignature && rect) rects.push(rect);
  }
  return rects;
}

/** Marks the document as signed for readers (SignaturesExist, AppendOnly). */
export function setSignatureFlags(doc: PDFDocument): void {
  const form = doc.catalog.getOrCreateAcroForm();
  const current = form.dict.lookupMaybe(PDFName.of('SigFlags'), PDFNumber)?.asNumber() ?? 0;
  form.dict.set(PDFName.of('SigFlags'), PDFNumber.of(current | 3));
}
