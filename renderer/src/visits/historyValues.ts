/** How the history shows the values a visit mutation recorded (before → after). */
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { formatDate } from '../format';

const MAX_QUOTED = 120;

function quoted(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTED ? `${flat.slice(0, MAX_QUOTED - 1)}…` : flat;
}

/** A visit field as a short phrase, or null for a key that is not a visit's. */
export function describeVisitField(t: TFunction, key: string, value: unknown, language: Language): string | null {
  switch (key) {
    case 'date':
      if (value === null) return t('visits.history.values.field', { label: t('visits.fields.date'), value: '—' });
      return typeof value === 'string' && isValidIsoDate(value) ? t('visits.history.values.field', { label: t('visits.fields.date'), value: formatDate(value, language) }) : null;
    case 'visitId':
      return t('visits.history.values.report');
    case 'photo':
      return typeof value === 'string' ? t('visits.history.values.photo', { name: value }) : null;
    case 'place':
    case 'observations':
    case 'conclusion':
      return typeof value === 'string' ? t('visits.history.values.field', { label: t(`visits.fields.${key}`), value: value.trim() ? quoted(value) : '—' }) : null;
    case 'participants':
      return Array.isArray(value) ? t('visits.history.values.participants', { count: value.length }) : null;
    case 'checklist':
      return typeof value === 'object' && value !== null
        ? t('visits.history.values.checklist', { count: Object.values(value).filter((answer) => answer && (answer as { status?: unknown }).status).length })
        : null;
    default:
      return null;
  }
}
