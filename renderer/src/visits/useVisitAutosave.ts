/**
 * The visit form's autosave (components/useRecordAutosave.ts). A save sends only the fields that
 * changed, over the version it started from. If another window saved in between, its fields are
 * taken in and the save is made again; only when both changed the same field is the user asked
 * which version wins, the text on screen kept meanwhile.
 */
import { VISIT_FIELDS, VisitFields, type Visit, type VisitChanges } from '../../../shared/channels/visits';
import { useClient } from '../api/ClientProvider';
import { useRecordAutosave, type RecordAutosave } from '../components/useRecordAutosave';

function fieldsOf(visit: Visit): VisitFields {
  return Object.fromEntries(VISIT_FIELDS.map((field) => [field, visit[field]])) as VisitFields;
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

export type VisitAutosave = RecordAutosave<VisitFields>;

export function useVisitAutosave(visit: Visit, onSaved: (visit: Visit) => void): VisitAutosave {
  const client = useClient();
  return useRecordAutosave(visit, {
    sessionPrefix: 'relais.visit.unsaved',
    schema: VisitFields,
    fieldsOf,
    rebase,
    staleCode: 'visit_conflict',
    onRecord: onSaved,
    save: (fields, saved) => client.call('visits.update', { visitId: visit.id, expectedVersion: saved.version, changes: changesBetween(saved.value, fields) }),
    latest: async () => (await client.call('visits.list', { dossierId: visit.dossierId })).visits.find((candidate) => candidate.id === visit.id),
  });
}
