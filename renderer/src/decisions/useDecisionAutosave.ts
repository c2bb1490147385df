/**
 * A draft decision's autosave (components/useRecordAutosave.ts): the whole content, saved over
 * the version it started from. Content that breaks its schema (a name still empty) waits on
 * screen and in session storage until fixed. If another window saved in between, its fields are
 * taken in and the save made again; only when both changed the same field is the user asked.
 */
import { z } from 'zod';
import { DecisionContent, type Decision } from '../../../shared/channels/decisions';
import { useClient } from '../api/ClientProvider';
import { useRecordAutosave, type RecordAutosave } from '../components/useRecordAutosave';

/** What session storage may give back: a draft of some type, valid or not yet. */
const UnsavedContent = z.custom<DecisionContent>((value) => typeof value === 'object' && value !== null && 'type' in value && 'signatory' in value);

type Field = keyof DecisionContent;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function rebase(base: DecisionContent, mine: DecisionContent, theirs: DecisionContent): { value: DecisionContent; overlap: boolean } {
  const edited = (Object.keys(mine) as Field[]).filter((field) => !same(base[field], mine[field]));
  const overlap = edited.some((field) => !same(theirs[field], base[field]));
  const value = { ...theirs, ...Object.fromEntries(edited.map((field) => [field, mine[field]])) } as DecisionContent;
  return { value, overlap };
}

export type DecisionAutosave = RecordAutosave<DecisionContent>;

export function useDecisionAutosave(decision: Decision, onSaved: (decision: Decision) => void): DecisionAutosave {
  const client = useClient();
  return useRecordAutosave(decision, {
    sessionPrefix: 'relais.decision.unsaved',
    schema: UnsavedContent,
    fieldsOf: (record) => record.content,
    savable: (content) => DecisionContent.safeParse(content).success,
    rebase,
    staleCode: 'decision_stale',
    onRecord: onSaved,
    save: (content, saved) => client.call('decisions.save', { id: decision.id, expectedVersion: saved.version, content }),
    latest: async () => (await client.call('decisions.list', { dossierId: decision.dossierId })).find((candidate) => candidate.id === decision.id),
  });
}
