/**
 * The only metadata a visit photo keeps: when it was taken and where. Everything else a camera
 * or phone writes (make, model, serial numbers, owner, software, thumbnails, maker notes) goes.
 */
import exifReader from 'exif-reader';
import type { Exif } from 'sharp';
import type { GpsPosition } from '../../../shared/domain/visit';

export interface KeptMetadata {
  /** The camera's local time, YYYY-MM-DDTHH:mm:ss (EXIF records no zone unless OffsetTime is set). */
  takenAt: string | null;
  /** The camera's UTC offset at that time (e.g. "+02:00"), when it recorded one. */
  offset: string | null;
  gps: GpsPosition | null;
}

export const NOTHING_KEPT: KeptMetadata = { takenAt: null, offset: null, gps: null };

/** Reads the date taken and the GPS position; an unreadable EXIF block keeps nothing. */
export function readKeptMetadata(exif: Buffer | undefined): KeptMetadata {
  if (!exif) return NOTHING_KEPT;
  let tags: exifReader.Exif;
  try {
    tags = exifReader(exif);
  } catch {
    return NOTHING_KEPT;
  }
  const taken = tags.Photo?.DateTimeOriginal ?? tags.Photo?.DateTimeDigitized ?? tags.Image?.DateTime;
  const offset = tags.Photo?.OffsetTimeOriginal;
  return {
    takenAt: wallClock(taken),
    offset: typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : null,
    gps: gpsPosition(tags.GPSInfo),
  };
}

// exif-reader reads the camera's wall-clock time as if it were UTC: its UTC fields are that time.
function wallClock(date: unknown): string | null {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 19);
}

function degrees(dms: unknown, ref: unknown, negativeRef: string, max: number): number | null {
  if (!Array.isArray(dms) || dms.length !== 3 || !dms.every((part) => typeof part === 'number' && Number.isFinite(part))) return null;
  const [d, m, s] = dms as number[];
  const value = (d + m / 60 + s / 3600) * (ref === negativeRef ? -1 : 1);
  return Math.abs(value) <= max ? value : null;
}

function gpsPosition(gps: exifReader.Exif['GPSInfo']): GpsPosition | null {
  if (!gps) return null;
  const latitude = degrees(gps.GPSLatitude, gps.GPSLatitudeRef, 'S', 90);
  const longitude = degrees(gps.GPSLongitude, gps.GPSLongitudeRef, 'W', 180);
  if (latitude === null || longitude === null) return null;
  const altitude = typeof gps.GPSAltitude === 'number' && Number.isFinite(gps.GPSAltitude) ? gps.GPSAltitude * (gps.GPSAltitudeRef === 1 ? -1 : 1) : null;
  return { latitude, longitude, altitude };
}

/** The EXIF tags to write back into the cleaned image (sharp's withExif), or null when none. */
export function exifToWrite(kept: KeptMetadata): Exif | null {
  const exif: Exif = {};
  if (kept.takenAt) {
    const stamp = kept.takenAt.replace(/^(\d{4})-(\d{2})-(\d{2})T/, '$1:$2:$3 ');
    exif.IFD2 = { DateTimeOriginal: stamp, ...(kept.offset ? { OffsetTimeOriginal: kept.offset } : {}) };
  }
  if (kept.gps) {
    const { latitude, longitude, altitude } = kept.gps;
    exif.IFD3 = {
      GPSLatitudeRef: latitude < 0 ? 'S' : 'N',
      GPSLatitude: rationalDms(latitude),
      GPSLongitudeRef: longitude < 0 ? 'W' : 'E',
      GPSLongitude: rationalDms(longitude),
      ...(altitude === null ? {} : { GPSAltitudeRef: altitude < 0 ? '1' : '0', GPSAltitude: `${Math.round(Math.abs(altitude) * 100)}/100` }),
    };
  }
  return Object.keys(exif).length > 0 ? exif : null;
}

/** Degrees, minutes and seconds as EXIF rationals ("48/1 10/1 305000/10000"). */
function rationalDms(value: number): string {
  const total = Math.round(Math.abs(value) * 3600 * 10_000);
  const d = Math.floor(total / (3600 * 10_000));
  const m = Math.floor((total - d * 3600 * 10_000) / (60 * 10_000));
  const s = total - d * 3600 * 10_000 - m * 60 * 10_000;
  return `${d}/1 ${m}/1 ${s}/10000`;
}
