/**
 * The password-based encryption of PKCS#12 files, modern and legacy: PBES2 (AES, what OpenSSL 3
 * and recent Windows write) through pkijs, and the PKCS#12 PBE schemes of older files
 * (RFC 7292 appendix B: 3DES for keys, 40- or 128-bit RC2 for certificates), which pkijs does
 * not decrypt. RC4 and the PKCS#5 v1 schemes are refused.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { RelaisError } from '../../../shared/errors';
import { ownBuffer } from './bytes';
import { rc2CbcDecrypt } from './rc2';

const PBES2 = '1.2.840.113549.1.5.13';

/** pbeWithSHAAnd… schemes: key length in bytes and how to decrypt with the derived key and IV. */
const LEGACY_SCHEMES: Record<string, { keyLength: number; decrypt: (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => Uint8Array }> = {
  '1.2.840.113549.1.12.1.3': { keyLength: 24, decrypt: (key, iv, data) => decipher('des-ede3-cbc', key, iv, data) },
  '1.2.840.113549.1.12.1.4': { keyLength: 16, decrypt: (key, iv, data) => decipher('des-ede-cbc', key, iv, data) },
  '1.2.840.113549.1.12.1.5': { keyLength: 16, decrypt: (key, iv, data) => rc2CbcDecrypt(key, 128, iv, data) },
  '1.2.840.113549.1.12.1.6': { keyLength: 5, decrypt: (key, iv, data) => rc2CbcDecrypt(key, 40, iv, data) },
};

// RFC 7292 B.3: the purpose byte of the derivation.
const KEY_MATERIAL = 1;
const IV_MATERIAL = 2;
const SHA1_LENGTH = 20;
const SHA1_BLOCK = 64;
const IV_LENGTH = 8;

function decipher(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const cipher = createDecipheriv(name, key, iv);
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()]));
}

/** Decrypts what `algorithm` encrypted with `password`; a wrong password throws (bad padding). */
export async function decryptWithPassword(algorithm: pkijs.AlgorithmIdentifier, encrypted: Uint8Array, password: string): Promise<Uint8Array> {
  if (algorithm.algorithmId === PBES2) {
    const encryptedData = new pkijs.EncryptedData({
      encryptedContentInfo: new pkijs.EncryptedContentInfo({
        contentEncryptionAlgorithm: algorithm,
        encryptedContent: new asn1js.OctetString({ valueHex: ownBuffer(encrypted) }),
      }),
    });
    return new Uint8Array(await encryptedData.decrypt({ password: ownBuffer(new TextEncoder().encode(password)).buffer }));
  }
  const scheme = LEGACY_SCHEMES[algorithm.algorithmId];
  if (!scheme) throw new RelaisError('p12_legacy_encryption');
  // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
  const [salt, iterations] = (algorithm.algorithmParams as asn1js.Sequence).valueBlock.value as [asn1js.OctetString, asn1js.Integer];
  const derive = (purpose: number, length: number) => pkcs12Kdf(password, salt.valueBlock.valueHexView, iterations.valueBlock.valueDec, purpose, length);
  return scheme.decrypt(derive(KEY_MATERIAL, scheme.keyLength), derive(IV_MATERIAL, IV_LENGTH), encrypted);
}

/** RFC 7292 B.2 with SHA-1: the password as a BMPString with its two-byte terminator, salted and iterated. */
function pkcs12Kdf(password: string, salt: Uint8Array, iterations: number, purpose: number, length: number): Uint8Array {
  const bmp = Buffer.alloc(2 * password.length + 2);
  for (let i = 0; i < password.length; i++) bmp.writeUInt16BE(password.charCodeAt(i), 2 * i);
  const repeatToBlocks = (bytes: Uint8Array) => {
    const out = new Uint8Array(SHA1_BLOCK * Math.ceil(bytes.length / SHA1_BLOCK));
    for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length]!;
    return out;
  };
  const diversifier = new Uint8Array(SHA1_BLOCK).fill(purpose);
  const input = Buffer.concat([repeatToBlocks(salt), repeatToBlocks(bmp)]);
  const output = new Uint8Array(length);
  for (let produced = 0; produced < length; produced += SHA1_LENGTH) {
    let a: Uint8Array = createHash('sha1').update(diversifier).update(input).digest();
    for (let round = 1; round < iterations; round++) a = createHash('sha1').update(a).digest();
    output.set(a.subarray(0, Math.min(SHA1_LENGTH, length - produced)), produced);
    // Each 64-byte block of the input becomes (block + B + 1) mod 2^512, B being A repeated.
    const b = repeatToBlocks(a);
    for (let offset = 0; offset < input.length; offset += SHA1_BLOCK) {
      let carry = 1;
      for (let i = SHA1_BLOCK - 1; i >= 0; i--) {
        const sum = input[offset + i]! + b[i]! + carry;
        input[offset + i] = sum & 0xff;
        carry = sum >>> 8;
      }
    }
  }
  return output;
}
