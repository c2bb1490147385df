/**
 * The layout engine behind DocumentWriter, run in the document worker: A4 pages that flow from
 * top to bottom, with a title, headings, wrapped paragraphs, key/value facts, tables that
 * continue on the next page under a repeated header, images with captions, empty signature
 * fields, and a "Page n / N" footer. French text gets its typography (typography.ts); every
 * document is PDF/A-3b (pdfa.ts).
 */
import { PDFDocument, PDFName, PDFString, rgb, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import { createTranslator } from '../../../shared/i18n/translator';
import { embedFonts, type DocumentFont } from './fonts';
import { frenchTypography } from './typography';
import { imageTypeOf, NOT_AN_IMAGE, type DocumentMeta, type Fact, type ImageOptions, type ParagraphOptions, type TableColumn } from './blocks';
import { attachData, makeArchival, subsetTag } from './pdfa';
import { wrapText } from './wrap';

const A4: [number, number] = [595.28, 841.89];
const MARGIN_X = 50;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 60;
const FOOTER_BASELINE = 30;
const LINE_HEIGHT = 1.35;
/** The room a heading keeps under it: two lines of text, or a table's header and first row. */
const KEPT_WITH_NEXT = 48;
/** The room a paragraph kept with the next block keeps under it: a heading, and the heading's own room. */
const PARAGRAPH_KEPT_WITH_NEXT = 12 + 14 * LINE_HEIGHT + KEPT_WITH_NEXT;

// DSFR colours: bleu France for titles, the grey scale for secondary text and rules.
const BLUE_FRANCE = rgb(0, 0, 145 / 255);
const TEXT = rgb(0.09, 0.09, 0.09);
const MUTED = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.8, 0.8, 0.8);
const HEADER_FILL = rgb(0.93, 0.93, 0.93);

interface TextStyle {
  font: DocumentFont;
  size: number;
  color: RGB;
}

/** Where a text goes across the page: from `x`, `width` wide, aligned in it. */
interface TextBox {
  x: number;
  width: number;
  align: 'left' | 'center' | 'right';
}

/** An empty signature field: its page and its rectangle, left, bottom, right, top. */
interface SignatureBox {
  name: string;
  page: PDFPage;
  rect: [number, number, number, number];
}

