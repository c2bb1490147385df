/**
 * The one way the desk saves what the user types: the value stays in the component's state and is
 * saved shortly after typing stops, when the editor goes away and when the page is hidden; one
 * save at a time, in order, each over the version the previous one left. Until saved, the value
 * is also kept in the window's session storage, so a reload or a crash loses nothing: it comes
 * back over the version it was typed on and is saved at once. A save refused because another
 * window saved first keeps the value on screen; the caller offers keep-mine / take-theirs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import { toErrorInfo } from '../api/errorInfo';
import { sessionValue } from './sessionValue';

/** Long enough not to save every keystroke, short enough that a crash loses almost nothing. */
export const AUTOSAVE_DELAY_MS = 700;

export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

/** What the store holds: the value, the version a next save must name, and when it was saved. */
export interface Saved<T> {
  value: T;
  version: number;
  at: string | null;
}

export interface AutosaveOptions<T> {
  /** What the store held when the editor opened (read once). */
  initial: Saved<T>;
  /** Writes the value over what the store held (`saved.version`). Resolves undefined when the caller reported a refusal itself. */
  save(value: T, saved: Saved<T>): Promise<Saved<T> | undefined>;
  /** Where the unsaved value waits in session storage (with the schema to read it back), if it must survive a reload. */
  session?: { key: string; schema: z.ZodType<T> };
  delayMs?: number;
  /** False while the value cannot be saved yet (a number half typed): it waits for the user. */
  savable?(value: T): boolean;
  /** The store's newest version, for keep-mine / take-theirs. */
  latest?(): Promise<Saved<T> | undefined>;
  /**
   * This editor's changes (from `base`) laid over another window's newer value; `overlap` when both
   * changed the same thing. Without it, the value on screen replaces theirs.
   */
  rebase?(base: T, mine: T, theirs: T): { value: T; overlap: boolean };
  /** The refusal of a save over a newer version: without overlap, the save is made again over it. */
  staleCode?: ErrorCode;
}

