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
import { FONT_NAMES, fontFileBytes, type FontWeight } from '../documents/fonts';
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

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
// Parsed once per process (with @cantoo/fontkit, which @cantoo/pdf-lib subsets with); each signature embeds its own subset.
const parsedFonts = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();
const cachingFontkit: Fontkit = {
  create(bytes: Uint8Array) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

interface Line {
  text: string;
  font: PDFFont;
  fontName: string;
  size: number;
  color: [number, number, number];
}

/** The appearance stream (a form XObject `width` × `height` points) of the signature block. */
export async function signatureAppearance(doc: PDFDocument, visible: VisibleSignature, width: number, height: number): Promise<PDFRef> {
  doc.registerFontkit(cachingFontkit);
  const regular = await embedSubset(doc, 'regular');
  const bold = await embedSubset(doc, 'bold');
  const lines = fitLines(visible, { regular, bold }, width - 2 * PADDING, height - 2 * PADDING);

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
    Resources: { Font: { Regular: regular.ref, Bold: bold.ref } },
  });
  return doc.context.register(stream);
}

function heightOf(lines: Line[]): number {
  return lines.reduce((total, line) => total + line.size * LINE_GAP, 0);
}

/** A subset of the font, named with the six-capital tag (TAG+DejaVuSans) that tells readers, and PDF/A checkers, it is one. */
function embedSubset(doc: PDFDocument, weight: FontWeight): Promise<PDFFont> {
  const tag = Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
  return doc.embedFont(fontFileBytes(weight), { subset: true, customName: `${tag}+${FONT_NAMES[weight]}` });
}

/** The block's lines, smaller when the box is too small for them at their natural size. */
function fitLines(visible: VisibleSignature, fonts: { regular: PDFFont; bold: PDFFont }, width: number, height: number): Line[] {
  const layout = (scale: number): Line[] => {
    const lines: Line[] = [];
    const add = (text: string, weight: 'regular' | 'bold', size: number, color: [number, number, number]) => {
      const font = fonts[weight];
      const scaled = size * scale;
      const measure = (part: string) => font.widthOfTextAtSize(part, 1);
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
