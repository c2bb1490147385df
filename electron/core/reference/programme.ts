/**
 * Loads the programme file (resources/programmes/territoires-industrie.json): the evaluation grid
 * and the site-visit checklist. A file that breaks the schema is refused with the field at fault.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Programme, type VisitChecklistItem } from '../../../shared/domain/programme';
import { RelaisError } from '../../../shared/errors';
import { fieldIssues } from '../validation';
import { resourcesDir } from './paths';

export const PROGRAMME_FILE = path.join('programmes', 'territoires-industrie.json');

/** Reads and validates a programme file; throws 'programme_invalid' naming the first field at fault. */
export function readProgramme(file: string): Programme {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new RelaisError('programme_invalid', { file, field: '(fichier)', message });
  }
  const parsed = Programme.safeParse(raw);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    const first = issues[0]!;
    throw new RelaisError('programme_invalid', { file, field: first.path || '(racine)', message: first.message }, issues);
  }
  return parsed.data;
}

let cached: Programme | null = null;

/** The programme in force, read once per process. */
export function loadProgramme(): Programme {
  cached ??= readProgramme(path.join(resourcesDir(), PROGRAMME_FILE));
  return cached;
}

/** The items a site visit report checks, in the programme's order. */
export function visitChecklist(): readonly VisitChecklistItem[] {
  return loadProgramme().visitChecklist;
}
