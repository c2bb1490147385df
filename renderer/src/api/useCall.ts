import { useCallback, useEffect, useState } from 'react';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from './ClientProvider';
import { toErrorInfo } from './errorInfo';

export interface CallState<T> {
  data: T | undefined;
  error: ErrorInfo | undefined;
  loading: boolean;
  /** Runs the call again (after an error, or once the data changed). */
  reload: () => void;
}

/**
 * Calls a query channel whenever its arguments change (compared by value) and exposes the
 * result with its loading and error state. A late answer to stale arguments is dropped.
 */
export function useCall<C extends ChannelName>(channel: C, args: ArgsOf<C>): CallState<ResultOf<C>> {
  const client = useClient();
  const argsKey = JSON.stringify(args);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<CallState<ResultOf<C>>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: true,
  });

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    client.call(channel, JSON.parse(argsKey) as ArgsOf<C>).then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => current && setState({ data: undefined, error: toErrorInfo(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [client, channel, argsKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
