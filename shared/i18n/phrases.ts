/** Dates, rates and days left as a reader of either language expects them, for the desk and the terminal. */
import type { TFunction } from 'i18next';
import { LOCALES, type Language } from '../contract';

// Building an Intl formatter costs far more than formatting: one per language, made once.
const dateFormats = new Map<Language, Intl.DateTimeFormat>();
const percentFormats = new Map<Language, Intl.NumberFormat>();

/** A calendar date (YYYY-MM-DD), e.g. 12 mars 2026; read in UTC so that no time zone moves the day. */
export function formatCalendarDate(date: string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** 35 → « 35 % », 12.34 → « 12,34 % ». */
export function formatPercent(percent: number, language: Language): string {
  let format = percentFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 2 });
    percentFormats.set(language, format);
  }
  return format.format(percent / 100);
}

/** "in 3 days", "today" or "2 days overdue". */
export function daysLeftPhrase(t: TFunction, daysLeft: number): string {
  if (daysLeft < 0) return t('deadlines.overdue', { count: -daysLeft });
  if (daysLeft === 0) return t('deadlines.today');
  return t('deadlines.daysLeft', { count: daysLeft });
}
