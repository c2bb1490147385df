/** The command line speaks the user's language: French unless RELAIS_LANG or LANG asks for English. */
import type { Language } from '../../shared/contract';
import { createTranslator } from '../../shared/i18n/translator';

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const wanted = env.RELAIS_LANG || env.LANG || '';
  return wanted.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export const { t, describe } = createTranslator(cliLanguage());
