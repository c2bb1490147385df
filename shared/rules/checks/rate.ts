/** A share as a percentage with two decimals, rounded so that it never hides which side of a ceiling it is. */
export function ratePercent(partCents: number, wholeCents: number, above: boolean): number {
  const hundredths = (partCents * 10_000) / wholeCents;
  return (above ? Math.ceil(hundredths) : Math.floor(hundredths)) / 100;
}

/** part ≤ percent % of whole, in integers (no floating-point rounding at the boundary). */
export function withinPercent(partCents: number, wholeCents: number, percent: number): boolean {
  return partCents * 100 <= wholeCents * percent;
}
