import { useCallback, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { DossierFilters, DossierPage, DossierRow, SortColumn } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';

export const PAGE_SIZE = 100;
/** Lists kept in memory: the current one, the previous ones a search just passed through. */
const CACHED_LISTS = 4;

type Sort = { column: SortColumn; direction: 'asc' | 'desc' };

interface PageCache {
  filters: DossierFilters;
  sort: Sort;
  pages: Map<number, DossierRow[]>;
  pending: Set<number>;
  /** Set by the first page to arrive. */
  summary?: { total: number; countsByState: DossierPage['countsByState'] };
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
  /** Starts reading a list the page is about to show (a search as typing pauses). */
  prefetch(filters: DossierFilters, sort: Sort): void;
  retry(): void;
}

/**
 * The list is read a page of 100 at a time, as the reader scrolls: 20,000 dossiers never cross
 * the contract at once. Pages are kept per filters and sort; answers for a list no longer shown
 * are kept for it but change nothing on screen.
 */
export function useDossierPages(filters: DossierFilters, sort: Sort): DossierPages {
  const client = useClient();
  const [attempt, setAttempt] = useState(0);
  const caches = useRef(new Map<string, PageCache>());
  const [, pageArrived] = useReducer((n: number) => n + 1, 0);
  const [shown, setShown] = useState<PageCache>();
  const [error, setError] = useState<ErrorInfo>();

  const cacheFor = useCallback(
    (wanted: DossierFilters, order: Sort): PageCache => {
      const key = JSON.stringify({ wanted, order, attempt });
      let cache = caches.current.get(key);
      if (!cache) {
        cache = { filters: wanted, sort: order, pages: new Map(), pending: new Set() };
        caches.current.set(key, cache);
        const oldest = caches.current.keys().next().value;
        if (caches.current.size > CACHED_LISTS && oldest !== undefined) caches.current.delete(oldest);
      }
      return cache;
    },
    [attempt],
  );

  const cache = cacheFor(filters, sort);
  const currentRef = useRef(cache);
  currentRef.current = cache;

  const fetchPage = useCallback(
    (target: PageCache, page: number) => {
      if (target.pages.has(page) || target.pending.has(page)) return;
      target.pending.add(page);
      client
        .call('dossiers.list', { filters: target.filters, sort: target.sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (result) => {
            target.pending.delete(page);
            target.pages.set(page, result.rows);
            target.summary = { total: result.total, countsByState: result.countsByState };
            if (currentRef.current !== target) return;
            setShown(target);
            setError(undefined);
            pageArrived();
          },
          (failure: unknown) => {
            target.pending.delete(page);
            if (currentRef.current === target) setError(toErrorInfo(failure));
          },
        );
    },
    [client],
  );

  // As soon as a list is committed (not after the paint): typing must answer fast.
  useLayoutEffect(() => {
    if (cache.summary) setShown(cache);
    else fetchPage(cache, 0);
  }, [cache, fetchPage]);

  const loading = shown !== cache;
  const ensureRows = useCallback(
    (first: number, last: number) => {
      // While a new list loads, the rows in view are the old list's: nothing to fetch for them.
      if (loading) return;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page += 1) fetchPage(cache, page);
    },
    [cache, fetchPage, loading],
  );

  // Until the new list's first page arrives, the previous one stays on screen (no blank flash).
  const row = useCallback(
    (index: number) => shown?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [shown],
  );

  const prefetch = useCallback(
    (wanted: DossierFilters, order: Sort) => fetchPage(cacheFor(wanted, order), 0),
    [cacheFor, fetchPage],
  );

  return {
    total: shown?.summary?.total ?? 0,
    countsByState: shown?.summary?.countsByState,
    loading,
    error,
    row,
    ensureRows,
    prefetch,
    retry: useCallback(() => setAttempt((n) => n + 1), []),
  };
}
