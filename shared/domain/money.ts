/** Money is held in integer euro cents everywhere; these helpers only format and convert. */
import { LOCALES, type Language } from '../contract';

// Building an Intl formatter costs far more than formatting: one per locale and shape, made once.
const euroFormats = new Map<string, Intl.NumberFormat>();

function euroFormat(language: Language, wholeEuros: boolean): Intl.NumberFormat {
  const key = `${language}:${wholeEuros}`;
  let format = euroFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: wholeEuros ? 0 : 2,
      maximumFractionDigits: 2,
    });
    euroFormats.set(key, format);
  }
  return format;
}

export function formatEuros(cents: number, language: Language = 'fr'): string {
  return euroFormat(language, cents % 100 === 0).format(cents / 100);
}

export function eurosToCents(euros: number): number {
  return Math.round(euros * 100);
}

/** A share of an amount, rounded down to the cent (aid ceilings never round up). */
export function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent) / 100);
}
