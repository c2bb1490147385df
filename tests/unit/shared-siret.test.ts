import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret, sirenOf, withLuhnKey } from '../../shared/domain/siret';

describe('SIRET and SIREN', () => {
  it.each([
    ['73282932000074', true], // a well-known valid SIRET (Luhn)
    ['73282932000075', false], // last digit changed
    ['35600000000048', true], // La Poste head office: Luhn-valid
    ['35600000000088', true], // La Poste establishment: not Luhn-valid, digit sum 30 is a multiple of 5
    ['35600000000087', false], // La Poste, neither Luhn nor a digit sum multiple of 5
    ['12300000000088', false], // the digit-sum rule is La Poste's only
    ['35600000049837', true], // La Poste establishment, digit sum 45
    ['35600000049838', false], // La Poste, digit sum 46
    ['7328293200007', false], // 13 digits
    ['7328293200007A', false], // not digits
    ['', false],
  ])('isValidSiret(%s) is %s', (siret, expected) => {
    expect(isValidSiret(siret)).toBe(expected);
  });

  it.each([
    ['732829320', true],
    ['732829321', false],
    ['356000000', true],
    ['12345678', false],
  ])('isValidSiren(%s) is %s', (siren, expected) => {
    expect(isValidSiren(siren)).toBe(expected);
  });

  it('completes any 13-digit prefix into a valid SIRET whose SIREN is its first nine digits', () => {
    for (const prefix of ['7328293200007', '1234567890123', '0000000000000', '9999999999999']) {
      const siret = withLuhnKey(prefix);
      expect(siret.startsWith(prefix)).toBe(true);
      expect(isValidSiret(siret)).toBe(true);
      expect(sirenOf(siret)).toBe(prefix.slice(0, 9));
    }
  });
});
