/** Every PDF Relais writes is PDF/A-3b: checked with qpdf and poppler on a real document. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentWriter } from '../../electron/core/documents';
import { xmpPacket } from '../../electron/core/documents/pdfa';

const CREATED_AT = new Date('2026-03-15T10:00:00Z');
const DATA = { type: 'attribution', reference: 'TI-2026-1042-ATT', amountCents: 12_345_600, note: 'Données « jointes » : 1 € & <xml>' };

let dir: string;
let file: string;
let bytes: Uint8Array;

/** The stream under `key` of a dictionary, as written (pdf-lib loads streams as raw streams). */
function rawStream(dict: PDFDict, key: string): PDFRawStream {
  const stream = dict.lookup(PDFName.of(key));
  if (!(stream instanceof PDFRawStream)) throw new Error(`${key} is not a stream`);
  return stream;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-pdfa-'));
  const writer = await DocumentWriter.create({
    title: 'Arrêté attributif n° TI-2026-1042-ATT',
    language: 'fr',
    createdAt: CREATED_AT,
    author: 'Préfecture de la région Grand Est',
    subject: 'Subvention « Territoires d’industrie »',
    data: { fileName: 'decision.json', description: 'Les données de la décision', json: DATA },
  });
  writer.title('Arrêté attributif', 'n° TI-2026-1042-ATT');
  for (let index = 0; index < 60; index += 1) writer.paragraph(`Considérant le point ${index + 1} ; il est établi.`);
  writer.paragraph('Pour le préfet de région et par délégation,\nLe secrétaire général\n\nCamille MARTIN', { column: 'right' });
  writer.signatureField('Signature1', 90);
  bytes = await writer.save();
  file = path.join(dir, 'act.pdf');
  writeFileSync(file, bytes);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('documents: PDF/A-3b', () => {
  it('passes qpdf --check with no warning', () => {
    const output = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(output).toContain('No syntax or stream encoding errors found');
    expect(output).not.toMatch(/WARNING/i);
  });

  it('embeds every font as a subset', () => {
    const rows = run('pdffonts', [file]).split('\n').slice(2).filter((line) => line.trim());
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      const columns = row.trim().split(/\s+/);
      // name … emb sub uni object-number generation
      expect(columns[0]).toMatch(/^[A-Z]{6}\+DejaVuSans/);
      expect(columns.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
  });

  it('carries XMP metadata that say PDF/A-3B and repeat the Info dictionary', async () => {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const metadata = rawStream(pdf.catalog, 'Metadata');
    expect(metadata.dict.get(PDFName.of('Filter'))).toBeUndefined();
    const xmp = new TextDecoder().decode(metadata.getContents());
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Arrêté attributif n° TI-2026-1042-ATT</rdf:li>');
    expect(xmp).toContain('<rdf:li>fr-FR</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2026-03-15T10:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2026-03-15T10:00:00Z</xmp:ModifyDate>');
    expect(xmp).toContain('<pdf:Producer>Relais</pdf:Producer>');
    // The packet is well-formed XML: poppler's XMP reader (pdfinfo -meta) gives it back whole.
    expect(run('pdfinfo', ['-meta', file])).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(pdf.getTitle()).toBe('Arrêté attributif n° TI-2026-1042-ATT');
    expect(pdf.getProducer()).toBe('Relais');
    expect(pdf.getCreationDate()?.toISOString()).toBe(CREATED_AT.toISOString());
    expect(pdf.getModificationDate()?.toISOString()).toBe(CREATED_AT.toISOString());
    expect(pdf.getAuthor()).toBe('Préfecture de la région Grand Est');
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>Préfecture de la région Grand Est</rdf:li></rdf:Seq></dc:creator>');
  });

  it('escapes the metadata it writes in XML', () => {
    const xmp = xmpPacket({ title: 'R&D <laser> "2026"', language: 'fr', createdAt: CREATED_AT, author: 'A & B' }, 'fr-FR');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">R&amp;D &lt;laser&gt; &quot;2026&quot;</rdf:li>');
    expect(xmp).toContain('<rdf:li>A &amp; B</rdf:li>');
    // Every element opened is closed, in order.
    const open: string[] = [];
    for (const [, closing, name, selfClosing] of xmp.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (closing) expect(open.pop()).toBe(name);
      else open.push(name!);
    }
    expect(open).toEqual([]);
  });

  it('declares an sRGB output intent with its profile, /Lang fr-FR, /MarkInfo and a trailer /ID', async () => {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const intents = pdf.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(intent.lookup(PDFName.of('OutputConditionIdentifier'), PDFString).decodeText()).toBe('sRGB IEC61966-2.1');
    const profile = rawStream(intent, 'DestOutputProfile');
    expect(profile.dict.get(PDFName.of('N'))?.toString()).toBe('3');
    expect(pdf.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('fr-FR');
    expect(pdf.catalog.lookup(PDFName.of('MarkInfo'), PDFDict)).toBeInstanceOf(PDFDict);
    const trailer = execFileSync('qpdf', ['--show-object=trailer', file], { encoding: 'utf8' });
    expect(trailer).toMatch(/\/ID \[ <([0-9a-f]{32})> <\1> \]/);
  });

  it('attaches the data as an associated file that extracts to the same JSON', async () => {
    expect(run('pdfdetach', ['-list', file])).toContain('1: decision.json');
    const saved = path.join(dir, 'decision.json');
    execFileSync('pdfdetach', ['-save', '1', '-o', saved, file]);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(DATA);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const associated = pdf.catalog.lookup(PDFName.of('AF'), PDFArray);
    expect(associated.size()).toBe(1);
    const spec = associated.lookup(0, PDFDict);
    expect(spec.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Data'));
    const embedded = rawStream(spec.lookup(PDFName.of('EF'), PDFDict), 'F');
    expect(embedded.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('application/json'));
    expect(embedded.dict.lookup(PDFName.of('Params'), PDFDict).get(PDFName.of('ModDate'))).toBeInstanceOf(PDFString);
  });

  it('reserves an empty signature field (no /V, printable widget with an appearance) in the box at the end of the flow', async () => {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const fields = pdf.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
    expect(fields.size()).toBe(1);
    const field = fields.lookup(0, PDFDict);
    expect(field.get(PDFName.of('FT'))).toBe(PDFName.of('Sig'));
    expect(field.get(PDFName.of('V'))).toBeUndefined();
    expect(field.lookup(PDFName.of('T'), PDFString).decodeText()).toBe('Signature1');
    expect(field.get(PDFName.of('F'))?.toString()).toBe('4');
    expect(field.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N'))).toBeDefined();
    const [left, bottom, right, top] = field.lookup(PDFName.of('Rect'), PDFArray).asArray().map((value) => Number(value.toString()));
    expect(top - bottom).toBeCloseTo(90);
    expect(right - left).toBeGreaterThan(200);
    // On the last page, with the signatory's name above it on the same page.
    const lastPage = pdf.getPages()[pdf.getPageCount() - 1]!;
    expect(field.get(PDFName.of('P'))).toBe(lastPage.ref);
    const text = run('pdftotext', ['-f', String(pdf.getPageCount()), file, '-']);
    expect(text).toContain('Camille MARTIN');
  });

  it('never leaves the signature box alone at the top of a page', async () => {
    // Fill the page until the signatory's lines fit at its bottom but the box does not.
    const signaturePages = new Set<number>();
    for (let count = 24; count < 40; count += 1) {
      const writer = await DocumentWriter.create({ title: 'Essai', language: 'fr', createdAt: CREATED_AT });
      for (let index = 0; index < count; index += 1) writer.paragraph(`Ligne ${index + 1}`);
      writer.paragraph('Le préfet de région\nCamille MARTIN', { column: 'right' });
      writer.signatureField('Signature1', 90);
      const pdf = await PDFDocument.load(await writer.save(), { updateMetadata: false });
      const field = pdf.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray).lookup(0, PDFDict);
      const pageIndex = pdf.getPages().findIndex((page) => page.ref === field.get(PDFName.of('P')));
      const out = path.join(dir, `keep-${count}.pdf`);
      writeFileSync(out, await pdf.save());
      const pageText = run('pdftotext', ['-f', String(pageIndex + 1), '-l', String(pageIndex + 1), out, '-']);
      expect(pageText).toContain('Camille MARTIN');
      signaturePages.add(pageIndex);
    }
    // Some of these lengths did push the signatory's lines to the next page with the box.
    expect([...signaturePages].sort()).toEqual([0, 1]);
  });

  it('never leaves a paragraph kept with the next block alone at the bottom of a page', async () => {
    for (let count = 30; count < 40; count += 1) {
      const writer = await DocumentWriter.create({ title: 'Essai', language: 'fr', createdAt: CREATED_AT });
      for (let index = 0; index < count; index += 1) writer.paragraph(`Ligne ${index + 1}`);
      writer.paragraph('ARRÊTE', { bold: true, align: 'center', keepWithNext: true });
      writer.heading('Article 1er', 2);
      writer.paragraph('Une subvention est attribuée.');
      const out = path.join(dir, `kept-${count}.pdf`);
      writeFileSync(out, await writer.save());
      const pages = run('pdftotext', [out, '-']).split('\f');
      const page = pages.findIndex((text) => text.includes('ARRÊTE'));
      expect(pages[page]).toContain('Une subvention est attribuée.');
    }
  });
});
