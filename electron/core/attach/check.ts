/**
 * Checks the bytes of a file from outside before anything is stored: its name (data, never a
 * path), its size, what it is by its content (never by its name), then, for an image, its pixel
 * count from the header alone, and for a PDF, an inspection in a limited worker. A refusal is a
 * RelaisError with a sentence for the person; nothing is written.
 */
import sharp from 'sharp';
import { MAX_ATTACH_BYTES, type AttachableType, type AttachNotice } from '../../../shared/domain/attached-piece';
import { RelaisError } from '../../../shared/errors';
import type { RegisterBlobArgs } from '../blobs/register';
import { looksLikePdf } from '../pdf/extract-text';
import { MAX_EXPANDED_BYTES } from '../pdf/stream-scan';
import { sniffPhotoType } from '../photos/content-type';
import { displayName } from '../photos/display-name';
import { MAX_PHOTO_PIXELS } from '../photos/import';
import { DEFAULT_INSPECT_LIMITS, inspectPdfInWorker, type InspectLimits } from './inspect-client';

export interface CheckedFile {
  name: string;
  mimeType: AttachableType;
  /** What blob.register records of it (the text of its pages for search). */
  text: Pick<RegisterBlobArgs, 'textStatus' | 'pageCount' | 'pages'>;
  notices: AttachNotice[];
}

const MB = 1024 * 1024;

/** The name as shown; refuses a path, `..` or hidden characters. */
export const attachDisplayName = (raw: string): string => displayName(raw, 'attach_name_invalid');

/** Refuses an empty or oversized file by its size alone (the CLI asks before reading it). */
export function checkSize(name: string, sizeBytes: number): void {
  if (sizeBytes === 0) throw new RelaisError('attach_empty', { name });
  if (sizeBytes > MAX_ATTACH_BYTES) throw new RelaisError('attach_too_large', { name, maxMb: MAX_ATTACH_BYTES / MB });
}

async function checkImage(name: string, bytes: Buffer, mimeType: 'image/jpeg' | 'image/png'): Promise<void> {
  // The header tells the size without decoding a single pixel.
  const metadata = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw new RelaisError('attach_image_damaged', { name });
    });
  if (metadata.format !== (mimeType === 'image/jpeg' ? 'jpeg' : 'png') || !metadata.width || !metadata.height) {
    throw new RelaisError('attach_image_damaged', { name });
  }
  if (metadata.width * metadata.height > MAX_PHOTO_PIXELS) {
    throw new RelaisError('attach_too_many_pixels', { name, maxMegapixels: MAX_PHOTO_PIXELS / 1_000_000 });
  }
}

async function checkPdf(name: string, bytes: Buffer, limits: InspectLimits): Promise<CheckedFile> {
  const inspection = await inspectPdfInWorker(bytes, limits);
  switch (inspection.verdict) {
    case 'bomb':
      throw new RelaisError('attach_pdf_bomb', { name, maxMb: MAX_EXPANDED_BYTES / MB });
    case 'encrypted':
      throw new RelaisError('attach_pdf_encrypted', { name });
    case 'damaged':
      throw new RelaisError('attach_pdf_damaged', { name });
    case 'over_limits':
      throw new RelaisError('attach_too_complex', { name, seconds: Math.round(limits.timeoutMs / 1000) });
  }
  const { pageCount, pages, activeContent } = inspection;
  const notices: AttachNotice[] = [];
  if (activeContent) notices.push('active_content_ignored');
  if (pages.length < pageCount) notices.push('partly_indexed');
  return { name, mimeType: 'application/pdf', text: { textStatus: 'indexed', pageCount, pages }, notices };
}

export async function checkAttachment(rawName: string, bytes: Buffer, limits: InspectLimits = DEFAULT_INSPECT_LIMITS): Promise<CheckedFile> {
  const name = attachDisplayName(rawName);
  checkSize(name, bytes.byteLength);
  const image = sniffPhotoType(bytes);
  if (image) {
    await checkImage(name, bytes, image);
    return { name, mimeType: image, text: { textStatus: 'not_pdf', pageCount: null, pages: [] }, notices: [] };
  }
  if (looksLikePdf(bytes)) return checkPdf(name, bytes, limits);
  throw new RelaisError('attach_type_unsupported', { name });
}
