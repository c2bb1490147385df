/**
 * The visit form's autosave: what the user types stays in this component's state and is saved
 * shortly after they stop typing, when the form goes away, and when the page is hidden. A save
 * sends only the fields that changed, over the version it started from. If another window saved
 * in between, its fields are taken in and the save is made again; only when both changed the same
 * field is the user asked which version wins, the text on screen kept meanwhile. Until saved,
 * the text is also kept in the window's session storage (unsavedStore.ts) and brought back on reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { VISIT_FIELDS, type Visit, type VisitChanges, type VisitFields } from '../../../shared/channels/visits';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { clearUnsaved, readUnsaved, writeUnsaved } from './unsavedStore';

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

/**
 * This window's edits (what differs from the version it loaded) laid over another window's newer
 * version; `overlap` when both changed the same field, which only a person can settle.
 */
function rebase(base: VisitFields, mine: VisitFields, theirs: VisitFields): { fields: VisitFields; overlap: boolean } {
  const edited = changesBetween(base, mine) ?? {};
  const overlap = (Object.keys(edited) as (keyof VisitFields)[]).some((field) => JSON.stringify(theirs[field]) !== JSON.stringify(base[field]));
  return { fields: { ...theirs, ...edited }, overlap };
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
  // Text left unsaved by a previous opening comes back, over the version it was typed on.
  const [unsaved] = useState(() => readUnsaved(visit.id));
  const [fields, setFields] = useState<VisitFields>(() => unsaved?.fields ?? fieldsOf(visit));
  const [status, setStatus] = useState<SaveStatus>(unsaved ? 'pending' : 'saved');
  const [savedAt, setSavedAt] = useState(visit.updatedAt);
  const [error, setError] = useState<ErrorInfo>();
  const current = useRef(fields);
  const saved = useRef({ version: unsaved?.version ?? visit.version, fields: fieldsOf(visit) });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const running = useRef<Promise<void>>(Promise.resolve());
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const accept = useCallback((next: Visit) => {
    saved.current = { version: next.version, fields: fieldsOf(next) };
    setSavedAt(next.updatedAt);
    onSavedRef.current(next);
  }, []);

  const latest = useCallback(async (): Promise<Visit | undefined> => {
    const { visits } = await client.call('visits.list', { dossierId: visit.dossierId });
    return visits.find((candidate) => candidate.id === visit.id);
  }, [client, visit.id, visit.dossierId]);

  /** Lays this window's edits over the other window's version, which becomes the one saved over. */
  const adopt = useCallback(
    (theirs: Visit, fields: VisitFields) => {
      current.current = fields;
      setFields(fields);
      accept(theirs);
      writeUnsaved(visit.id, { version: theirs.version, fields });
    },
    [accept, visit.id],
  );

  // One save at a time, in order: each starts from the version the previous one produced.
  const save = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    running.current = running.current.then(async () => {
      // A second attempt only after another window saved fields this one did not touch.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const changes = changesBetween(saved.current.fields, current.current);
        if (!changes) {
          clearUnsaved(visit.id);
          setStatus('saved');
          return;
        }
        setStatus('saving');
        try {
          accept(await client.call('visits.update', { visitId: visit.id, expectedVersion: saved.current.version, changes }));
          setError(undefined);
          const more = changesBetween(saved.current.fields, current.current) !== null;
          if (!more) clearUnsaved(visit.id);
          setStatus(more ? 'pending' : 'saved');
          return;
        } catch (failure) {
          const error = toErrorInfo(failure);
          const theirs = error.code === 'visit_conflict' && attempt === 0 ? await latest().catch(() => undefined) : undefined;
          const merged = theirs && rebase(saved.current.fields, current.current, fieldsOf(theirs));
          if (theirs && merged && !merged.overlap) {
            adopt(theirs, merged.fields);
            continue;
          }
          setError(error);
          setStatus('failed');
          return;
        }
      }
    });
    return running.current;
  }, [client, visit.id, accept, adopt, latest]);

  const change = useCallback(
    (patch: Partial<VisitFields>) => {
      current.current = { ...current.current, ...patch };
      writeUnsaved(visit.id, { version: saved.current.version, fields: current.current });
      setFields(current.current);
      setStatus('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    },
    [save, visit.id],
  );

  // Brought back from local storage: saved at once (a conflict, if any, is offered as usual).
  useEffect(() => {
    if (unsaved) void save();
  }, [unsaved, save]);

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

  const keepMine = useCallback(() => {
    latest().then(
      (theirs) => {
        if (!theirs) return;
        adopt(theirs, rebase(saved.current.fields, current.current, fieldsOf(theirs)).fields);
        void save();
      },
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
  }, [latest, adopt, save]);

  const takeTheirs = useCallback(() => {
    latest().then(
      (theirs) => {
        if (!theirs) return;
        current.current = fieldsOf(theirs);
        setFields(current.current);
        clearUnsaved(visit.id);
        accept(theirs);
        setError(undefined);
        setStatus('saved');
      },
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
  }, [latest, accept, visit.id]);

  return { fields, status, savedAt, error, change, saveNow: save, keepMine, takeTheirs };
}
