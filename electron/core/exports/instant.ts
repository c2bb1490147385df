/** An instant (UTC ISO 8601) as the reader of an exported document reads it: in Paris time, the procedure's. */
import { LOCALES, type Language } from '../../../shared/contract';

const formats = new Map<Language, Intl.DateTimeFormat>();

export function formatInstant(instant: string, language: Language): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
    formats.set(language, format);
  }
  return format.format(new Date(instant));
}
