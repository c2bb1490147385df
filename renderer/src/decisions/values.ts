/** How the editor's fields write the content's values as text and read them back. */
import { parseEurosToCents, centsToEuroText } from '../instruction/euros';

export { centsToEuroText, parseEurosToCents };

/** One entry per line; blank lines are dropped. */
export const formatLines = (lines: string[]) => lines.join('\n');
export const parseLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A rate in hundredths of a percent (2 500 = 25 %) as typed: "25", "12,5", "12.75". */
export function parsePercentToBasisPoints(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f%]/g, ''));
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return basisPoints >= 1 && basisPoints <= 10_000 ? basisPoints : null;
}

export function basisPointsToPercentText(basisPoints: number, language: 'fr' | 'en'): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  if (rest === 0) return String(whole);
  return `${whole}${language === 'fr' ? ',' : '.'}${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/** The grant the rate gives on the eligible expenditure, rounded down to the cent (aid never rounds up). */
export const computedAmountCents = (eligibleCents: number, basisPoints: number) => Math.floor((eligibleCents * basisPoints) / 10_000);

/** A whole number of months, 1 to 24, as typed. */
export function parseMonths(text: string): number | null {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const months = Number(text.trim());
  return months >= 1 && months <= 24 ? months : null;
}
