/**
 * The visit form's autosave: what the user types stays in this component's state and is saved
 * shortly after they stop typing, when the form goes away, and when the page is hidden. A save
 * sends only the fields that changed, over the version it started from; if another window saved
 * in between, the text on screen is kept and the user chooses which version wins.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { VISIT_FIELDS, type Visit, type VisitChanges, type VisitFields } from '../../../shared/channels/visits';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';

/** Long enough not to save every keystroke, short enough that a crash loses almost nothing. */
const AUTOSAVE_DELAY_MS = 700;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

function fieldsOf(visit: Visit): VisitFields {
  return Object.fromEntries(VISIT_FIELDS.map((field) => [field, visit[field]])) as VisitFields;
}

function changesBetween(saved: VisitFields, current: VisitFields): VisitChanges | null {
  const changed = VISIT_FIELDS.filter((field) => JSON.stringify(saved[field]) !== JSON.stringify(current[field]));
  return changed.length ? (Object.fromEntries(changed.map((field) => [field, current[field]])) as VisitChanges) : null;
}

export interface VisitAutosave {
  fields: VisitFields;
  status: SaveStatus;
  /** UTC instant of the last save this form made or loaded. */
  savedAt: string;
  error: ErrorInfo | undefined;
  change(patch: Partial<VisitFields>): void;
  /** Saves now what is waiting (retry after a failure, before a download). */
  saveNow(): Promise<void>;
  /** After a conflict: saves the text on screen over the other window's version. */
  keepMine(): void;
  /** After a conflict: shows the other window's version instead of the text on screen. */
  takeTheirs(): void;
}

export function useVisitAutosave(visit: Visit, onSaved: (visit: Visit) => void): VisitAutosave {
  const client = useClient();
  const [fields, setFields] = useState<VisitFields>(() => fieldsOf(visit));
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [savedAt, setSavedAt] = useState(visit.updatedAt);
  const [error, setError] = useState<ErrorInfo>();
  const current = useRef(fields);
  const saved = useRef({ version: visit.version, fields: fieldsOf(visit) });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const running = useRef<Promise<void>>(Promise.resolve());
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const accept = useCallback((next: Visit) => {
    saved.current = { version: next.version, fields: fieldsOf(next) };
    setSavedAt(next.updatedAt);
    onSavedRef.current(next);
  }, []);

  // One save at a time, in order: each starts from the version the previous one produced.
  const save = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    running.current = running.current.then(async () => {
      const changes = changesBetween(saved.current.fields, current.current);
      if (!changes) {
        setStatus('saved');
        return;
      }
      setStatus('saving');
      try {
        accept(await client.call('visits.update', { visitId: visit.id, expectedVersion: saved.current.version, changes }));
        setError(undefined);
        setStatus(changesBetween(saved.current.fields, current.current) ? 'pending' : 'saved');
      } catch (failure) {
        setError(toErrorInfo(failure));
        setStatus('failed');
      }
    });
    return running.current;
  }, [client, visit.id, accept]);

  const change = useCallback(
    (patch: Partial<VisitFields>) => {
      current.current = { ...current.current, ...patch };
      setFields(current.current);
      setStatus('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    },
    [save],
  );

  // What is waiting is saved when the form closes (another visit, another tab) or the page is hidden.
  useEffect(() => {
    const flush = () => void save();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
      if (changesBetween(saved.current.fields, current.current)) flush();
    };
  }, [save]);

  const latest = useCallback(async (): Promise<Visit | undefined> => {
    const { visits } = await client.call('visits.list', { dossierId: visit.dossierId });
    return visits.find((candidate) => candidate.id === visit.id);
  }, [client, visit.id, visit.dossierId]);

  const keepMine = useCallback(() => {
    latest().then(
      (theirs) => {
        if (!theirs) return;
        saved.current = { version: theirs.version, fields: fieldsOf(theirs) };
        void save();
      },
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
  }, [latest, save]);

  const takeTheirs = useCallback(() => {
    latest().then(
      (theirs) => {
        if (!theirs) return;
        current.current = fieldsOf(theirs);
        setFields(current.current);
        accept(theirs);
        setError(undefined);
        setStatus('saved');
      },
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
  }, [latest, accept]);

  return { fields, status, savedAt, error, change, saveNow: save, keepMine, takeTheirs };
}
