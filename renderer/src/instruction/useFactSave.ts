/**
 * Saving one group of instruction facts (components/useAutosave.ts): the values typed stay on
 * screen; once valid they are saved shortly after typing stops (at once for a click), and the
 * dossier's checks recomputed.
 */
import { useCallback, useRef } from 'react';
import type { InstructionFacts } from '../../../shared/domain/instruction';
import type { ErrorInfo } from '../../../shared/errors';
import { useAutosave, type AutosaveStatus } from '../components/useAutosave';

export type FactSaveStatus = AutosaveStatus | 'invalid';

export interface FactSave<T> {
  status: FactSaveStatus;
  error: ErrorInfo | undefined;
  /** `undefined`: the values on screen are not valid, nothing is saved until they are; `now`: a click. */
  change(value: T | undefined, now: boolean): void;
}

export function useFactSave<T>(initial: T, save: (value: T) => Promise<InstructionFacts>, onSaved: (facts: InstructionFacts) => void): FactSave<T> {
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const autosave = useAutosave<T | undefined>({
    initial: { value: initial, version: 0, at: null },
    savable: (value) => value !== undefined,
    save: async (value, saved) => {
      onSavedRef.current(await save(value as T));
      return { ...saved, value };
    },
  });
  const { change } = autosave;
  const changeNow = useCallback((value: T | undefined, now: boolean) => change(value, { now }), [change]);
  return { status: autosave.value === undefined ? 'invalid' : autosave.status, error: autosave.error, change: changeNow };
}
