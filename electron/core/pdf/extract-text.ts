/** Text of a PDF, page by page, with pdfjs-dist's Node build. Runs inside the text worker. */
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { scanStreams } from './stream-scan';

export type TextStatus = 'indexed' | 'unreadable' | 'not_pdf';

export interface PdfText {
  status: TextStatus;
  pageCount: number | null;
  /** One string per page, page 1 first; empty unless indexed. */
  pages: string[];
}

export const UNREADABLE: PdfText = { status: 'unreadable', pageCount: null, pages: [] };
const NOT_PDF: PdfText = { status: 'not_pdf', pageCount: null, pages: [] };

/** PDF readers accept the header anywhere in the first kilobyte. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/**
 * pdfjs is ESM, loaded once. Its own worker code is loaded into this thread (globalThis.pdfjsWorker),
 * so it never resolves a worker script path of its own, from the sources or from a bundle.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

type LoadingTask = ReturnType<PdfJs['getDocument']>;
type PdfDocument = Awaited<LoadingTask['promise']>;

/**
 * pdf.js on a file from outside, the one way core opens a PDF: no eval (PostScript functions are
 * interpreted), no XFA, no fonts or fetches of its own. `stopAtErrors`: a damaged file fails
 * instead of being read as far as pdf.js can.
 */
export async function openUntrustedPdf(bytes: Uint8Array, { stopAtErrors }: { stopAtErrors: boolean }): Promise<LoadingTask> {
  const { getDocument } = await loadPdfJs();
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors,
    verbosity: 0,
  });
}

function pageText(items: Array<TextItem | TextMarkedContent>): string {
  let text = '';
  for (const item of items) {
    if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
  }
  return text.trim();
}

/** The text of pages 1…n, page by page, until the last page or the deadline (epoch ms). */
export async function pageTexts(document: PdfDocument, deadline = Number.POSITIVE_INFINITY): Promise<string[]> {
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages && Date.now() < deadline; number++) {
    const page = await document.getPage(number);
    pages.push(pageText((await page.getTextContent()).items));
    page.cleanup();
  }
  return pages;
}

/**
 * Never throws: a damaged file is 'unreadable', anything without a PDF header is 'not_pdf'. A file
 * that expands past the budget (a decompression bomb, from DS or from a desk that skipped the
 * checks of attach) is 'unreadable' before pdf.js inflates any of it.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  if (!looksLikePdf(bytes)) return NOT_PDF;
  if ((await scanStreams(bytes)).bomb) return UNREADABLE;
  const task = await openUntrustedPdf(bytes, { stopAtErrors: true });
  try {
    const document = await task.promise;
    const pages = await pageTexts(document);
    return { status: 'indexed', pageCount: document.numPages, pages };
  } catch {
    return UNREADABLE;
  } finally {
    await task.destroy();
  }
}
