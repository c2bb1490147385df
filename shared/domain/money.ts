/** Money is held in integer euro cents everywhere; these helpers only format and convert. */

export function formatEuros(cents: number, locale: 'fr' | 'en' = 'fr'): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

export function eurosToCents(euros: number): number {
  return Math.round(euros * 100);
}

/** A share of an amount, rounded down to the cent (aid ceilings never round up). */
export function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent) / 100);
}
