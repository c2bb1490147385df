/** What a photo really is, told by its first bytes: a name or a declared type proves nothing. */
import type { PhotoMimeType } from '../../../shared/domain/visit';

const SIGNATURES: ReadonlyArray<{ mimeType: PhotoMimeType; magic: readonly number[] }> = [
  { mimeType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { mimeType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The photo type the bytes start with, or null for anything else. */
export function sniffPhotoType(bytes: Uint8Array): PhotoMimeType | null {
  const match = SIGNATURES.find(({ magic }) => bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte));
  return match?.mimeType ?? null;
}
