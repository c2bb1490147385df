/** The sentence that explains a check's verdict, in the reader's language (catalogue `checks.<id>.<reason>`). */
import type { TFunction } from 'i18next';
import { LOCALES, type Language } from '../../contract';
import type { DossierCheck } from '../../domain/checks';
import { formatEuros } from '../../domain/money';
import { formatCalendarDate, formatPercent } from '../../i18n/phrases';

type Translate = (key: string, params?: Record<string, unknown>) => string;

function listFormat(language: Language): Intl.ListFormat {
  return new Intl.ListFormat(LOCALES[language], { type: 'conjunction' });
}

/** Each parameter as the sentence shows it, by the naming rule of DossierCheck's params. */
function shown(key: string, value: string | number | null, translate: Translate, language: Language): unknown {
  if (value === null) return value;
  if (typeof value === 'number') {
    if (key.endsWith('Cents')) return formatEuros(value, language);
    if (key.endsWith('Percent')) return formatPercent(value, language);
    return value;
  }
  if (key.endsWith('On')) return formatCalendarDate(value, language);
  if (key === 'missing') return listFormat(language).format(value.split(',').map((kind) => translate(`pieceKinds.${kind}`)));
  if (key === 'size') return translate(`sizes.${value}`).toLocaleLowerCase(language);
  if (key === 'regime') return translate(`checks.regimes.${value}`);
  return value;
}

/** A sentence's values as the reader sees them, by the naming rule of DossierCheck's params (decision problems follow it too). */
export function shownParams(t: TFunction, params: Record<string, string | number | null>, language: Language): Record<string, unknown> {
  const translate = t as unknown as Translate;
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, shown(key, value, translate, language)]));
}

export function checkSentence(t: TFunction, check: DossierCheck, language: Language): string {
  // The key is built from the check at run time, beyond what the typed `t` can check.
  const translate = t as unknown as Translate;
  return translate(`checks.${check.id}.${check.params.reason}`, shownParams(t, check.params, language));
}
