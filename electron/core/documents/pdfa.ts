/**
 * What makes a PDF Relais writes a PDF/A-3b document (ISO 19005-3), fit for archiving: XMP
 * metadata that repeat the Info dictionary, an sRGB output intent with its embedded profile, a
 * trailer /ID, and the document's data attached as an associated file. The fonts are embedded
 * and subset by fonts.ts; the language (/Lang) is set with the title.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AFRelationship, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { resourcesDir } from '../reference/paths';
import type { DocumentMeta } from './blocks';

export const PRODUCER = 'Relais';
const SRGB_PROFILE = 'sRGB IEC61966-2.1';

let iccProfile: Uint8Array | null = null;

function srgbProfile(): Uint8Array {
  iccProfile ??= readFileSync(path.join(resourcesDir(), 'icc', 'sRGB.icc'));
  return iccProfile;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XMP's date, the same instant as the Info dictionary's D:YYYYMMDDHHmmSSZ. */
function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The XMP packet: each property repeats its Info entry, as PDF/A requires. */
export function xmpPacket(meta: DocumentMeta, language: string): string {
  const date = xmpDate(meta.createdAt);
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(meta.title)}</dc:title>`,
    meta.author ? `<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    meta.subject ? `<dc:description>${alt(meta.subject)}</dc:description>` : '',
    `<dc:language><rdf:Bag><rdf:li>${language}</rdf:li></rdf:Bag></dc:language>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * A document's identifier, from what it is made of: the same document laid out twice gets the
 * same /ID (output stays reproducible), two different documents get different ones.
 */
export function documentId(meta: DocumentMeta, blocks: readonly unknown[]): string {
  const hash = createHash('sha256');
  // Image bytes are hashed as bytes, not as JSON arrays of numbers.
  const replacer = (_key: string, value: unknown) =>
    value instanceof Uint8Array ? createHash('sha256').update(value).digest('hex') : value;
  hash.update(JSON.stringify({ meta, blocks }, replacer));
  return hash.digest('hex').slice(0, 32);
}

/** The six capital letters that mark a font as a subset (ISO 32000 9.6.4), distinct per document and font. */
export function subsetTag(id: string, fontName: string): string {
  const digest = createHash('sha256').update(`${id}:${fontName}`).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/** Info dictionary, XMP, output intent, /MarkInfo and /ID. */
export function makeArchival(doc: PDFDocument, meta: DocumentMeta, language: string, id: string): void {
  const { context, catalog } = doc;
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setLanguage(language);
  doc.setCreator(PRODUCER);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);

  // The metadata stream stays uncompressed: PDF/A wants it readable without a filter.
  const metadata = context.stream(new TextEncoder().encode(xmpPacket(meta, language)), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const profile = context.flateStream(srgbProfile(), { N: 3 });
  const outputIntent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB_PROFILE),
    Info: PDFString.of(SRGB_PROFILE),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: context.register(profile),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(outputIntent)]));
  // The pages are not tagged (PDF/A-3b, not 3a): the catalog says so rather than claim a structure.
  catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: false }));

  const fileId = PDFHexString.of(id);
  context.trailerInfo.ID = context.obj([fileId, fileId]);
}

/** The document's data as `fileName`, an associated file of the whole document (/AF, /AFRelationship /Data). */
export async function attachData(doc: PDFDocument, meta: DocumentMeta): Promise<void> {
  if (!meta.data) return;
  await doc.attach(new TextEncoder().encode(`${JSON.stringify(meta.data.json, null, 2)}\n`), meta.data.fileName, {
    mimeType: 'application/json',
    description: meta.data.description,
    creationDate: meta.createdAt,
    modificationDate: meta.createdAt,
    afRelationship: AFRelationship.Data,
  });
}
