/**
 * French typography for printed documents: a narrow no-break space (U+202F) before ; : ! ? and
 * », and after «, so that a line never starts with the sign; amounts typed with ordinary spaces
 * are held together as Intl writes them (formatEuros): U+202F between thousands, U+00A0 before €,
 * U+202F before %. A number stays with what announces it: « n° 1042 », « SIRET 732… », « L. 211-5 », « art. 8 ».
 */

export const NARROW_NBSP = '\u202F';
export const NBSP = '\u00A0';

// A sign is punctuation only when a space, a line end or other punctuation follows it: the colon
// of 10:30 or https://, the question mark of a URL query are left alone.
const HIGH_SIGN = /(?<=[^ \u00A0\u202F\n;:!?«])[ \u00A0\u202F]*([;:!?])(?=[ \u00A0\u202F\n.,)»;:!?]|$)/g;
const CLOSING_QUOTE = /(?<=[^ \u00A0\u202F\n])[ \u00A0\u202F]*»/g;
const OPENING_QUOTE = /«[ \u00A0\u202F]*(?=[^ \u00A0\u202F\n])/g;
const THOUSANDS = /(\d) (?=\d{3}(?!\d))/g;
const BEFORE_EURO = /(\d) €/g;
const BEFORE_PERCENT = /(\d) %/g;
const NUMBER_LABEL = /\b(n°|SIRET|SIREN) (?=\S)/g;
// The articles of the codes (L. 211-5, R. 421-1, D. 1) and « art. 8 ».
const ARTICLE_ABBREVIATION = /\b(L|R|D|art)\. (?=\d)/g;

/** French text with the spacing its punctuation requires. */
export function frenchTypography(text: string): string {
  return text
    .replace(HIGH_SIGN, `${NARROW_NBSP}$1`)
    .replace(CLOSING_QUOTE, `${NARROW_NBSP}»`)
    .replace(OPENING_QUOTE, `«${NARROW_NBSP}`)
    .replace(THOUSANDS, `$1${NARROW_NBSP}`)
    .replace(BEFORE_EURO, `$1${NBSP}€`)
    .replace(BEFORE_PERCENT, `$1${NARROW_NBSP}%`)
    .replace(NUMBER_LABEL, `$1${NBSP}`)
    .replace(ARTICLE_ABBREVIATION, `$1.${NBSP}`);
}
