import { useEffect, useState } from 'react';
import type { SignProgress } from '../../../shared/channels/decisions';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';

/** Often enough for a bar that moves with each signature, rarely enough to leave the worker alone. */
const POLL_MS = 250;

/** How far a signing batch has gone, asked again until it is finished. */
export function useSignJob(jobId: string | undefined): { progress: SignProgress | undefined; error: ErrorInfo | undefined } {
  const client = useClient();
  const [progress, setProgress] = useState<SignProgress>();
  const [error, setError] = useState<ErrorInfo>();
  useEffect(() => {
    setProgress(undefined);
    setError(undefined);
    if (!jobId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = true;
    const poll = async () => {
      try {
        const next = await client.call('decisions.signProgress', { jobId });
        if (!current) return;
        setProgress(next);
        if (!next.finished) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (failure) {
        if (current) setError(toErrorInfo(failure));
      }
    };
    void poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, jobId]);
  return { progress, error };
}
