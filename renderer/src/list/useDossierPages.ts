import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { DossierFilters, DossierPage, DossierRow, SortColumn } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';

export const PAGE_SIZE = 100;

interface PageCache {
  pages: Map<number, DossierRow[]>;
  pending: Set<number>;
}

export interface DossierPages {
  /** Number of dossiers matching; the previous list's until the first page of a new one arrives. */
  total: number;
  countsByState: DossierPage['countsByState'] | undefined;
  /** True until the first page of the current filters has arrived. */
  loading: boolean;
  error: ErrorInfo | undefined;
  row(index: number): DossierRow | undefined;
  /** Asks for the pages holding rows first..last (inclusive), if not already there. */
  ensureRows(first: number, last: number): void;
  retry(): void;
}

/**
 * The list is read a page of 100 at a time, as the reader scrolls: 20,000 dossiers never cross
 * the contract at once. Pages are kept per filters and sort; a change starts a fresh cache and
 * answers that come back for an older one are dropped.
 */
export function useDossierPages(filters: DossierFilters, sort: { column: SortColumn; direction: 'asc' | 'desc' }): DossierPages {
  const client = useClient();
  const key = JSON.stringify({ filters, sort });
  const [attempt, setAttempt] = useState(0);
  const cache = useMemo<PageCache>(() => ({ pages: new Map(), pending: new Set() }), [key, attempt]);
  const cacheRef = useRef(cache);
  cacheRef.current = cache;
  const [, pageArrived] = useReducer((n: number) => n + 1, 0);
  const [summary, setSummary] = useState<{ total: number; countsByState: DossierPage['countsByState']; cache: PageCache }>();
  const [error, setError] = useState<ErrorInfo>();

  const fetchPage = useCallback(
    (page: number) => {
      if (cache.pages.has(page) || cache.pending.has(page)) return;
      cache.pending.add(page);
      const { filters: currentFilters, sort: currentSort } = JSON.parse(key) as {
        filters: DossierFilters;
        sort: { column: SortColumn; direction: 'asc' | 'desc' };
      };
      client
        .call('dossiers.list', { filters: currentFilters, sort: currentSort, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (result) => {
            cache.pending.delete(page);
            if (cacheRef.current !== cache) return;
            cache.pages.set(page, result.rows);
            setSummary({ total: result.total, countsByState: result.countsByState, cache });
            setError(undefined);
            pageArrived();
          },
          (failure: unknown) => {
            cache.pending.delete(page);
            if (cacheRef.current === cache) setError(toErrorInfo(failure));
          },
        );
    },
    [client, cache, key],
  );

  // Asked as soon as the new list is committed, not after the paint: typing must answer fast.
  useLayoutEffect(() => fetchPage(0), [fetchPage]);

  const loading = summary?.cache !== cache;
  const ensureRows = useCallback(
    (first: number, last: number) => {
      // While a new list loads, the rows in view are the old list's: nothing to fetch for them.
      if (loading) return;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page += 1) fetchPage(page);
    },
    [fetchPage, loading],
  );

  // Until the new list's first page arrives, the previous one stays on screen (no blank flash).
  const shown = summary?.cache ?? cache;
  const row = useCallback(
    (index: number) => shown.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [shown],
  );

  return {
    total: summary?.total ?? 0,
    countsByState: summary?.countsByState,
    loading,
    error,
    row,
    ensureRows,
    retry: useCallback(() => setAttempt((n) => n + 1), []),
  };
}
