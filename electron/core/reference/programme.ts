/**
 * Loads the programme file (resources/programmes/territoires-industrie.json): the evaluation grid
 * and the site-visit checklist. A file that breaks the schema is refused with the field at fault.
 */
import path from 'node:path';
import { Programme, type VisitChecklistItem } from '../../../shared/domain/programme';
import { readJsonResource } from './json-resource';
import { resourcesDir } from './paths';

export const PROGRAMME_FILE = path.join('programmes', 'territoires-industrie.json');

/** Reads and validates a programme file; throws 'programme_invalid' naming the first field at fault. */
export function readProgramme(file: string): Programme {
  return readJsonResource(file, Programme, 'programme_invalid');
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
