/** The command line speaks the user's language: French unless RELAIS_LANG or LANG asks for English. */
import { createInstance, type TFunction } from 'i18next';
import { describeError, resources } from '../../shared/i18n';
import type { Language } from '../../shared/contract';
import { RelaisError, type ErrorInfo } from '../../shared/errors';

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const wanted = env.RELAIS_LANG || env.LANG || '';
  return wanted.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

const i18n = createInstance();
void i18n.init({ lng: cliLanguage(), fallbackLng: 'fr', resources, initAsync: false, showSupportNotice: false });

export const t: TFunction = i18n.t.bind(i18n);

/** Error keys are built from the code at run time, beyond what the typed `t` can check. */
const translateDynamic = i18n.t.bind(i18n) as unknown as Parameters<typeof describeError>[0];

export function describe(info: ErrorInfo): string {
  return describeError(translateDynamic, info);
}

/** Errors that are not a RelaisError are reported as `internal`, with their message. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof RelaisError) return error.toInfo();
  return { code: 'internal', params: { message: error instanceof Error ? error.message : String(error) } };
}
