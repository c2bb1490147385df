import { en } from './en';
import { fr } from './fr';
import type { ErrorInfo } from '../errors';

export const resources = { fr: { translation: fr }, en: { translation: en } } as const;
export type { Messages } from './fr';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The sentence that tells the user what happened and what to do, in their language. */
export function describeError(t: Translate, error: ErrorInfo): string {
  const details = (error.issues ?? []).map((issue) => `${issue.path || '(racine)'} — ${issue.message}`).join('; ');
  return t(`errors.${error.code}`, { ...error.params, details, interpolation: { escapeValue: false } });
}
