/**
 * The fonts of the documents: DejaVu Sans (resources/fonts, free license), embedded as subsets.
 * The State's Marianne ships as CFF outlines that fontkit cannot subset, hence DejaVu.
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
export const FONT_NAMES: Record<FontWeight, string> = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' };

const fontBytes = new Map<FontWeight, Uint8Array>();

/** The font file's bytes, read once per process (the signature block embeds them too). */
export function fontFileBytes(weight: FontWeight): Uint8Array {
  let bytes = fontBytes.get(weight);
  if (!bytes) {
    bytes = readFileSync(path.join(resourcesDir(), 'fonts', FONT_FILES[weight]));
    fontBytes.set(weight, bytes);
  }
  return bytes;
}

// Parsing a 700 KB font costs more than laying out a whole document: each file is parsed once
// and the parsed font shared by every document (a subset is made per document, at save).
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;
const parsedFonts = new WeakMap<Uint8Array, Font>();
const cachingFontkit: Fontkit = {
  create(bytes: Uint8Array) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = withShapingCache(fontkit.create(bytes));
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

// Bounded so that a long run (many exports) does not grow without limit.
const MAX_CACHED_RUNS = 20_000;

/**
 * pdf-lib shapes every line it draws (fontkit's layout) even when its width was measured before,
 * and acts repeat most of their lines: the shared font keeps each text's glyph run, which pdf-lib
 * only reads. Runs with explicit features are shaped as they come (Relais embeds with none).
 */
function withShapingCache(font: Font): Font {
  const shape = font.layout.bind(font);
  const runs = new Map<string, ReturnType<Font['layout']>>();
  font.layout = (text, features) => {
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

export interface DocumentFont {
  font: PDFFont;
  /** Width at size 1, cached across documents (the same file gives the same widths). */
  measure: Measure;
}

// Bounded so that a long run (many exports) does not grow without limit.
const MAX_CACHED_WIDTHS = 100_000;
const widthCaches: Record<FontWeight, Map<string, number>> = { regular: new Map(), bold: new Map() };

/** `subsetTag`: the six capitals that name this document's subset of a font. */
export async function embedFonts(doc: PDFDocument, subsetTag: (fontName: string) => string): Promise<Record<FontWeight, DocumentFont>> {
  doc.registerFontkit(cachingFontkit);
  const embed = async (weight: FontWeight): Promise<DocumentFont> => {
    const name = FONT_NAMES[weight];
    const font = await doc.embedFont(fontFileBytes(weight), { subset: true, customName: `${subsetTag(name)}+${name}` });
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
