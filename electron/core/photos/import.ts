/**
 * Turns the bytes of a photo chosen on disk into what a visit report stores: checked by content
 * (signature, then a full decode), turned upright, re-encoded without any metadata but the date
 * taken and the GPS position, and a thumbnail. Nothing is stored here: a refusal leaves no trace.
 */
import sharp from 'sharp';
import { MAX_PHOTO_BYTES, type GpsPosition, type PhotoMimeType } from '../../../shared/domain/visit';
import { RelaisError } from '../../../shared/errors';
import { sniffPhotoType } from './content-type';
import { photoDisplayName } from './display-name';
import { exifToWrite, readKeptMetadata } from './exif';

/** Beyond this many pixels a small file can still take gigabytes to decode (a decompression bomb). */
export const MAX_PHOTO_PIXELS = 100_000_000;
/** The longest side of a thumbnail, in pixels: a grid cell on a high-density screen. */
export const THUMBNAIL_SIZE = 400;

export interface PreparedPhoto {
  name: string;
  mimeType: PhotoMimeType;
  bytes: Buffer;
  width: number;
  height: number;
  thumbnail: Buffer;
  takenAt: string | null;
  gps: GpsPosition | null;
}

const FORMAT_OF: Record<PhotoMimeType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png' };

export async function preparePhoto(raw: Buffer, fileName: string): Promise<PreparedPhoto> {
  const name = photoDisplayName(fileName);
  if (raw.byteLength === 0) throw new RelaisError('photo_empty', { name });
  if (raw.byteLength > MAX_PHOTO_BYTES) throw new RelaisError('photo_too_large', { name, maxMb: MAX_PHOTO_BYTES / (1024 * 1024) });
  const mimeType = sniffPhotoType(raw);
  if (!mimeType) throw new RelaisError('photo_not_image', { name });

  // The header alone tells the size; the pixel limit guards the full decode below.
  const metadata = await sharp(raw, { failOn: 'error', limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw new RelaisError('photo_damaged', { name });
    });
  if (metadata.format !== FORMAT_OF[mimeType] || !metadata.width || !metadata.height) throw new RelaisError('photo_damaged', { name });
  if (metadata.width * metadata.height > MAX_PHOTO_PIXELS) {
    throw new RelaisError('photo_too_many_pixels', { name, maxMegapixels: MAX_PHOTO_PIXELS / 1_000_000 });
  }

  const kept = readKeptMetadata(metadata.exif);
  const exif = exifToWrite(kept);
  // rotate() applies the EXIF orientation to the pixels; without keepMetadata() sharp writes none.
  let pipeline = sharp(raw, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS }).rotate();
  if (exif) pipeline = pipeline.withExif(exif);
  pipeline = mimeType === 'image/jpeg' ? pipeline.jpeg({ quality: 92 }) : pipeline.png();
  const cleaned = await pipeline.toBuffer({ resolveWithObject: true }).catch(() => {
    throw new RelaisError('photo_damaged', { name });
  });
  const thumbnail = await sharp(cleaned.data)
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80 })
    .toBuffer();
  return {
    name,
    mimeType,
    bytes: cleaned.data,
    width: cleaned.info.width,
    height: cleaned.info.height,
    thumbnail,
    takenAt: kept.takenAt,
    gps: kept.gps,
  };
}
