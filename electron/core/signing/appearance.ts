/**
 * The visible signature block: who signed (CRPA L212-1: name, title, delegation), when (Paris
 * time), and that the act is signed electronically. Drawn as the widget's appearance stream in an
 * embedded font (the documents are PDF/A), never on the page itself: a countersignature must not
 * change a page an earlier signature covers.
 */
import { randomInt } from 'node:crypto';
import * as fontkit from '@cantoo/fontkit';
import {
  beginText,
  endText,
  fill,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  showText,
  stroke,
  type PDFDocument,
  type PDFFont,
  type PDFOperator,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { cachingFontkit, embedFontSubsets, type DocumentFont, type FontWeight } from '../documents/fonts';
import { frenchTypography } from '../documents/typography';
import { wrapText } from '../documents/wrap';

export interface VisibleSignature {
  signerName: string;
  signerTitle: string;
  delegation?: string | null;
  signedAt: Date;
  reason?: string;
  location?: string;
}

const PADDING = 6;
const BORDER = 0.75;
const LINE_GAP = 1.3;
const MIN_SCALE = 0.55;
const BLUE_FRANCE: [number, number, number] = [0, 0, 145 / 255];
const MUTED: [number, number, number] = [0.35, 0.35, 0.35];
const INK: [number, number, number] = [0.1, 0.1, 0.1];

const parisTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

// @cantoo/pdf-lib subsets with @cantoo/fontkit; the DejaVu files are single fonts, never collections.
const signatureFontkit = cachingFontkit((bytes) => fontkit.create(bytes) as fontkit.Font);

interface Line {
  text: string;
  font: PDFFont;
  fontName: string;
  size: number;
  color: [number, number, number];
}

/** The appearance stream (a form XObject `width` × `height` points) of the signature block. */
export async function signatureAppearance(doc: PDFDocument, visible: VisibleSignature, width: number, height: number): Promise<PDFRef> {
  const fonts = await embedFontSubsets(doc, signatureFontkit, subsetTag);
  const lines = fitLines(visible, fonts, width - 2 * PADDING, height - 2 * PADDING);

  const operators: PDFOperator[] = [
    pushGraphicsState(),
    setFillingRgbColor(1, 1, 1),
    rectangle(0, 0, width, height),
    fill(),
    setStrokingRgbColor(...BLUE_FRANCE),
    setLineWidth(BORDER),
    rectangle(BORDER / 2, BORDER / 2, width - BORDER, height - BORDER),
    stroke(),
  ];
  // Centred in the box: a reserved field may be taller than the block needs.
  let y = height - Math.max(PADDING, (height - heightOf(lines)) / 2);
  for (const line of lines) {
    y -= line.size;
    operators.push(
      beginText(),
      setFillingRgbColor(...line.color),
      setFontAndSize(line.fontName, line.size),
      moveText(PADDING, y),
      showText(line.font.encodeText(line.text)),
      endText(),
    );
    y -= line.size * (LINE_GAP - 1);
  }
  operators.push(popGraphicsState());
  const stream = doc.context.formXObject(operators, {
    BBox: [0, 0, width, height],
    Resources: { Font: { Regular: fonts.regular.font.ref, Bold: fonts.bold.font.ref } },
  });
  return doc.context.register(stream);
}

function heightOf(lines: Line[]): number {
  return lines.reduce((total, line) => total + line.size * LINE_GAP, 0);
}

/** The six capitals (TAG+DejaVuSans) that tell readers, and PDF/A checkers, a font is a subset: drawn afresh for each signature's subset. */
function subsetTag(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/** The block's lines, smaller when the box is too small for them at their natural size. */
function fitLines(visible: VisibleSignature, fonts: Record<FontWeight, DocumentFont<PDFFont>>, width: number, height: number): Line[] {
  const layout = (scale: number): Line[] => {
    const lines: Line[] = [];
    const add = (text: string, weight: FontWeight, size: number, color: [number, number, number]) => {
      const { font, measure } = fonts[weight];
      const scaled = size * scale;
      for (const part of wrapText(frenchTypography(text), measure, scaled, width)) {
        lines.push({ text: part, font, fontName: weight === 'bold' ? 'Bold' : 'Regular', size: scaled, color });
      }
    };
    add('Signé électroniquement', 'bold', 8, BLUE_FRANCE);
    add(`le ${parisTime.format(visible.signedAt)} (heure de Paris)`, 'regular', 7, MUTED);
    if (visible.delegation) add(visible.delegation, 'regular', 7.5, INK);
    add(visible.signerName, 'bold', 9.5, INK);
    add(visible.signerTitle, 'regular', 8, INK);
    return lines;
  };
  let scale = 1;
  let lines = layout(scale);
  while (heightOf(lines) > height && scale > MIN_SCALE) {
    scale -= 0.05;
    lines = layout(scale);
  }
  return lines;
}
