/** The hub's secrets: enrolment codes a person can type, device tokens, and the hashes stored in their place. */
import { describe, expect, it } from 'vitest';
import { DEVICE_TOKEN_PATTERN, newDeviceToken, newEnrolmentCode, secretHash } from '../../server/users/secrets';
import { EnrolmentCode } from '../../shared/sync/protocol';

describe('hub secrets', () => {
  it('makes enrolment codes of 20 Crockford characters (100 bits) that the protocol accepts, typed in any case', () => {
    const codes = Array.from({ length: 500 }, newEnrolmentCode);
    for (const code of codes) {
      expect(EnrolmentCode.parse(code)).toBe(code);
      expect(EnrolmentCode.parse(` ${code.toLowerCase()} `)).toBe(code);
      expect(code).not.toMatch(/[ILOU]/);
    }
    expect(new Set(codes).size).toBe(codes.length);
    // Every one of the 32 characters turns up: the draw covers the whole alphabet.
    expect(new Set(codes.join('').replaceAll('-', '')).size).toBe(32);
  });

  it('makes device tokens of 256 bits in base64url, and stores a SHA-256 that does not contain them', () => {
    const token = newDeviceToken();
    expect(token).toMatch(DEVICE_TOKEN_PATTERN);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newDeviceToken()).not.toBe(token);
    expect(secretHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash(token)).not.toContain(token);
  });
});
