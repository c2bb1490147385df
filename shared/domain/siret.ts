/** SIREN/SIRET checks (INSEE): Luhn key, with La Poste's establishments as the one exception. */

const LA_POSTE_SIREN = '356000000';

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhnSum(siren) % 10 === 0;
}

export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (luhnSum(siret) % 10 === 0) return true;
  if (!siret.startsWith(LA_POSTE_SIREN)) return false;
  // La Poste has more establishments than Luhn keys allow: theirs pass when the digit sum is a multiple of 5.
  let digitSum = 0;
  for (const c of siret) digitSum += c.charCodeAt(0) - 48;
  return digitSum % 5 === 0;
}

export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}

/** Completes a 13-digit prefix with the digit that makes a valid (non-La Poste) SIRET. */
export function withLuhnKey(prefix13: string): string {
  for (let key = 0; key <= 9; key++) {
    const candidate = prefix13 + key;
    if (luhnSum(candidate) % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one Luhn key always exists');
}
