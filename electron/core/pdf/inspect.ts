/**
 * What a PDF from outside is, before Relais keeps it: refused when it expands past the budget
 * (a decompression bomb), needs a password to open, or cannot be opened at all; otherwise its page
 * count, whether it carries active content (never run here: pdf.js with eval off, and no
 * scripting anywhere), and the text of as many pages as the time budget allows, for search.
 * Runs inside a worker thread (pdf-text-worker.ts), under the time and memory limits of attach.
 */
import { openUntrustedPdf, pageTexts } from './extract-text';
import { scanStreams } from './stream-scan';

export type PdfInspection =
  | {
      verdict: 'readable';
      pageCount: number;
      /** Text of pages 1…n, n ≤ pageCount (the rest was not indexed in time). */
      pages: string[];
      activeContent: boolean;
    }
  | { verdict: 'bomb' | 'encrypted' | 'damaged' };

export interface InspectOptions {
  /** Time given to text extraction; the pages left are kept but not indexed. */
  textBudgetMs: number;
  maxExpandedBytes?: number;
}

export async function inspectPdf(bytes: Uint8Array, options: InspectOptions): Promise<PdfInspection> {
  const scan = await scanStreams(bytes, options.maxExpandedBytes);
  if (scan.bomb) return { verdict: 'bomb' };
  const task = await openUntrustedPdf(bytes, { stopAtErrors: false });
  try {
    const document = await task.promise;
    const activeContent = scan.activeContent || (await document.getJSActions()) !== null;
    const pages = await pageTexts(document, Date.now() + options.textBudgetMs);
    return { verdict: 'readable', pageCount: document.numPages, pages, activeContent };
  } catch (error) {
    // pdf.js 5 exports no class for it: its errors carry their name.
    return { verdict: (error as { name?: unknown }).name === 'PasswordException' ? 'encrypted' : 'damaged' };
  } finally {
    await task.destroy();
  }
}
