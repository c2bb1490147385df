/** The history's sentences and values for the annotation mutations (drafts never reach a dossier's history). */
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { HistoryEntry } from '../../../shared/contract';
import { Annotation } from '../../../shared/domain/annotation';

const MAX_QUOTED = 120;

/** What the journal keeps of an annotation, under the key `annotation` of before and after. */
const Recorded = z.object({ annotation: Annotation.pick({ text: true, target: true, version: true, removed: true }) });

function recorded(value: unknown) {
  const parsed = Recorded.safeParse(value);
  return parsed.success ? parsed.data.annotation : null;
}

/** For an entry of annotation.add, annotation.edit or annotation.remove. */
export function annotationActionSentence(t: TFunction, entry: HistoryEntry): string {
  const after = recorded(entry.after);
  switch (entry.what) {
    case 'annotation.add':
      if (after?.target.kind === 'region') return t('annotations.history.regionAdded', { page: after.target.page });
      return after?.target.kind === 'field' ? t('annotations.history.fieldAdded') : t('annotations.history.noteAdded');
    case 'annotation.edit':
      return t('annotations.history.edited', { version: after?.version ?? '?' });
    default:
      return t('annotations.history.removed');
  }
}

/** An annotation as recorded before or after a change, as a short phrase. */
export function describeAnnotation(t: TFunction, value: unknown): string {
  const annotation = recorded({ annotation: value });
  if (!annotation) return JSON.stringify(value);
  if (annotation.removed) return t('annotations.history.values.removed', { version: annotation.version });
  const flat = annotation.text.replace(/\s+/g, ' ').trim();
  const text = flat.length > MAX_QUOTED ? `${flat.slice(0, MAX_QUOTED - 1).trimEnd()}…` : flat;
  return t('annotations.history.values.text', { text, version: annotation.version });
}
