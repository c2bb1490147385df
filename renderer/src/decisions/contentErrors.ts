/**
 * What the content's schema says of each field while the instructor types: a draft that breaks
 * it (a signatory with no name yet) is not saved until fixed, and the field says why.
 */
import type { TFunction } from 'i18next';
import { DecisionContent } from '../../../shared/domain/decision';

export type ErrorOf = (path: string) => string | undefined;

export interface FieldsProps<C> {
  content: C;
  change(patch: Partial<C>): void;
  errorOf: ErrorOf;
}

/** A DSFR input's error state from the field's message. */
export function fieldState(message: string | undefined) {
  return { state: message ? ('error' as const) : ('default' as const), stateRelatedMessage: message };
}

export function contentErrors(content: DecisionContent, t: TFunction): { valid: boolean; errorOf: ErrorOf } {
  const parsed = DecisionContent.safeParse(content);
  const byPath = new Map<string, string>();
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.join('.');
    if (byPath.has(path)) continue;
    const required = issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1;
    const tooLong = issue.code === 'too_big';
    byPath.set(path, t(required ? 'decisions.ui.invalid.required' : tooLong ? 'decisions.ui.invalid.tooLong' : 'decisions.ui.invalid.value'));
  }
  return { valid: parsed.success, errorOf: (path) => byPath.get(path) };
}
