import { mkdirSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DocumentWriter } from '../../electron/core/documents';
import { inspectPdf } from './fixtures/pdf-tools';

const SHOTS = '/tmp/relais/shots';

function pngOf(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#336b4d' } }).png().toBuffer();
}

describe('documents: the layout module', () => {
  it('writes an A4 PDF with embedded subset fonts, French typography, tables across pages and page numbers', async () => {
    const writer = await DocumentWriter.create({ title: 'Rapport de visite : Forges de l’Est', language: 'fr', createdAt: new Date('2026-03-15T10:00:00Z') });
    writer.title('Rapport de visite: Forges de l’Est', 'Dossier n° 1042');
    writer.heading('Le projet');
    // Typed without the French spaces: the PDF has them (pdftotext reads any space as a plain one).
    writer.paragraph('Une ligne de découpe laser; est-elle prête? «Oui»! '.repeat(30));
    writer.facts([
      { label: 'Montant demandé', value: '1\u202F250\u202F000,00\u00A0€' },
      { label: 'Commentaire', value: '' },
    ]);
    writer.table(
      [
        { header: 'Poste', weight: 3 },
        { header: 'Montant', weight: 1, align: 'right' },
      ],
      Array.from({ length: 120 }, (_, index) => [`Ligne de dépense ${index + 1}`, `${index + 1}\u00A0000,00\u00A0€`]),
    );
    await writer.image(await pngOf(400, 200), { caption: 'Photo 1: atelier' });
    const bytes = await writer.save();

    mkdirSync(SHOTS, { recursive: true });
    const report = inspectPdf(bytes, `${SHOTS}/documents-layout`);
    expect(report.qpdfOk).toBe(true);
    expect(report.fonts.length).toBeGreaterThan(0);
    expect(report.fonts.every((font) => font.embedded)).toBe(true);
    expect(report.pageCount).toBeGreaterThanOrEqual(3);
    expect(report.text).toContain('Rapport de visite : Forges de l’Est');
    expect(report.text).toContain('laser ; est-elle prête ? « Oui » !');
    expect(report.text).toContain('1 250 000,00 €');
    expect(report.text).toContain(`Page 1 / ${report.pageCount}`);
    expect(report.text).toContain(`Page ${report.pageCount} / ${report.pageCount}`);
    expect(report.text).toContain('Ligne de dépense 120');
    expect(report.text).toContain('Photo 1 : atelier');
    // The table header is repeated on each page the table spans.
    const pagesWithHeader = report.text.split('\f').filter((page) => /Poste\s+Montant/.test(page));
    expect(pagesWithHeader.length).toBeGreaterThanOrEqual(2);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(pdf.getTitle()).toBe('Rapport de visite : Forges de l’Est');
  });

  it('keeps English text as typed and numbers its pages in English', async () => {
    const writer = await DocumentWriter.create({ title: 'Visit report', language: 'en', createdAt: new Date('2026-03-15T10:00:00Z') });
    writer.paragraph('Question: ready?');
    const report = inspectPdf(await writer.save());
    expect(report.text).toContain('Question: ready?');
    expect(report.text).toContain('Page 1 of 1');
  });

  it('refuses bytes that are neither JPEG nor PNG', async () => {
    const writer = await DocumentWriter.create({ title: 'x', language: 'fr', createdAt: new Date() });
    await expect(writer.image(new TextEncoder().encode('GIF89a not an image'))).rejects.toThrow(/neither a JPEG nor a PNG/);
  });

  it('reports an image that looks like a PNG but cannot be read, and keeps writing the next documents', async () => {
    const writer = await DocumentWriter.create({ title: 'x', language: 'fr', createdAt: new Date() });
    await writer.image(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    await expect(writer.save()).rejects.toThrow();
    const next = await DocumentWriter.create({ title: 'y', language: 'fr', createdAt: new Date() });
    expect(inspectPdf(await next.paragraph('Toujours là').save()).text).toContain('Toujours là');
  });

  it('cuts a word longer than the line instead of running off the page', async () => {
    const writer = await DocumentWriter.create({ title: 'x', language: 'fr', createdAt: new Date() });
    writer.paragraph('A'.repeat(400));
    const report = inspectPdf(await writer.save());
    const longest = Math.max(...report.text.split('\n').map((line) => line.trim().length));
    expect(longest).toBeLessThan(120);
    expect(report.text.replace(/\s/g, '')).toContain('A'.repeat(400));
  });
});
