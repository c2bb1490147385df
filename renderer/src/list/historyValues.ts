/** The history's words for the list's per-dossier changes (labels, assignment, state) made alone or in bulk. */
import type { TFunction } from 'i18next';
import type { HistoryEntry } from '../../../shared/contract';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labelsOf(value: unknown): string[] {
  return isRecord(value) && Array.isArray(value.labels) ? value.labels.filter((label): label is string => typeof label === 'string') : [];
}

function instructorName(value: unknown): string | null {
  return isRecord(value) && isRecord(value.instructor) && typeof value.instructor.name === 'string' ? value.instructor.name : null;
}

/** The sentence of a list mutation, or null for another mutation. */
export function listActionSentence(t: TFunction, entry: HistoryEntry): string | null {
  switch (entry.what) {
    case 'dossier.addLabel':
    case 'dossier.removeLabel': {
      const [before, after] = [labelsOf(entry.before), labelsOf(entry.after)];
      const added = entry.what === 'dossier.addLabel';
      const label = (added ? after.filter((l) => !before.includes(l)) : before.filter((l) => !after.includes(l)))[0] ?? '';
      return t(added ? 'bulk.history.labelAdded' : 'bulk.history.labelRemoved', { label });
    }
    case 'dossier.assign': {
      const name = instructorName(entry.after);
      return name ? t('bulk.history.assigned', { name }) : t('bulk.history.unassigned');
    }
    case 'dossier.passToInstruction':
      return t('bulk.history.passedToInstruction');
    case 'dossier.backToConstruction':
      return t('bulk.history.backToConstruction');
    default:
      return null;
  }
}

/** A recorded value of those mutations, or null for a field they do not record. */
export function describeListField(t: TFunction, key: string, value: unknown): string | null {
  if (key === 'labels' && Array.isArray(value)) {
    return value.length ? t('bulk.values.labels', { labels: value.join(', ') }) : t('bulk.values.noLabels');
  }
  if (key === 'instructor') {
    const name = instructorName({ instructor: value });
    return name ? t('bulk.values.instructor', { name }) : t('bulk.values.noInstructor');
  }
  return null;
}
