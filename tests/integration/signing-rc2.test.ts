/** RC2-CBC decryption against OpenSSL's (legacy provider) as the oracle, at the two strengths PKCS#12 files use. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rc2CbcDecrypt } from '../../electron/core/signing/rc2';

function opensslRc2(cipher: string, key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  return execFileSync('openssl', ['enc', `-${cipher}`, '-K', key.toString('hex'), '-iv', iv.toString('hex'), '-provider', 'legacy', '-provider', 'default'], { input: plain });
}

describe('rc2CbcDecrypt', () => {
  it.each([
    ['rc2-40-cbc', 5, 40],
    ['rc2-cbc', 16, 128],
  ] as const)('reads what openssl %s wrote', (cipher, keyLength, effectiveBits) => {
    for (const length of [0, 1, 7, 8, 9, 100]) {
      const [key, iv, plain] = [randomBytes(keyLength), randomBytes(8), randomBytes(length)];
      const decrypted = rc2CbcDecrypt(key, effectiveBits, iv, opensslRc2(cipher, key, iv, plain));
      expect(Buffer.from(decrypted).equals(plain)).toBe(true);
    }
  });

  it('refuses data that is not whole blocks, or whose padding shows a wrong key', () => {
    // Fixed bytes: with random ones, a wrong key would now and then end on a padding that looks right.
    const [key, iv] = [Buffer.from('0102030405', 'hex'), Buffer.from('0001020304050607', 'hex')];
    const encrypted = opensslRc2('rc2-40-cbc', key, iv, Buffer.from('certificat'));
    expect(() => rc2CbcDecrypt(key, 40, iv, encrypted.subarray(1))).toThrow(/whole blocks/);
    const wrongKey = Buffer.from(key.map((byte) => byte ^ 0xff));
    expect(() => rc2CbcDecrypt(wrongKey, 40, iv, encrypted)).toThrow(/padding/);
  });
});
