/**
 * Texts with `{{variables}}` (message templates, the templates of decisions): which names a text
 * uses, which of them are unknown, and the text filled in.
 */

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The `{{names}}` in a text that are not among `known` (a typo would otherwise reach the reader). */
export function unknownVariables(text: string, known: readonly string[]): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1]!).filter((name) => !known.includes(name)))];
}

/** The text with each known `{{name}}` replaced by its value; an unknown one is left as written. */
export function fillVariables<Name extends string>(text: string, values: Readonly<Record<Name, string>>): string {
  return text.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as Name] : whole));
}
