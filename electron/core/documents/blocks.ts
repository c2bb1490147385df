/**
 * A document as data: its metadata and the blocks it is made of, in order. DocumentWriter
 * records them; the document worker lays them out (render.ts), off the main thread.
 */
import type { Language } from '../../../shared/contract';

export interface DocumentMeta {
  title: string;
  language: Language;
  /** The moment written as the PDF's creation date (an injected clock keeps output reproducible). */
  createdAt: Date;
  author?: string;
  subject?: string;
  /** Data attached to the PDF as a JSON file (an associated file of the whole document). */
  data?: DocumentData;
}

export interface DocumentData {
  fileName: string;
  description: string;
  json: unknown;
}

export interface ParagraphOptions {
  muted?: boolean;
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Laid out in the right half of the page, where the signature goes. */
  column?: 'right';
  /** Never the last thing on a page: it moves to the next with the start of what follows (« ARRÊTE »). */
  keepWithNext?: boolean;
}

export interface Fact {
  label: string;
  value: string;
}

export interface TableColumn {
  header: string;
  /** Share of the text width, relative to the other columns. */
  weight: number;
  align?: 'left' | 'right';
}

export interface ImageOptions {
  caption?: string;
  /** Highest height in points (the image is scaled down, never up). */
  maxHeight?: number;
}

export type DocumentBlock =
  | { kind: 'title'; text: string; subtitle?: string }
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | ({ kind: 'paragraph'; text: string } & ParagraphOptions)
  | { kind: 'facts'; facts: readonly Fact[] }
  | { kind: 'table'; columns: readonly TableColumn[]; rows: readonly (readonly string[])[] }
  | { kind: 'image'; bytes: Uint8Array; options: ImageOptions }
  | { kind: 'pageBreak' }
  | { kind: 'signatureField'; name: string; height: number };

export type ImageType = 'png' | 'jpeg';

export const NOT_AN_IMAGE = 'the image is neither a JPEG nor a PNG';

/** What the bytes of an image are, by their signature; null when neither a PNG nor a JPEG. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}
