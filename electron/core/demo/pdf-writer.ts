/**
 * Writes simple business documents with pdf-lib: A4 pages, a standard font, wrapped paragraphs,
 * tables, page numbers. Dates and the trailer ID are fixed by the caller, so the same content
 * always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const BODY_SIZE = 10;
const LINE_GAP = 4;
const GREY = rgb(0.35, 0.35, 0.35);

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  /** The document's date: creation and modification. */
  date: Date;
  /** A stable key, hashed into the trailer ID. */
  key: string;
}

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** The standard fonts encode WinAnsi: typographic spaces of French formatting become plain ones. */
function encodable(text: string): string {
  return text.replace(/[\u202f\u2009]/g, ' ').replace(/[\u2011]/g, '-');
}

export class DocumentWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly wordWidths = new Map<string, number>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  static async create(info: DocumentInfo): Promise<DocumentWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(info.title);
    doc.setAuthor(info.author);
    doc.setSubject(info.subject);
    doc.setLanguage('fr-FR');
    doc.setCreator(info.author);
    doc.setProducer('pdf-lib');
    doc.setCreationDate(info.date);
    doc.setModificationDate(info.date);
    const id = PDFHexString.of(createHash('sha256').update(info.key).digest('hex').slice(0, 32));
    doc.context.trailerInfo.ID = doc.context.obj([id, id]);
    const [regular, bold] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold)]);
    return new DocumentWriter(doc, regular, bold);
  }

  get contentWidth(): number {
    return PAGE_WIDTH - 2 * MARGIN;
  }

  get pageCount(): number {
    return this.doc.getPageCount();
  }

  /** Points left above the bottom margin of the current page. */
  get roomLeft(): number {
    return this.y - (MARGIN + 20);
  }

  paragraphHeight(text: string, size = BODY_SIZE): number {
    return this.wrap(encodable(text), size, this.contentWidth).length * (size + LINE_GAP) + 4;
  }

  tableHeight(rowCount: number): number {
    return (rowCount + 1) * (BODY_SIZE + 6) + 6;
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Room for `height` more points on this page, else a new page. */
  private ensureRoom(height: number): void {
    if (height > this.roomLeft) this.newPage();
  }

  line(text: string, options: { bold?: boolean; size?: number; x?: number; grey?: boolean } = {}): void {
    const size = options.size ?? BODY_SIZE;
    this.ensureRoom(size + LINE_GAP);
    this.y -= size;
    this.page.drawText(encodable(text), {
      x: MARGIN + (options.x ?? 0),
      y: this.y,
      size,
      font: options.bold ? this.bold : this.regular,
      color: options.grey ? GREY : undefined,
    });
    this.y -= LINE_GAP;
  }

  heading(text: string, size = 13): void {
    this.space(8);
    this.line(text, { bold: true, size });
    this.space(2);
  }

  space(points: number): void {
    this.y -= points;
  }

  paragraph(text: string, size = BODY_SIZE): void {
    for (const line of this.wrap(encodable(text), size, this.contentWidth)) this.line(line, { size });
    this.space(4);
  }

  /** Label in bold, value after it, as on a company extract. */
  field(label: string, value: string): void {
    const labelWidth = 190;
    const lines = this.wrap(encodable(value), BODY_SIZE, this.contentWidth - labelWidth);
    this.ensureRoom(lines.length * (BODY_SIZE + LINE_GAP));
    const top = this.y;
    this.line(label, { bold: true });
    this.y = top;
    for (const line of lines) this.line(line, { x: labelWidth });
  }

  table(columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>): void {
    const drawRow = (cells: readonly string[], font: PDFFont) => {
      this.ensureRoom(BODY_SIZE + 8);
      this.y -= BODY_SIZE + 2;
      let x = MARGIN;
      columns.forEach((column, i) => {
        const text = this.clip(encodable(cells[i] ?? ''), font, column.width - 6);
        const width = font.widthOfTextAtSize(text, BODY_SIZE - 1);
        const textX = column.align === 'right' ? x + column.width - 4 - width : x + 2;
        this.page.drawText(text, { x: textX, y: this.y, size: BODY_SIZE - 1, font });
        x += column.width;
      });
      this.y -= 4;
      this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.tableWidth(columns), y: this.y }, thickness: 0.3, color: GREY });
    };
    drawRow(columns.map((c) => c.header), this.bold);
    for (const row of rows) drawRow(row, this.regular);
    this.space(6);
  }

  /** Numbers every page ("Page 2 / 7") and returns the file. */
  async finish(footer: string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const text = encodable(`${footer} — Page ${index + 1} / ${pages.length}`);
      page.drawText(text, { x: MARGIN, y: MARGIN - 24, size: 8, font: this.regular, color: GREY });
    });
    return this.doc.save({ useObjectStreams: true });
  }

  private tableWidth(columns: readonly TableColumn[]): number {
    return columns.reduce((sum, c) => sum + c.width, 0);
  }

  private clip(text: string, font: PDFFont, width: number): string {
    if (font.widthOfTextAtSize(text, BODY_SIZE - 1) <= width) return text;
    let clipped = text;
    while (clipped.length > 1 && font.widthOfTextAtSize(`${clipped}…`, BODY_SIZE - 1) > width) clipped = clipped.slice(0, -1);
    return `${clipped}…`;
  }

  /** Measuring text is pdf-lib's slow part: word widths are measured once at size 1 and scaled. */
  private wordWidth(word: string): number {
    let width = this.wordWidths.get(word);
    if (width === undefined) {
      width = this.regular.widthOfTextAtSize(word, 1);
      this.wordWidths.set(word, width);
    }
    return width;
  }

  private wrap(text: string, size: number, width: number): string[] {
    const space = this.wordWidth(' ') * size;
    const lines: string[] = [];
    let current = '';
    let currentWidth = 0;
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const wordWidth = this.wordWidth(word) * size;
      if (current && currentWidth + space + wordWidth > width) {
        lines.push(current);
        current = word;
        currentWidth = wordWidth;
      } else {
        currentWidth += (current ? space : 0) + wordWidth;
        current = current ? `${current} ${word}` : word;
      }
    }
    if (current) lines.push(current);
    return lines;
  }
}
