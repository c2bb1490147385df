/** A translator outside React (command line, Electron's main process), from the same catalogues. */
import { createInstance, type TFunction } from 'i18next';
import type { Language } from '../contract';
import type { ErrorInfo } from '../errors';
import { describeError, resources } from './index';

export interface Translator {
  t: TFunction;
  /** The sentence for an error, in this translator's language. */
  describe(error: ErrorInfo): string;
}

export function createTranslator(language: Language): Translator {
  const i18n = createInstance();
  // Plain text for terminals and dialogs, never HTML: nothing to escape.
  void i18n.init({
    lng: language,
    fallbackLng: 'fr',
    resources,
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
  });
  // Error keys are built from the code at run time, beyond what the typed `t` can check.
  const translateDynamic = i18n.t.bind(i18n) as unknown as Parameters<typeof describeError>[0];
  return { t: i18n.t.bind(i18n), describe: (error) => describeError(translateDynamic, error) };
}
