import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfTextPool } from '../../electron/core/pdf/text-pool';

async function pdfWithPages(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 16, size: 11, font }));
  }
  return doc.save();
}

const pool = new PdfTextPool({ size: 2 });
afterAll(() => pool.close());

describe('PDF text extraction in worker threads', () => {
  it('returns the text of each page of a real PDF', async () => {
    const bytes = await pdfWithPages([
      ['Devis n° 2025-0417', 'Chaudière biomasse 1,2 MW : 412 000,00 € HT'],
      ['Plan de financement', 'Fonds propres : 35 %'],
      ['Page trois'],
    ]);
    const text = await pool.extract(bytes);
    expect(text.status).toBe('indexed');
    expect(text.pageCount).toBe(3);
    expect(text.pages[0]).toContain('Chaudière biomasse 1,2 MW : 412 000,00 € HT');
    expect(text.pages[0]!.split('\n')).toEqual(['Devis n° 2025-0417', 'Chaudière biomasse 1,2 MW : 412 000,00 € HT']);
    expect(text.pages[1]).toContain('Fonds propres : 35 %');
    expect(text.pages[2]).toBe('Page trois');
  });

  it('leaves the caller’s bytes usable', async () => {
    const bytes = await pdfWithPages([['Extrait Kbis']]);
    const copy = Uint8Array.from(bytes);
    await pool.extract(bytes);
    expect(bytes).toEqual(copy);
  });

  it('extracts many files concurrently', async () => {
    const files = await Promise.all(Array.from({ length: 8 }, (_, i) => pdfWithPages([[`Dossier technique ${i}`]])));
    const texts = await Promise.all(files.map((f) => pool.extract(f)));
    expect(texts.map((t) => t.pages[0])).toEqual(files.map((_, i) => `Dossier technique ${i}`));
  });

  it('says unreadable for a truncated PDF and not_pdf for random bytes, without throwing', async () => {
    const bytes = await pdfWithPages([['Texte'], ['Encore']]);
    expect((await pool.extract(bytes.subarray(0, Math.floor(bytes.length / 3)))).status).toBe('unreadable');
    expect(await pool.extract(randomBytes(4096))).toEqual({ status: 'not_pdf', pageCount: null, pages: [] });
    const header = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);
    expect((await pool.extract(header)).status).toBe('unreadable');
    expect((await pool.extract(new Uint8Array())).status).toBe('not_pdf');
  });

  it('gives up on a file past the timeout and keeps serving', async () => {
    // Loading pdfjs alone takes longer than 1 ms, so the first file times out.
    const hasty = new PdfTextPool({ size: 1, timeoutMs: 1 });
    try {
      expect((await hasty.extract(await pdfWithPages([['Lent']]))).status).toBe('unreadable');
    } finally {
      await hasty.close();
    }
  });

  it('replaces a worker that crashes or hangs and settles every job', async () => {
    const workerPath = path.join(__dirname, 'fixtures', 'pdf-misbehaving-worker.ts');
    const fragile = new PdfTextPool({ size: 1, timeoutMs: 2_000, workerPath });
    try {
      const results = await Promise.all([
        fragile.extract(Uint8Array.of(1)),
        fragile.extract(Uint8Array.of(2)),
        fragile.extract(Uint8Array.of(3)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['unreadable', 'unreadable', 'indexed']);
    } finally {
      await fragile.close();
    }
  });
});
