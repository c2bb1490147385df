/**
 * What an annotation editor holds, saved in the case file while the user types (debounced), so
 * that closing the window or a crash loses nothing; restored when the same editor opens again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';

/** Long enough to save once per pause in typing, short enough that a crash loses a few words. */
export const DRAFT_DELAY_MS = 400;

export type DraftStatus = { state: 'idle' } | { state: 'restored' } | { state: 'saving' } | { state: 'saved'; at: string } | { state: 'failed'; error: ErrorInfo };

export interface Draft {
  text: string;
  /** False until the saved draft, if any, has been read. */
  ready: boolean;
  status: DraftStatus;
  change: (text: string) => void;
  /** Waits for the pending save, so that a save of the annotation comes after it. */
  settle: () => Promise<void>;
  /** Drops the draft (the editor is closed without saving). */
  discard: () => Promise<void>;
}

export function useDraft(dossierId: string, key: string, initialText: string): Draft {
  const client = useClient();
  const [text, setText] = useState(initialText);
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState<DraftStatus>({ state: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pendingText = useRef<string | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    let current = true;
    client.call('annotations.drafts', { dossierId }).then(
      ({ drafts }) => {
        if (!current) return;
        const saved = drafts.find((draft) => draft.key === key);
        if (saved && saved.text !== initialText) {
          setText(saved.text);
          setStatus({ state: 'restored' });
        }
        setReady(true);
      },
      () => current && setReady(true),
    );
    return () => {
      current = false;
    };
    // The initial text only matters when the editor opens: it is not a dependency.
  }, [client, dossierId, key]);

  const save = useCallback(
    (next: string) => {
      pendingText.current = null;
      setStatus({ state: 'saving' });
      inFlight.current = inFlight.current
        .then(() => client.call('annotations.saveDraft', { dossierId, key, text: next }))
        .then(
          (draft) => setStatus({ state: 'saved', at: draft.savedAt }),
          // The text stays in the editor: only the safety copy failed (a full disk…).
          (failure: unknown) => setStatus({ state: 'failed', error: toErrorInfo(failure) }),
        );
    },
    [client, dossierId, key],
  );

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (pendingText.current !== null) save(pendingText.current);
  }, [save]);

  // Closing the editor or the page saves what was typed since the last pause.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const change = useCallback(
    (next: string) => {
      setText(next);
      pendingText.current = next;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_DELAY_MS);
    },
    [flush],
  );

  const settle = useCallback(async () => {
    clearTimeout(timer.current);
    pendingText.current = null;
    await inFlight.current;
  }, []);

  const discard = useCallback(async () => {
    await settle();
    setStatus({ state: 'idle' });
    await client.call('annotations.saveDraft', { dossierId, key, text: '' });
  }, [client, dossierId, key, settle]);

  return { text, ready, status, change, settle, discard };
}
