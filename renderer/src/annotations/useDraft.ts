/**
 * What an annotation editor holds, kept in the draft store while the user types
 * (components/useDraftText.ts), so that closing the window or a crash loses nothing; restored
 * when the same editor opens again.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { useDraftText } from '../components/useDraftText';

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
  const autosave = useDraftText(dossierId, key, initialText, DRAFT_DELAY_MS);
  const [ready, setReady] = useState(false);
  // Shown until the user types again.
  const [restored, setRestored] = useState(false);
  const { adopt, change, settle } = autosave;

  useEffect(() => {
    let current = true;
    client.call('drafts.get', { dossierId, area: 'annotation' }).then(
      ({ drafts }) => {
        if (!current) return;
        const saved = drafts.find((draft) => draft.key === key);
        if (saved && saved.text !== initialText) {
          adopt({ value: saved.text, version: 0, at: saved.savedAt });
          setRestored(true);
        }
        setReady(true);
      },
      () => current && setReady(true),
    );
    return () => {
      current = false;
    };
    // The initial text only matters when the editor opens: it is not a dependency.
  }, [client, dossierId, key, adopt]);

  const edit = useCallback(
    (text: string) => {
      setRestored(false);
      change(text);
    },
    [change],
  );

  const discard = useCallback(async () => {
    await settle();
    await client.call('drafts.discard', { dossierId, key });
  }, [client, dossierId, key, settle]);

  const status: DraftStatus =
    autosave.status === 'failed' && autosave.error
      ? { state: 'failed', error: autosave.error }
      : autosave.status === 'saving'
        ? { state: 'saving' }
        : restored
          ? { state: 'restored' }
          : autosave.savedAt
            ? { state: 'saved', at: autosave.savedAt }
            : { state: 'idle' };
  return { text: autosave.value, ready, status, change: edit, settle, discard };
}
