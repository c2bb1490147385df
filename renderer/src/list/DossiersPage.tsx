import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { SortColumn } from '../../../shared/contract';
import type { DossierState } from '../../../shared/domain/dossier';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatCount } from '../format';
import { currentLanguage } from '../i18n';
import { BulkBar } from './BulkBar';
import { DossierGrid } from './DossierGrid';
import { Filters } from './Filters';
import {
  readListState,
  rememberListSearch,
  savedScroll,
  saveScroll,
  toFilters,
  withoutFilters,
  writeListState,
  type ListState,
} from './listState';
import { SearchBox } from './SearchBox';
import { NO_SELECTION, toggleRow, type Selection } from './selection';
import { StateCounts } from './StateCounts';
import { useDossierPages } from './useDossierPages';

export function DossiersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const state = useMemo(() => readListState(new URLSearchParams(search)), [search]);
  const filters = useMemo(() => toFilters(state), [state]);
  const pages = useDossierPages(filters, state.sort);
  const facets = useCall('dossiers.facets', {});
  const [initialScroll] = useState(() => savedScroll(search));
  // A selection belongs to the list it was made on: other filters or another search start afresh.
  const [selected, setSelected] = useState<{ search: string; selection: Selection }>({ search, selection: NO_SELECTION });
  const selection = selected.search === search ? selected.selection : NO_SELECTION;
  const select = useCallback((next: Selection) => setSelected({ search, selection: next }), [search]);
  const onToggleRow = useCallback(
    (id: string) => setSelected((current) => ({ search, selection: toggleRow(current.search === search ? current.selection : NO_SELECTION, id) })),
    [search],
  );
  useDocumentTitle(t('list.title'));

  useEffect(() => rememberListSearch(search ? `?${search}` : ''), [search]);

  const update = useCallback(
    (changes: Partial<ListState>) => setParams(writeListState({ ...state, ...changes }), { replace: true }),
    [setParams, state],
  );
  const { prefetch } = pages;
  const onSearch = useCallback(
    (query: string) => {
      // The list is asked for at once; the address (and the render it causes) follows.
      const next = { ...state, query };
      prefetch(toFilters(next), next.sort);
      update({ query });
    },
    [prefetch, state, update],
  );
  const onSort = (column: SortColumn) =>
    update({
      sort: {
        column,
        direction: state.sort.column === column && state.sort.direction === 'asc' ? 'desc' : 'asc',
      },
    });
  const onToggleState = (dossierState: DossierState) =>
    update({
      states: state.states.includes(dossierState)
        ? state.states.filter((s) => s !== dossierState)
        : [...state.states, dossierState],
    });
  const onOpen = useCallback((id: string) => navigate(`/dossiers/${id}`), [navigate]);
  const onScroll = useCallback((offset: number) => saveScroll(search, offset), [search]);

  const count = formatCount(pages.total, currentLanguage());
  const summary = pages.loading
    ? t('common.loading')
    : state.query.trim()
      ? t('list.countFor', { count: pages.total, formatted: count, query: state.query.trim() })
      : t('list.count', { count: pages.total, formatted: count });

  return (
    <div className="fr-container--fluid relais-page relais-list">
      <h1 id="list-title" tabIndex={-1} className="fr-h2">
        {t('list.title')}
      </h1>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-3 fr-col-xl-2">
          <Filters state={state} facets={facets.data} onChange={update} onReset={() => update(withoutFilters(state))} />
          {facets.error && <ErrorAlert error={facets.error} onRetry={facets.reload} className="fr-mt-2w" />}
        </div>
        <div className="fr-col-12 fr-col-lg-9 fr-col-xl-10">
          <SearchBox value={state.query} onSearch={onSearch} />
          <StateCounts counts={pages.countsByState} selected={state.states} onToggle={onToggleState} />
          <p className="relais-count fr-text--lg fr-mb-1w" role="status" id="list-count">
            {summary}
          </p>
          {pages.error && <ErrorAlert error={pages.error} onRetry={pages.retry} className="fr-mb-2w" />}
          <BulkBar
            selection={selection}
            total={pages.total}
            filters={filters}
            sort={state.sort}
            labels={facets.data?.labels ?? []}
            onSelectAll={() => select({ all: true })}
            onClear={() => select(NO_SELECTION)}
            onChanged={() => {
              select(NO_SELECTION);
              pages.retry();
              facets.reload();
            }}
          />
          <DossierGrid
            pages={pages}
            sort={state.sort}
            onSort={onSort}
            onOpen={onOpen}
            initialScroll={initialScroll}
            onScroll={onScroll}
            labelledBy="list-title"
            describedBy="list-count list-keyboard-hint"
            searching={filters.query !== undefined}
            selection={selection}
            onToggleRow={onToggleRow}
          />
          {!pages.loading && pages.total === 0 && !pages.error && (
            <p className="fr-mt-2w">{t('list.empty')}</p>
          )}
          <p className="fr-hint-text fr-mt-1w" id="list-keyboard-hint">
            {t('list.keyboardHint')}
          </p>
        </div>
      </div>
    </div>
  );
}