export interface Autosave<T> {
  value: T;
  status: AutosaveStatus;
  error: ErrorInfo | undefined;
  /** When the value was last saved (or loaded), if the store says. */
  savedAt: string | null;
  /** True when the value came back from session storage (typed before a reload). */
  restored: boolean;
  /** The version a next act must name: the last one saved. */
  version(): number;
  /** A new value, or how to make it from the current one (several changes before a render). `now`: a click, saved at once. */
  change(value: T | ((current: T) => T), options?: { now?: boolean }): void;
  /** Saves what waits now (retry, before sending). Resolves false when refused. */
  saveNow(): Promise<boolean>;
  /** Waits for the save under way and saves nothing more until the next change (the act saving the value takes over). */
  settle(): Promise<void>;
  /** Replaces what the store is known to hold; the value on screen becomes `value` (default: theirs). */
  adopt(saved: Saved<T>, value?: T): void;
  keepMine(): void;
  takeTheirs(): void;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function useAutosave<T>(options: AutosaveOptions<T>): Autosave<T> {
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const [store] = useState(() => {
    const { session } = options;
    return session ? sessionValue(session.key, z.object({ version: z.number().int(), value: session.schema })) : null;
  });
  const [unsaved] = useState(() => store?.read() ?? null);
  const [value, setValue] = useState<T>(() => (unsaved ? (unsaved.value as T) : options.initial.value));
  const [status, setStatus] = useState<AutosaveStatus>(unsaved ? 'pending' : 'saved');
  const [error, setError] = useState<ErrorInfo>();
  const [savedAt, setSavedAt] = useState(options.initial.at);
  const current = useRef(value);
  const saved = useRef<Saved<T>>(unsaved ? { ...options.initial, version: unsaved.version } : options.initial);
  const held = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const running = useRef<Promise<boolean>>(Promise.resolve(true));

  const waiting = () => !held.current && !sameJson(current.current, saved.current.value);

  const accept = useCallback((next: Saved<T>) => {
    saved.current = next;
    setSavedAt(next.at);
  }, []);

  const show = useCallback((next: T) => {
    current.current = next;
    setValue(next);
  }, []);

  const adopt = useCallback(
    (theirs: Saved<T>, mine: T = theirs.value) => {
      accept(theirs);
      show(mine);
      if (sameJson(mine, theirs.value)) store?.clear();
      else store?.write({ version: theirs.version, value: mine });
    },
    [accept, show, store],
  );

  const settled = useCallback(() => {
    store?.clear();
    setStatus('saved');
    return true;
  }, [store]);

  // A second attempt only after another window saved what this one did not touch.
  const attempt = useCallback(
    async (retry: boolean): Promise<boolean> => {
      if (!waiting()) return settled();
      const { save, staleCode, latest, rebase } = optionsRef.current;
      setStatus('saving');
      try {
        const next = await save(current.current, saved.current);
        if (!next) {
          setStatus('failed');
          return false;
        }
        accept(next);
        setError(undefined);
        if (waiting()) setStatus('pending');
        else settled();
        return true;
      } catch (failure) {
        const info = toErrorInfo(failure);
        const theirs = retry && info.code === staleCode && latest && rebase ? await latest().catch(() => undefined) : undefined;
        const merged = theirs && rebase?.(saved.current.value, current.current, theirs.value);
        if (theirs && merged && !merged.overlap) {
          adopt(theirs, merged.value);
          return attempt(false);
        }
        setError(info);
        setStatus('failed');
        return false;
      }
    },
    // `waiting` reads refs only.
    [accept, adopt, settled],
  );

  const saveNow = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    running.current = running.current.then(() => attempt(true));
    return running.current;
  }, [attempt]);

  const change = useCallback(
    (update: T | ((current: T) => T), { now = false } = {}) => {
      const next = typeof update === 'function' ? (update as (current: T) => T)(current.current) : update;
      held.current = false;
      show(next);
      store?.write({ version: saved.current.version, value: next });
      setStatus('pending');
      clearTimeout(timer.current);
      if (!(optionsRef.current.savable?.(next) ?? true)) return;
      if (now) void saveNow();
      else timer.current = setTimeout(() => void saveNow(), optionsRef.current.delayMs ?? AUTOSAVE_DELAY_MS);
    },
    [saveNow, show, store],
  );

  const settle = useCallback(async () => {
    clearTimeout(timer.current);
    held.current = true;
    await running.current;
  }, []);

  // Brought back from session storage: saved at once.
  useEffect(() => {
    if (unsaved) void saveNow();
  }, [unsaved, saveNow]);

  // What waits is saved when the editor goes away or the page is hidden.
  useEffect(() => {
    const flush = () => {
      if (waiting() && (optionsRef.current.savable?.(current.current) ?? true)) void saveNow();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
      flush();
    };
  }, [saveNow]);

  const fromLatest = useCallback((use: (theirs: Saved<T>) => void) => {
    optionsRef.current.latest?.().then(
      (theirs) => theirs && use(theirs),
      (failure: unknown) => setError(toErrorInfo(failure)),
    );
  }, []);

  const keepMine = useCallback(() => {
    fromLatest((theirs) => {
      const mine = optionsRef.current.rebase?.(saved.current.value, current.current, theirs.value).value ?? current.current;
      adopt(theirs, mine);
      void saveNow();
    });
  }, [fromLatest, adopt, saveNow]);

  const takeTheirs = useCallback(() => {
    fromLatest((theirs) => {
      adopt(theirs);
      setError(undefined);
      setStatus('saved');
    });
  }, [fromLatest, adopt]);

  const version = useCallback(() => saved.current.version, []);
  return { value, status, error, savedAt, restored: unsaved !== null, version, change, saveNow, settle, adopt, keepMine, takeTheirs };
}
