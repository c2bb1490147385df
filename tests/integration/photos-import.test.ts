/**
 * Photo import on real images made with sharp: only the date taken and the GPS position survive,
 * the orientation is applied to the pixels, PNG text chunks go, and every bad input is refused
 * with its own error.
 */
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { photoDisplayName } from '../../electron/core/photos/display-name';
import { preparePhoto, THUMBNAIL_SIZE } from '../../electron/core/photos/import';
import { MAX_PHOTO_BYTES } from '../../shared/domain/visit';
import { RelaisError } from '../../shared/errors';
import { cameraJpeg, GPS, IDENTIFYING_TAGS, pngChunkTypes, pngWithText } from './fixtures/photos';

async function refusal(bytes: Buffer, name: string): Promise<RelaisError> {
  const error = await preparePhoto(bytes, name).then(
    () => new Error('expected a refusal'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof RelaisError)) throw error;
  return error;
}

async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + 3)];
}

describe('a JPEG from a camera', () => {
  it('keeps the date taken and the GPS position, and nothing that identifies the camera or its owner', async () => {
    const photo = await preparePhoto(await cameraJpeg(), 'IMG_0042.JPG');
    expect(photo).toMatchObject({ name: 'IMG_0042.JPG', mimeType: 'image/jpeg', takenAt: '2026-03-10T14:22:01' });
    expect(photo.gps?.latitude).toBeCloseTo(GPS.latitude, 6);
    expect(photo.gps?.longitude).toBeCloseTo(GPS.longitude, 6);
    expect(photo.gps?.altitude).toBeCloseTo(GPS.altitude, 2);

    const { exif, orientation, icc, xmp, iptc } = await sharp(photo.bytes).metadata();
    expect({ icc, xmp, iptc }).toEqual({ icc: undefined, xmp: undefined, iptc: undefined });
    expect(orientation ?? 1).toBe(1);
    const tags = exifReader(exif!);
    expect(tags.Photo?.DateTimeOriginal?.toISOString()).toBe('2026-03-10T14:22:01.000Z');
    expect(tags.Photo?.OffsetTimeOriginal).toBe('+01:00');
    expect(tags.GPSInfo).toMatchObject({ GPSLatitudeRef: 'N', GPSLatitude: [48, 10, 30], GPSLongitudeRef: 'E', GPSLongitude: [6, 27, 0], GPSAltitude: 342.5 });
    for (const [ifd, names] of [['Image', Object.keys(IDENTIFYING_TAGS.IFD0)], ['Photo', Object.keys(IDENTIFYING_TAGS.IFD2)]] as const) {
      for (const name of names) expect(tags[ifd]?.[name], `${ifd}.${name}`).toBeUndefined();
    }
    // Nor anywhere else in the file (comments, maker notes, embedded thumbnails).
    for (const text of ['Canon', 'Jean Photographe', 'Fonderie Martin', '0123456789', 'laptop-jean']) {
      expect(photo.bytes.includes(Buffer.from(text, 'latin1')), text).toBe(false);
    }
  });

  it('is turned upright as its orientation says', async () => {
    const photo = await preparePhoto(await cameraJpeg({ orientation: 6 }), 'portrait.jpg');
    expect([photo.width, photo.height]).toEqual([40, 60]);
    const [top, bottom] = [await pixel(photo.bytes, 20, 5), await pixel(photo.bytes, 20, 55)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it('without date or position keeps neither, and still imports', async () => {
    const photo = await preparePhoto(await cameraJpeg({ gps: false, date: false }), 'sans-exif.jpg');
    // The camera's DateTime (last change) stands in for the date taken when that one is missing.
    expect(photo.takenAt).toBe('2026-03-12T09:00:00');
    expect(photo.gps).toBeNull();
    const tags = exifReader((await sharp(photo.bytes).metadata()).exif!);
    expect(tags.GPSInfo).toBeUndefined();
  });

  it('gets a JPEG thumbnail no larger than the grid needs, without metadata', async () => {
    const big = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#336699' } })
      .withExif({ IFD0: { Make: 'Canon' } })
      .jpeg()
      .toBuffer();
    const photo = await preparePhoto(big, 'grand.jpg');
    const thumbnail = await sharp(photo.thumbnail).metadata();
    expect(thumbnail.format).toBe('jpeg');
    expect(Math.max(thumbnail.width!, thumbnail.height!)).toBe(THUMBNAIL_SIZE);
    expect(thumbnail.exif).toBeUndefined();
  });
});

describe('a PNG', () => {
  it('loses its text chunks (author, comments, descriptions) and keeps its pixels', async () => {
    const source = await pngWithText();
    expect(pngChunkTypes(source)).toEqual(expect.arrayContaining(['tEXt', 'zTXt', 'iTXt']));
    const photo = await preparePhoto(source, 'plan.png');
    expect(photo.mimeType).toBe('image/png');
    expect(pngChunkTypes(photo.bytes).filter((type) => /^(tEXt|zTXt|iTXt|eXIf|tIME)$/.test(type))).toEqual([]);
    expect(photo.bytes.includes(Buffer.from('Jean Photographe'))).toBe(false);
    expect([photo.width, photo.height]).toEqual([32, 24]);
  });

  it('with EXIF (an eXIf chunk) keeps only the date taken and the GPS position', async () => {
    const source = await sharp(await pngWithText())
      .withExif({
        IFD0: { Make: 'Canon', Artist: 'Jean Photographe' },
        IFD2: { DateTimeOriginal: '2026:03:10 14:22:01' },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '12/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '45/1 0/1 0/1' },
      })
      .png()
      .toBuffer();
    const photo = await preparePhoto(source, 'scan.png');
    expect(photo.takenAt).toBe('2026-03-10T14:22:01');
    expect(photo.gps).toEqual({ latitude: -12.5, longitude: -45, altitude: null });
    const tags = exifReader((await sharp(photo.bytes).metadata()).exif!);
    expect(tags.GPSInfo).toMatchObject({ GPSLatitudeRef: 'S', GPSLatitude: [12, 30, 0], GPSLongitudeRef: 'W', GPSLongitude: [45, 0, 0] });
    expect(tags.Image?.Make).toBeUndefined();
    expect(photo.bytes.includes(Buffer.from('Jean Photographe'))).toBe(false);
  });
});

describe('bad inputs, each refused with its own error', () => {
  const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
  const cases: Array<{ what: string; bytes: () => Promise<Buffer> | Buffer; name?: string; code: string }> = [
    { what: 'an empty file', bytes: () => Buffer.alloc(0), code: 'photo_empty' },
    { what: 'a PDF named .jpg', bytes: () => Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), code: 'photo_not_image' },
    { what: 'a text file named .png', bytes: () => Buffer.from('hello, not a picture'), name: 'photo.png', code: 'photo_not_image' },
    { what: 'a GIF', bytes: () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer(), code: 'photo_not_image' },
    { what: 'a JPEG cut in half', bytes: async () => (await cameraJpeg()).subarray(0, 400), code: 'photo_damaged' },
    { what: 'JPEG bytes after a JPEG signature only', bytes: () => Buffer.concat([jpegStart, Buffer.alloc(2000, 7)]), code: 'photo_damaged' },
    { what: 'a 50 MB image', bytes: () => Buffer.concat([jpegStart, Buffer.alloc(50 * 1024 * 1024)]), code: 'photo_too_large' },
    { what: 'a photo one byte over the limit', bytes: () => Buffer.concat([jpegStart, Buffer.alloc(MAX_PHOTO_BYTES - 3)]), code: 'photo_too_large' },
    { what: 'a name with a slash', bytes: () => cameraJpeg(), name: 'photos/site.jpg', code: 'photo_name_invalid' },
    { what: 'a name with a backslash', bytes: () => cameraJpeg(), name: 'C:\\Users\\jean\\site.jpg', code: 'photo_name_invalid' },
    { what: 'a name climbing folders', bytes: () => cameraJpeg(), name: '../../etc/passwd', code: 'photo_name_invalid' },
    { what: 'a name that is ..', bytes: () => cameraJpeg(), name: '..', code: 'photo_name_invalid' },
    { what: 'a name with a NUL', bytes: () => cameraJpeg(), name: 'site.jpg\u0000.exe', code: 'photo_name_invalid' },
    { what: 'a name hiding its extension', bytes: () => cameraJpeg(), name: 'photo\u202egpj.exe', code: 'photo_name_invalid' },
    { what: 'an empty name', bytes: () => cameraJpeg(), name: '   ', code: 'photo_name_invalid' },
  ];
  it.each(cases)('$what: $code', async ({ bytes, name = 'photo.jpg', code }) => {
    const error = await refusal(await bytes(), name);
    expect(error.code).toBe(code);
  });

  it('names the file and the limit in a refusal', async () => {
    const error = await refusal(Buffer.concat([jpegStart, Buffer.alloc(50 * 1024 * 1024)]), 'drone.jpg');
    expect(error.params).toEqual({ name: 'drone.jpg', maxMb: 25 });
  });

  it('refuses a small file that would decode into too many pixels', async () => {
    const bomb = await sharp({ create: { width: 12_000, height: 9_000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.byteLength).toBeLessThan(MAX_PHOTO_BYTES);
    expect((await refusal(bomb, 'bombe.png')).code).toBe('photo_too_many_pixels');
  });
});

describe('display names', () => {
  it.each([
    ['  Façade   nord.JPG ', 'Façade nord.JPG'],
    ['e\u0301tat.png', 'état.png'],
    [`${'a'.repeat(200)}.jpeg`, `${'a'.repeat(114)}….jpeg`],
  ])('%j is shown as %j', (raw, shown) => {
    expect(photoDisplayName(raw)).toBe(shown);
  });
});