export class PdfLayout {
  private page: PDFPage;
  /** Top of the free space on the current page, in PDF points from the bottom. */
  private y: number;
  private readonly contentWidth = A4[0] - 2 * MARGIN_X;
  private readonly fullWidth: TextBox = { x: MARGIN_X, width: this.contentWidth, align: 'left' };
  private readonly signatures: SignatureBox[] = [];

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<'regular' | 'bold', DocumentFont>,
    private readonly meta: DocumentMeta,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN_TOP;
  }

  /** `id`: the document's identifier (pdfa.ts documentId), its trailer /ID. */
  static async create(meta: DocumentMeta, id: string): Promise<PdfLayout> {
    // The Info dictionary is written from `meta` alone, so that it matches the XMP.
    const doc = await PDFDocument.create({ updateMetadata: false });
    makeArchival(doc, meta, meta.language === 'fr' ? 'fr-FR' : 'en-GB', id);
    return new PdfLayout(doc, await embedFonts(doc, (fontName) => subsetTag(id, fontName)), meta);
  }

  /** The document's title, with an optional line under it. */
  title(text: string, subtitle?: string): this {
    this.textBlock(text, { font: this.fonts.bold, size: 18, color: BLUE_FRANCE });
    if (subtitle) this.textBlock(subtitle, { font: this.fonts.regular, size: 11, color: MUTED });
    this.y -= 10;
    return this;
  }

  heading(text: string, level: 1 | 2 = 1): this {
    const style: TextStyle =
      level === 1
        ? { font: this.fonts.bold, size: 14, color: BLUE_FRANCE }
        : { font: this.fonts.bold, size: 11.5, color: TEXT };
    this.y -= level === 1 ? 12 : 6;
    // A heading never ends a page: keep room for it and the start of what follows (a table header and row).
    this.ensureSpace(style.size * LINE_HEIGHT + KEPT_WITH_NEXT);
    this.textBlock(text, style);
    this.y -= 4;
    return this;
  }

  /** `reserveAfter`: the height of what follows that must stay on this paragraph's page. */
  paragraph(text: string, options: ParagraphOptions & { reserveAfter?: number } = {}): this {
    const style = { font: options.bold ? this.fonts.bold : this.fonts.regular, size: options.size ?? 10, color: options.muted ? MUTED : TEXT };
    const half = this.contentWidth / 2;
    const align = options.align ?? 'left';
    const box: TextBox = options.column === 'right' ? { x: MARGIN_X + half, width: half, align } : { ...this.fullWidth, align };
    const reserveAfter = options.reserveAfter ?? (options.keepWithNext ? PARAGRAPH_KEPT_WITH_NEXT : 0);
    if (reserveAfter > 0) {
      const lineCount = this.lines(text, style.font, style.size, box.width).length;
      this.ensureSpace(lineCount * style.size * LINE_HEIGHT + 6 + reserveAfter);
    }
    this.textBlock(text, style, box);
    this.y -= 6;
    return this;
  }

  /**
   * A box `height` points tall in the right half of the page, left empty for a signature, with
   * an unsigned signature field (/FT /Sig, no /V) whose widget is that box: the signer puts the
   * visible signature there.
   */
  signatureField(name: string, height: number): this {
    this.ensureSpace(height);
    const half = this.contentWidth / 2;
    this.signatures.push({ name, page: this.page, rect: [MARGIN_X + half, this.y - height, MARGIN_X + this.contentWidth, this.y] });
    this.y -= height + 6;
    return this;
  }

  /** Label on the left, value on the right; empty values are shown as a dash. */
  facts(facts: readonly Fact[]): this {
    const labelWidth = this.contentWidth * 0.36;
    const gap = 10;
    const size = 10;
    for (const fact of facts) {
      const labelLines = this.lines(fact.label, this.fonts.bold, size, labelWidth);
      const valueLines = this.lines(fact.value.trim() || '—', this.fonts.regular, size, this.contentWidth - labelWidth - gap);
      this.rowOfCells(
        [
          { lines: labelLines, x: MARGIN_X, width: labelWidth, style: { font: this.fonts.bold, size, color: MUTED } },
          { lines: valueLines, x: MARGIN_X + labelWidth + gap, width: this.contentWidth - labelWidth - gap, style: { font: this.fonts.regular, size, color: TEXT } },
        ],
        3,
      );
    }
    this.y -= 6;
    return this;
  }

  /** A table whose header is repeated on each page it spans; a tall row continues on the next page. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): this {
    const size = 9;
    const padding = 4;
    const totalWeight = columns.reduce((sum, column) => sum + column.weight, 0);
    let x = MARGIN_X;
    const boxes = columns.map((column) => {
      const width = (column.weight / totalWeight) * this.contentWidth;
      const box = { x, width, align: column.align ?? 'left' };
      x += width;
      return box;
    });
    const header = columns.map((column) => column.header);
    const drawHeader = () => this.tableRow(boxes, header, { font: this.fonts.bold, size, color: TEXT }, padding, HEADER_FILL);
    this.ensureSpace(2 * (size * LINE_HEIGHT + 2 * padding));
    drawHeader();
    for (const row of rows) {
      this.tableRow(boxes, row, { font: this.fonts.regular, size, color: TEXT }, padding, undefined, drawHeader);
    }
    this.y -= 8;
    return this;
  }

  /** A JPEG or PNG, scaled to the text width and `maxHeight`, with its caption under it. */
  async image(bytes: Uint8Array, options: ImageOptions = {}): Promise<this> {
    const image = await this.embedImage(bytes);
    const maxHeight = Math.min(options.maxHeight ?? 320, A4[1] - MARGIN_TOP - MARGIN_BOTTOM - 40);
    const scale = Math.min(1, this.contentWidth / image.width, maxHeight / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const captionLines = options.caption ? this.lines(options.caption, this.fonts.regular, 9, this.contentWidth) : [];
    this.ensureSpace(height + 6 + captionLines.length * 9 * LINE_HEIGHT);
    this.page.drawImage(image, { x: MARGIN_X, y: this.y - height, width, height });
    this.y -= height + 4;
    if (options.caption) this.textBlock(options.caption, { font: this.fonts.regular, size: 9, color: MUTED });
    this.y -= 8;
    return this;
  }

  /** Starts a new page (e.g. before an annex). */
  pageBreak(): this {
    this.newPage();
    return this;
  }

  /** The PDF, with every page's footer: title on the left, "Page n / N" on the right. */
  async save(): Promise<Uint8Array> {
    const { t } = createTranslator(this.meta.language);
    const pages = this.doc.getPages();
    const size = 8;
    const font = this.fonts.regular;
    pages.forEach((page, index) => {
      const label = t('documents.pageOf', { page: index + 1, count: pages.length });
      page.drawText(label, { x: A4[0] - MARGIN_X - font.measure(label) * size, y: FOOTER_BASELINE, size, font: font.font, color: MUTED });
      const title = this.fit(this.typeset(this.meta.title), font, size, this.contentWidth * 0.7);
      page.drawText(title, { x: MARGIN_X, y: FOOTER_BASELINE, size, font: font.font, color: MUTED });
      page.drawLine({ start: { x: MARGIN_X, y: FOOTER_BASELINE + 12 }, end: { x: A4[0] - MARGIN_X, y: FOOTER_BASELINE + 12 }, thickness: 0.5, color: RULE });
    });
    this.addSignatureFields();
    await attachData(this.doc, this.meta);
    // The fields are written by hand: pdf-lib's form would add appearances in a non-embedded font.
    return this.doc.save({ updateFieldAppearances: false });
  }

  private addSignatureFields(): void {
    if (this.signatures.length === 0) return;
    const { context, catalog } = this.doc;
    const fields = this.signatures.map(({ name, page, rect }) => {
      const [left, bottom, right, top] = rect;
      // PDF/A wants an appearance for every annotation: an empty one until the signature's own.
      const appearance = context.register(context.formXObject([], { BBox: [0, 0, right - left, top - bottom] }));
      const field = context.register(
        context.obj({
          FT: 'Sig',
          T: PDFString.of(name),
          Type: 'Annot',
          Subtype: 'Widget',
          Rect: rect,
          F: 4,
          P: page.ref,
          AP: { N: appearance },
        }),
      );
      page.node.addAnnot(field);
      return field;
    });
    catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: fields }));
  }

  private typeset(text: string): string {
    return this.meta.language === 'fr' ? frenchTypography(text) : text;
  }

  private lines(text: string, font: DocumentFont, size: number, width: number): string[] {
    return wrapText(this.typeset(text), font.measure, size, width);
  }

  /** The text cut with an ellipsis to fit on one line. */
  private fit(text: string, font: DocumentFont, size: number, width: number): string {
    if (font.measure(text) * size <= width) return text;
    let cut = text;
    while (cut.length > 1 && font.measure(`${cut}…`) * size > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }

  private textBlock(text: string, style: TextStyle, box: TextBox = this.fullWidth): void {
    for (const line of this.lines(text, style.font, style.size, box.width)) {
      this.ensureSpace(style.size * LINE_HEIGHT);
      const free = box.width - style.font.measure(line) * style.size;
      const x = box.x + (box.align === 'right' ? free : box.align === 'center' ? free / 2 : 0);
      this.drawTextLine(line, x, this.y, style);
      this.y -= style.size * LINE_HEIGHT;
    }
  }

  /** One line whose top is at `top` (the baseline sits one font size lower). */
  private drawTextLine(text: string, x: number, top: number, style: TextStyle): void {
    if (!text) return;
    this.page.drawText(text, { x, y: top - style.size, size: style.size, font: style.font.font, color: style.color });
  }

  private tableRow(
    boxes: readonly { x: number; width: number; align: 'left' | 'right' }[],
    cells: readonly string[],
    style: TextStyle,
    padding: number,
    fill?: RGB,
    onNewPage?: () => void,
  ): void {
    const cellLines = boxes.map((box, index) => this.lines(cells[index] ?? '', style.font, style.size, box.width - 2 * padding));
    const lineHeight = style.size * LINE_HEIGHT;
    const rowLines = Math.max(...cellLines.map((lines) => lines.length));
    const capacity = () => Math.floor((this.y - MARGIN_BOTTOM - 2 * padding) / lineHeight);
    let from = 0;
    while (from < rowLines) {
      // A row that fits on a fresh page is never cut; a longer one fills what is left and goes on.
      const wholeRowFitsOnAPage = from === 0 && rowLines <= this.linesPerPage(lineHeight, padding);
      if (capacity() < 1 || (wholeRowFitsOnAPage && capacity() < rowLines)) {
        this.newPage();
        onNewPage?.();
      }
      const count = Math.min(capacity(), rowLines - from);
      const height = count * lineHeight + 2 * padding;
      const top = this.y;
      if (fill) this.page.drawRectangle({ x: MARGIN_X, y: top - height, width: this.contentWidth, height, color: fill });
      boxes.forEach((box, index) => {
        cellLines[index].slice(from, from + count).forEach((line, lineIndex) => {
          const width = style.font.measure(line) * style.size;
          const x = box.align === 'right' ? box.x + box.width - padding - width : box.x + padding;
          this.drawTextLine(line, x, top - padding - lineIndex * lineHeight, style);
        });
      });
      this.y = top - height;
      this.page.drawLine({ start: { x: MARGIN_X, y: this.y }, end: { x: MARGIN_X + this.contentWidth, y: this.y }, thickness: 0.5, color: RULE });
      from += count;
    }
  }

  private linesPerPage(lineHeight: number, padding: number): number {
    return Math.floor((A4[1] - MARGIN_TOP - MARGIN_BOTTOM - 2 * padding - 40) / lineHeight);
  }

  /** Cells side by side (the facts): they move together to the next page. */
  private rowOfCells(cells: readonly { lines: string[]; x: number; width: number; style: TextStyle }[], gapAfter: number): void {
    const rowLines = Math.max(...cells.map((cell) => cell.lines.length));
    for (let index = 0; index < rowLines; index += 1) {
      const lineHeight = Math.max(...cells.map((cell) => cell.style.size * LINE_HEIGHT));
      this.ensureSpace(lineHeight);
      for (const cell of cells) {
        const line = cell.lines[index];
        if (line) this.drawTextLine(line, cell.x, this.y, cell.style);
      }
      this.y -= lineHeight;
    }
    this.y -= gapAfter;
  }

  private ensureSpace(height: number): void {
    if (this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN_TOP;
  }

  private async embedImage(bytes: Uint8Array): Promise<PDFImage> {
    const type = imageTypeOf(bytes);
    if (!type) throw new Error(NOT_AN_IMAGE);
    return type === 'png' ? this.doc.embedPng(bytes) : this.doc.embedJpg(bytes);
  }
}

