/**
 * What the list shows (filters, search, sort) lives in the address, after the `#/dossiers?`,
 * so a reload or a link brings the same list back. Parameter names are French: they are what
 * an instructor sees in the address bar. Anything unreadable in the address is ignored.
 */
import { DOSSIER_STATES, type DossierState, type Volet } from '../../../shared/domain/dossier';
import { SORT_COLUMNS, type DossierFilters, type SortColumn } from '../../../shared/contract';
import { CHECK_IDS, CHECK_STATUSES, type CheckId, type CheckStatus } from '../../../shared/domain/checks';

export type SortDirection = 'asc' | 'desc';

export interface ListState {
  query: string;
  states: DossierState[];
  territoryId: string | null;
  regionCode: string | null;
  volets: Volet[];
  dueWithinDays: number | null;
  followedOnly: boolean;
  labels: string[];
  /** Dossiers with a legal check in this status today; `checkId` narrows it to one check. */
  checkStatus: CheckStatus | null;
  checkId: CheckId | null;
  sort: { column: SortColumn; direction: SortDirection };
}

export const DEFAULT_SORT: ListState['sort'] = { column: 'echeance', direction: 'asc' };

export const DUE_WITHIN_CHOICES = [0, 7, 15, 30, 60, 90] as const;

const PARAM = {
  query: 'q',
  states: 'etat',
  territoryId: 'territoire',
  regionCode: 'region',
  volets: 'volet',
  dueWithinDays: 'echeance',
  followedOnly: 'suivis',
  labels: 'etiquette',
  checkStatus: 'controle',
  checkId: 'controle-id',
  sortColumn: 'tri',
  sortDirection: 'ordre',
} as const;

function list(params: URLSearchParams, name: string): string[] {
  return params.getAll(name).filter((value) => value !== '');
}

function oneOf<T extends string | number>(values: readonly T[], candidate: unknown): candidate is T {
  return (values as readonly unknown[]).includes(candidate);
}

export function readListState(params: URLSearchParams): ListState {
  const column = params.get(PARAM.sortColumn);
  const direction = params.get(PARAM.sortDirection);
  const dueWithin = Number(params.get(PARAM.dueWithinDays) ?? NaN);
  const territory = params.get(PARAM.territoryId);
  const region = params.get(PARAM.regionCode);
  const checkStatus = params.get(PARAM.checkStatus);
  const checkId = params.get(PARAM.checkId);
  return {
    query: (params.get(PARAM.query) ?? '').slice(0, 200),
    states: list(params, PARAM.states).filter((state) => oneOf(DOSSIER_STATES, state)),
    territoryId: territory && /^ti-\d{4}$/.test(territory) ? territory : null,
    regionCode: region && /^\d{2}$/.test(region) ? region : null,
    volets: list(params, PARAM.volets)
      .map(Number)
      .filter((volet): volet is Volet => oneOf([1, 2, 3], volet)),
    dueWithinDays: Number.isInteger(dueWithin) && dueWithin >= 0 && dueWithin <= 3650 ? dueWithin : null,
    followedOnly: params.get(PARAM.followedOnly) === '1',
    labels: list(params, PARAM.labels).slice(0, 30),
    checkStatus: oneOf(CHECK_STATUSES, checkStatus) ? checkStatus : null,
    checkId: oneOf(CHECK_IDS, checkId) ? checkId : null,
    sort: {
      column: oneOf(SORT_COLUMNS, column) ? column : DEFAULT_SORT.column,
      direction: direction === 'asc' || direction === 'desc' ? direction : DEFAULT_SORT.direction,
    },
  };
}

/** The address parameters of a list state; defaults are left out to keep the address short. */
export function writeListState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query.trim()) params.set(PARAM.query, state.query);
  for (const value of state.states) params.append(PARAM.states, value);
  if (state.territoryId) params.set(PARAM.territoryId, state.territoryId);
  if (state.regionCode) params.set(PARAM.regionCode, state.regionCode);
  for (const value of state.volets) params.append(PARAM.volets, String(value));
  if (state.dueWithinDays !== null) params.set(PARAM.dueWithinDays, String(state.dueWithinDays));
  if (state.followedOnly) params.set(PARAM.followedOnly, '1');
  for (const value of state.labels) params.append(PARAM.labels, value);
  if (state.checkStatus) params.set(PARAM.checkStatus, state.checkStatus);
  if (state.checkId) params.set(PARAM.checkId, state.checkId);
  if (state.sort.column !== DEFAULT_SORT.column || state.sort.direction !== DEFAULT_SORT.direction) {
    params.set(PARAM.sortColumn, state.sort.column);
    params.set(PARAM.sortDirection, state.sort.direction);
  }
  return params;
}

export function toFilters(state: ListState): DossierFilters {
  const query = state.query.trim();
  return {
    ...(query ? { query } : {}),
    ...(state.states.length ? { states: state.states } : {}),
    ...(state.territoryId ? { territoryIds: [state.territoryId] } : {}),
    ...(state.regionCode ? { regionCodes: [state.regionCode] } : {}),
    ...(state.volets.length ? { volets: state.volets } : {}),
    ...(state.dueWithinDays !== null ? { dueWithinDays: state.dueWithinDays } : {}),
    ...(state.followedOnly ? { followedOnly: true } : {}),
    ...(state.labels.length ? { labels: state.labels } : {}),
    // A check without a status filters nothing: it only narrows a status.
    ...(state.checkStatus ? { checkStatus: state.checkStatus, ...(state.checkId ? { checkId: state.checkId } : {}) } : {}),
  };
}

/** The same search and sort, every filter cleared. */
export function withoutFilters(state: ListState): ListState {
  return { ...readListState(new URLSearchParams()), query: state.query, sort: state.sort };
}

export function hasFilters(state: ListState): boolean {
  return Object.keys(toFilters({ ...state, query: '' })).length > 0;
}

const LAST_SEARCH_KEY = 'relais.list.search';
const SCROLL_KEY = 'relais.list.scroll';

/** The list's address parameters when it was last shown, for links back to it. */
export function lastListSearch(): string {
  return sessionStorage.getItem(LAST_SEARCH_KEY) ?? '';
}

export function rememberListSearch(search: string): void {
  sessionStorage.setItem(LAST_SEARCH_KEY, search);
}

/** The scroll position of the last list shown; it only applies to that same list. */
export function savedScroll(search: string): number {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) ?? 'null') as { search?: unknown; offset?: unknown } | null;
    return saved?.search === search && typeof saved.offset === 'number' ? saved.offset : 0;
  } catch {
    return 0;
  }
}

export function saveScroll(search: string, offset: number): void {
  sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ search, offset: Math.round(offset) }));
}
