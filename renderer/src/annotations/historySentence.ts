/** The history's sentences for the annotation mutations (drafts never reach a dossier's history). */
import type { TFunction } from 'i18next';
import type { HistoryEntry } from '../../../shared/contract';
import { Annotation } from '../../../shared/domain/annotation';

const Recorded = Annotation.pick({ target: true, version: true }).partial();

/** For an entry of annotation.add, annotation.edit or annotation.remove. */
export function annotationActionSentence(t: TFunction, entry: HistoryEntry): string {
  const after = Recorded.safeParse(entry.after);
  const recorded = after.success ? after.data : {};
  switch (entry.what) {
    case 'annotation.add':
      if (recorded.target?.kind === 'region') return t('annotations.history.regionAdded', { page: recorded.target.page });
      return recorded.target?.kind === 'field' ? t('annotations.history.fieldAdded') : t('annotations.history.noteAdded');
    case 'annotation.edit':
      return t('annotations.history.edited', { version: recorded.version ?? '?' });
    default:
      return t('annotations.history.removed');
  }
}
