/**
 * The message draft's autosave: the text stays in this component's state (and in the window's
 * session storage until saved) and is saved shortly after typing stops, when the editor goes away
 * and when the page is hidden. A save names the version it started from: if another window saved
 * in between, the text on screen is kept and the user chooses which version wins.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message } from '../../../shared/domain/message';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { unsavedDraft, type DraftFields } from './unsavedDraft';

/** Long enough not to save every keystroke, short enough that a crash loses almost nothing. */
const AUTOSAVE_DELAY_MS = 700;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

const fieldsOf = (message: Message): DraftFields => ({ subject: message.subject, body: message.body, answerDays: message.answerDays });
const same = (a: DraftFields, b: DraftFields) => a.subject === b.subject && a.body === b.body && a.answerDays === b.answerDays;

export interface DraftAutosave {
  fields: DraftFields;
  status: SaveStatus;
  savedAt: string;
  error: ErrorInfo | undefined;
  /** The version a send or a discard must name: the last one saved. */
  version(): number;
  change(patch: Partial<DraftFields>): void;
  /** Saves what is waiting now (before sending, after a failure). */
  saveNow(): Promise<boolean>;
  keepMine(): void;
  takeTheirs(): void;
}

export function useDraftAutosave(message: Message): DraftAutosave {
  const client = useClient();
  const [store] = useState(() => unsavedDraft(message.id));
  const [unsaved] = useState(() => store.read());
  const [fields, setFields] = useState<DraftFields>(() => unsaved?.fields ?? fieldsOf(message));
  const [status, setStatus] = useState<SaveStatus>(unsaved ? 'pending' : 'saved');
  const [savedAt, setSavedAt] = useState(message.updatedAt);
  const [error, setError] = useState<ErrorInfo>();
  const current = useRef(fields);
  const saved = useRef({ version: unsaved?.version ?? message.version, fields: fieldsOf(message) });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const running = useRef<Promise<boolean>>(Promise.resolve(true));

  const accept = useCallback((next: Message) => {
    saved.current = { version: next.version, fields: fieldsOf(next) };
    setSavedAt(next.updatedAt);
  }, []);

  // One save at a time, in order: each starts from the version the previous one produced.
  const save = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    running.current = running.current.then(async () => {
      const fields = current.current;
      if (same(fields, saved.current.fields)) {
        store.clear();
        setStatus('saved');
        return true;
      }
      setStatus('saving');
      try {
        accept(await client.call('messages.saveDraft', { messageId: message.id, expectedVersion: saved.current.version, ...fields }));
        setError(undefined);
        const more = !same(current.current, saved.current.fields);
        if (!more) store.clear();
        setStatus(more ? 'pending' : 'saved');
        return true;
      } catch (failure) {
        setError(toErrorInfo(failure));
        setStatus('failed');
        return false;
      }
    });
    return running.current;
  }, [client, message.id, accept, store]);

  const change = useCallback(
    (patch: Partial<DraftFields>) => {
      current.current = { ...current.current, ...patch };
      store.write({ version: saved.current.version, fields: current.current });
      setFields(current.current);
      setStatus('pending');
      clearTimeout(timer.current);
      // A delay that is not a number yet waits for the user instead of failing the save.
      if (Number.isInteger(current.current.answerDays)) timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    },
    [save, store],
  );

  // Brought back from session storage: saved at once.
  useEffect(() => {
    if (unsaved) void save();
  }, [unsaved, save]);

  useEffect(() => {
    const flush = () => void save();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
      if (!same(current.current, saved.current.fields)) flush();
    };
  }, [save]);

  const latest = useCallback(async (): Promise<Message | undefined> => {
    const { messages } = await client.call('messages.list', { dossierId: message.dossierId });
    return messages.find((candidate) => candidate.id === message.id);
  }, [client, message.id, message.dossierId]);

  const keepMine = useCallback(() => {
    latest().then(
      (theirs) => {
        if (!theirs) return;
        accept(theirs);
        void save();
      },
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
  }, [latest, accept, save]);

  const takeTheirs = useCallback(() => {
    latest().then(
      (theirs) => {
        if (!theirs) return;
        accept(theirs);
        current.current = fieldsOf(theirs);
        setFields(current.current);
        store.clear();
        setError(undefined);
        setStatus('saved');
      },
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
  }, [latest, accept, store]);

  const version = useCallback(() => saved.current.version, []);
  return { fields, status, savedAt, error, version, change, saveNow: save, keepMine, takeTheirs };
}
