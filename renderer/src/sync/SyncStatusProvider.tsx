import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';

/** While a round runs its progress moves quickly; otherwise the counts only change now and then. */
const POLL_SYNCING_MS = 1_000;
const POLL_RESTING_MS = 10_000;

interface SyncStatusState {
  status: SyncStatus | undefined;
  error: ErrorInfo | undefined;
  /** Asks the host again now (after a local change, a settled conflict). */
  refresh: () => void;
  /** Takes the status an action answered with (sign-in, sign-out, « Synchroniser maintenant »). */
  update: (status: SyncStatus) => void;
}

const SyncStatusContext = createContext<SyncStatusState | null>(null);

/**
 * One poll of `sync.status` for the whole desk, shared by the header indicator and the page, so
 * both always say the same thing.
 */
export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [status, setStatus] = useState<SyncStatus>();
  const [error, setError] = useState<ErrorInfo>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    client.call('sync.status', {}).then(
      (next) => {
        if (!current) return;
        setStatus(next);
        setError(undefined);
      },
      (failure: unknown) => current && setError(toErrorInfo(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, attempt]);

  const syncing = status?.state === 'syncing';
  useEffect(() => {
    const timer = setTimeout(() => setAttempt((n) => n + 1), syncing ? POLL_SYNCING_MS : POLL_RESTING_MS);
    return () => clearTimeout(timer);
  }, [syncing, attempt]);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((next: SyncStatus) => {
    setStatus(next);
    setError(undefined);
    setAttempt((n) => n + 1);
  }, []);
  return <SyncStatusContext.Provider value={{ status, error, refresh, update }}>{children}</SyncStatusContext.Provider>;
}

export function useSyncStatus(): SyncStatusState {
  const state = useContext(SyncStatusContext);
  if (!state) throw new Error('useSyncStatus outside <SyncStatusProvider>');
  return state;
}
