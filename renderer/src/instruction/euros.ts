/** Amounts typed in euros, French or English style ("12 500,50", "12,500.50", "12500"), to cents. */
export function parseEurosToCents(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  // The last separator followed by one or two digits is the decimal one; any other is grouping.
  const match = /^(\d{1,3}(?:[.,]?\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const whole = Number(match[1]!.replace(/[.,]/g, ''));
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  const total = whole * 100 + cents;
  return Number.isSafeInteger(total) ? total : null;
}

/** Cents as the field shows them: no grouping, a decimal comma or point only when there are cents. */
export function centsToEuroText(cents: number, language: 'fr' | 'en'): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(whole) : `${whole}${language === 'fr' ? ',' : '.'}${String(rest).padStart(2, '0')}`;
}
