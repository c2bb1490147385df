/**
 * The visit form's autosave (components/useAutosave.ts). A save sends only the fields that
 * changed, over the version it started from. If another window saved in between, its fields are
 * taken in and the save is made again; only when both changed the same field is the user asked
 * which version wins, the text on screen kept meanwhile.
 */
import { useCallback, useRef } from 'react';
import { VISIT_FIELDS, VisitFields, type Visit, type VisitChanges } from '../../../shared/channels/visits';
import { useClient } from '../api/ClientProvider';
import { useAutosave, type Autosave, type Saved } from '../components/useAutosave';

function savedOf(visit: Visit): Saved<VisitFields> {
  return { value: Object.fromEntries(VISIT_FIELDS.map((field) => [field, visit[field]])) as VisitFields, version: visit.version, at: visit.updatedAt };
}

function changesBetween(saved: VisitFields, current: VisitFields): VisitChanges {
  const changed = VISIT_FIELDS.filter((field) => JSON.stringify(saved[field]) !== JSON.stringify(current[field]));
  return Object.fromEntries(changed.map((field) => [field, current[field]])) as VisitChanges;
}

/**
 * This window's edits (what differs from the version it loaded) laid over another window's newer
 * version; `overlap` when both changed the same field, which only a person can settle.
 */
function rebase(base: VisitFields, mine: VisitFields, theirs: VisitFields): { value: VisitFields; overlap: boolean } {
  const edited = changesBetween(base, mine);
  const overlap = (Object.keys(edited) as (keyof VisitFields)[]).some((field) => JSON.stringify(theirs[field]) !== JSON.stringify(base[field]));
  return { value: { ...theirs, ...edited }, overlap };
}

export interface VisitAutosave extends Omit<Autosave<VisitFields>, 'value' | 'change' | 'savedAt'> {
  fields: VisitFields;
  /** UTC instant of the last save this form made or loaded. */
  savedAt: string;
  change(patch: Partial<VisitFields>): void;
}

export function useVisitAutosave(visit: Visit, onSaved: (visit: Visit) => void): VisitAutosave {
  const client = useClient();
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  // Every version this form learns of (its own saves, another window's) goes to the visit list too.
  const learnt = (next: Visit) => {
    onSavedRef.current(next);
    return savedOf(next);
  };
  const autosave = useAutosave<VisitFields>({
    initial: savedOf(visit),
    session: { key: `relais.visit.unsaved.${visit.id}`, schema: VisitFields },
    staleCode: 'visit_conflict',
    rebase,
    save: async (fields, saved) =>
      learnt(await client.call('visits.update', { visitId: visit.id, expectedVersion: saved.version, changes: changesBetween(saved.value, fields) })),
    latest: async () => {
      const { visits } = await client.call('visits.list', { dossierId: visit.dossierId });
      const theirs = visits.find((candidate) => candidate.id === visit.id);
      return theirs && learnt(theirs);
    },
  });
  const { change } = autosave;
  const patch = useCallback((fields: Partial<VisitFields>) => change((current) => ({ ...current, ...fields })), [change]);
  return { ...autosave, fields: autosave.value, savedAt: autosave.savedAt ?? visit.updatedAt, change: patch };
}
