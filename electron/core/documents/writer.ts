/**
 * DocumentWriter: how the rest of core writes a PDF (the dossier form, visit reports, decisions).
 * Each call records a block; save() has the document worker lay them out, so the main process
 * stays free however long the document.
 */
import path from 'node:path';
import { imageTypeOf, NOT_AN_IMAGE, type DocumentBlock, type DocumentMeta, type Fact, type ImageOptions, type ParagraphOptions, type TableColumn } from './blocks';
import type { DocumentJob } from './document-worker';
import { WorkerClient } from './worker-client';

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/document-worker.js. */
const documentWorker = new WorkerClient<DocumentJob, Uint8Array>(path.join(__dirname, `document-worker${path.extname(__filename)}`));

export class DocumentWriter {
  private readonly blocks: DocumentBlock[] = [];

  private constructor(private readonly meta: DocumentMeta) {}

  static async create(meta: DocumentMeta): Promise<DocumentWriter> {
    return new DocumentWriter(meta);
  }

  /** The document's title, with an optional line under it. */
  title(text: string, subtitle?: string): this {
    return this.add({ kind: 'title', text, subtitle });
  }

  /** A heading; it never ends a page (it moves to the next with what follows it). */
  heading(text: string, level: 1 | 2 = 1): this {
    return this.add({ kind: 'heading', text, level });
  }

  paragraph(text: string, options: ParagraphOptions = {}): this {
    return this.add({ kind: 'paragraph', text, ...options });
  }

  /** Label on the left, value on the right; empty values are shown as a dash. */
  facts(facts: readonly Fact[]): this {
    return this.add({ kind: 'facts', facts });
  }

  /** A table whose header is repeated on each page it spans; a tall row continues on the next page. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): this {
    return this.add({ kind: 'table', columns, rows });
  }

  /** A JPEG or PNG, scaled to the text width and `maxHeight`, with its caption under it. */
  async image(bytes: Uint8Array, options: ImageOptions = {}): Promise<this> {
    // Refused here, where the caller can still tell which image it was.
    if (!imageTypeOf(bytes)) throw new Error(NOT_AN_IMAGE);
    return this.add({ kind: 'image', bytes, options });
  }

  /** Starts a new page (e.g. before an annex). */
  pageBreak(): this {
    return this.add({ kind: 'pageBreak' });
  }

  /**
   * A box `heightPt` tall at this point of the flow, kept with the paragraph before it, and an
   * empty signature field (/FT /Sig without /V) whose widget is that box: a signer fills the
   * first such field it finds.
   */
  signatureField(name: string, heightPt: number): this {
    return this.add({ kind: 'signatureField', name, height: heightPt });
  }

  /** The PDF/A-3b document, with every page's footer: title on the left, "Page n / N" on the right. */
  save(): Promise<Uint8Array> {
    return documentWorker.run({ meta: this.meta, blocks: this.blocks });
  }

  private add(block: DocumentBlock): this {
    this.blocks.push(block);
    return this;
  }
}
