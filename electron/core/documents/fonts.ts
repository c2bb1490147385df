/**
 * The fonts of the documents and of the signature blocks: DejaVu Sans (resources/fonts, free
 * license), embedded as subsets. The State's Marianne ships as CFF outlines that fontkit cannot
 * subset, hence DejaVu. Documents are laid out with pdf-lib and signatures drawn with
 * @cantoo/pdf-lib: both embed through embedFontSubsets, each with its own fontkit made by cachingFontkit.
 * Widths and glyph runs are cached per font and text: fontkit shaping dominates the time to lay out a page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { resourcesDir } from '../reference/paths';
import type { Measure } from './wrap';

export type FontWeight = 'regular' | 'bold';

const FONT_FILES: Record<FontWeight, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };
/** The fonts' PostScript names, written after the subset tag (TAG+DejaVuSans) that tells readers it is a subset. */
const FONT_NAMES: Record<FontWeight, string> = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' };

const fontBytes = new Map<FontWeight, Uint8Array>();

function bytesOf(weight: FontWeight): Uint8Array {
  let bytes = fontBytes.get(weight);
  if (!bytes) {
    bytes = readFileSync(path.join(resourcesDir(), 'fonts', FONT_FILES[weight]));
    fontBytes.set(weight, bytes);
  }
  return bytes;
}

/** What the shaping cache needs of a parsed font, whichever fontkit parsed it. */
interface ShapingFont {
  layout(text: string, features?: unknown): unknown;
}

/**
 * A fontkit for a PDF library's registerFontkit, over that library's `parse`: parsing a 700 KB
 * font costs more than laying out a whole document, so each file is parsed once per process and
 * the parsed font shared by every document (a subset is made per document, at save). Make one per
 * library, once.
 */
export function cachingFontkit<Font extends ShapingFont>(parse: (bytes: Uint8Array) => Font): { create(bytes: Uint8Array): Font } {
  const parsedFonts = new WeakMap<Uint8Array, Font>();
  return {
    create(bytes: Uint8Array) {
      let font = parsedFonts.get(bytes);
      if (!font) {
        font = withShapingCache(parse(bytes));
        parsedFonts.set(bytes, font);
      }
      return font;
    },
  };
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
const documentFontkit: Fontkit = cachingFontkit((bytes) => fontkit.create(bytes));

// Bounded so that a long run (many exports) does not grow without limit.
const MAX_CACHED_RUNS = 20_000;

/**
 * pdf-lib shapes every line it draws (fontkit's layout) even when its width was measured before,
 * and acts repeat most of their lines: the shared font keeps each text's glyph run, which pdf-lib
 * only reads. Runs with explicit features are shaped as they come (Relais embeds with none).
 */
function withShapingCache<Font extends ShapingFont>(font: Font): Font {
  const shaping: ShapingFont = font;
  const shape = shaping.layout.bind(font);
  const runs = new Map<string, unknown>();
  shaping.layout = (text, features) => {
    if (features !== undefined) return shape(text, features);
    let run = runs.get(text);
    if (!run) {
      run = shape(text);
      if (runs.size >= MAX_CACHED_RUNS) runs.clear();
      runs.set(text, run);
    }
    return run;
  };
  return font;
}

/** What embedFontSubsets needs of a PDF library's document and of its fonts (pdf-lib's and @cantoo/pdf-lib's both fit). */
interface FontHost<Fontkit, Font extends MeasurableFont> {
  registerFontkit(fontkit: Fontkit): void;
  embedFont(bytes: Uint8Array, options: { subset: boolean; customName: string }): Promise<Font>;
}

interface MeasurableFont {
  widthOfTextAtSize(text: string, size: number): number;
}

export interface DocumentFont<Font = PDFFont> {
  font: Font;
  /** Width at size 1, cached across documents (the same file gives the same widths, in pdf-lib and @cantoo/pdf-lib alike). */
  measure: Measure;
}

// Bounded so that a long run (many exports) does not grow without limit.
const MAX_CACHED_WIDTHS = 100_000;
const widthCaches: Record<FontWeight, Map<string, number>> = { regular: new Map(), bold: new Map() };

/**
 * Embeds both weights as subsets of `doc`. `fontkit`: a cachingFontkit of the document's PDF
 * library; `subsetTag`: the six capitals that name this document's subset of a font.
 */
export async function embedFontSubsets<Fontkit, Font extends MeasurableFont>(
  doc: FontHost<Fontkit, Font>,
  fontkit: Fontkit,
  subsetTag: (fontName: string) => string,
): Promise<Record<FontWeight, DocumentFont<Font>>> {
  doc.registerFontkit(fontkit);
  const embed = async (weight: FontWeight): Promise<DocumentFont<Font>> => {
    const name = FONT_NAMES[weight];
    const font = await doc.embedFont(bytesOf(weight), { subset: true, customName: `${subsetTag(name)}+${name}` });
    const cache = widthCaches[weight];
    const measure: Measure = (text) => {
      let width = cache.get(text);
      if (width === undefined) {
        width = font.widthOfTextAtSize(text, 1);
        if (cache.size >= MAX_CACHED_WIDTHS) cache.clear();
        cache.set(text, width);
      }
      return width;
    };
    return { font, measure };
  };
  return { regular: await embed('regular'), bold: await embed('bold') };
}

/** The fonts of a document laid out with pdf-lib. */
export function embedFonts(doc: PDFDocument, subsetTag: (fontName: string) => string): Promise<Record<FontWeight, DocumentFont>> {
  return embedFontSubsets(doc, documentFontkit, subsetTag);
}
