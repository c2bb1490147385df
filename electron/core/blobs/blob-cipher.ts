/**
 * A blob file's sealing: AES-256-GCM with a random 96-bit nonce per file, so the same bytes never
 * give the same file twice, and any change to a file (or a file moved under another name: the
 * name is authenticated data) is refused on reading.
 * Layout: "RLB" 0x01 | nonce (12 bytes) | ciphertext | tag (16 bytes).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from([0x52, 0x4c, 0x42, 0x01]);
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** What sealing adds to a file's size. */
export const SEALED_OVERHEAD_BYTES = MAGIC.length + NONCE_BYTES + TAG_BYTES;

/** Its own key, derived from the case file's: the two ciphers never share a key. */
export function blobKeyFrom(caseFileKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', caseFileKey, Buffer.alloc(0), 'relais blobs v1', 32));
}

export function sealBlob(blobKey: Buffer, sha256: string, bytes: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', blobKey, nonce);
  cipher.setAAD(Buffer.from(sha256, 'latin1'));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, body, cipher.getAuthTag()]);
}

/** The plain bytes, or null when the file is not a blob sealed under this key and name. */
export function openBlob(blobKey: Buffer, sha256: string, sealed: Buffer): Buffer | null {
  if (sealed.byteLength < SEALED_OVERHEAD_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const nonce = sealed.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
  const tag = sealed.subarray(sealed.byteLength - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', blobKey, nonce);
  decipher.setAAD(Buffer.from(sha256, 'latin1'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(MAGIC.length + NONCE_BYTES, sealed.byteLength - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
