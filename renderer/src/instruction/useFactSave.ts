/**
 * Saving one group of instruction facts: the values typed stay on screen; once valid they are
 * saved shortly after typing stops (at once for a click), and the dossier's checks recomputed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InstructionFacts } from '../../../shared/domain/instruction';
import type { ErrorInfo } from '../../../shared/errors';
import { toErrorInfo } from '../api/errorInfo';

const AUTOSAVE_DELAY_MS = 700;

export type FactSaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'failed';

export interface FactSave {
  status: FactSaveStatus;
  error: ErrorInfo | undefined;
  /** Saves after the autosave delay (typing) or at once (`now`: a click). */
  schedule(save: () => Promise<InstructionFacts>, now?: boolean): void;
  /** The values on screen are not valid: nothing is saved until they are. */
  markInvalid(): void;
}

export function useFactSave(onSaved: (facts: InstructionFacts) => void): FactSave {
  const [status, setStatus] = useState<FactSaveStatus>('saved');
  const [error, setError] = useState<ErrorInfo>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pending = useRef<(() => Promise<InstructionFacts>) | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const run = useCallback(async () => {
    clearTimeout(timer.current);
    const save = pending.current;
    pending.current = null;
    if (!save) return;
    setStatus('saving');
    try {
      onSavedRef.current(await save());
      setError(undefined);
      setStatus('saved');
    } catch (failure) {
      setError(toErrorInfo(failure));
      setStatus('failed');
    }
  }, []);

  const schedule = useCallback(
    (save: () => Promise<InstructionFacts>, now = false) => {
      pending.current = save;
      setStatus('pending');
      clearTimeout(timer.current);
      if (now) void run();
      else timer.current = setTimeout(() => void run(), AUTOSAVE_DELAY_MS);
    },
    [run],
  );

  const markInvalid = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    setStatus('invalid');
  }, []);

  // What waits is saved when the form goes away or the page is hidden.
  useEffect(() => {
    const flush = () => void run();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
      flush();
    };
  }, [run]);

  return { status, error, schedule, markInvalid };
}
