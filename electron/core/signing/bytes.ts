/** Byte helpers for the crypto libraries, whose types want an ArrayBuffer-backed view. */

/** A copy of `bytes` in its own ArrayBuffer (never a SharedArrayBuffer, never a larger pool). */
export function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}
