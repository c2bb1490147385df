/**
 * The autosave (useAutosave.ts) of the fields of a versioned record that is saved as the user types
 * (a message draft, a visit): each save names the record's version, the unsaved fields wait in
 * session storage, and keep-mine / take-theirs read the record's newest version.
 */
import { useCallback, useRef } from 'react';
import type { z } from 'zod';
import { useAutosave, type Autosave, type AutosaveOptions, type Saved } from './useAutosave';

export interface VersionedRecord {
  id: string;
  version: number;
  updatedAt: string;
}

export interface RecordAutosaveOptions<R extends VersionedRecord, F> extends Pick<AutosaveOptions<F>, 'savable' | 'rebase' | 'staleCode'> {
  /** Names the session storage entry, e.g. `relais.visit.unsaved`. */
  sessionPrefix: string;
  schema: z.ZodType<F>;
  fieldsOf(record: R): F;
  save(fields: F, saved: Saved<F>): Promise<R>;
  /** The record as the case file holds it now (another window may have saved it). */
  latest(): Promise<R | undefined>;
  /** Every version the form learns of: its own saves and another window's. */
  onRecord?(record: R): void;
}

export interface RecordAutosave<F> extends Omit<Autosave<F>, 'value' | 'change' | 'savedAt'> {
  fields: F;
  /** UTC instant of the last save this form made or loaded. */
  savedAt: string;
  change(patch: Partial<F>): void;
}

export function useRecordAutosave<R extends VersionedRecord, F extends object>(record: R, options: RecordAutosaveOptions<R, F>): RecordAutosave<F> {
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const learnt = (next: R): Saved<F> => {
    optionsRef.current.onRecord?.(next);
    return { value: optionsRef.current.fieldsOf(next), version: next.version, at: next.updatedAt };
  };
  const autosave = useAutosave<F>({
    initial: { value: options.fieldsOf(record), version: record.version, at: record.updatedAt },
    session: { key: `${options.sessionPrefix}.${record.id}`, schema: options.schema },
    savable: options.savable,
    rebase: options.rebase,
    staleCode: options.staleCode,
    save: async (fields, saved) => learnt(await optionsRef.current.save(fields, saved)),
    latest: async () => {
      const theirs = await optionsRef.current.latest();
      return theirs && learnt(theirs);
    },
  });
  const { change } = autosave;
  const patch = useCallback((fields: Partial<F>) => change((current) => ({ ...current, ...fields })), [change]);
  return { ...autosave, fields: autosave.value, savedAt: autosave.savedAt ?? record.updatedAt, change: patch };
}
