/**
 * 'dossiers.list': one page of the desk's table. Filters become a WHERE clause of fixed shape
 * (lists are passed as JSON arrays), so each combination of filters and sort is prepared once.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { DossierPage, DossierRow, ParsedArgsOf, SortColumn } from '../../../shared/contract';
import { addDays, parisDate } from '../../../shared/domain/dates';
import { DOSSIER_STATES, type DossierState } from '../../../shared/domain/dossier';
import type { CoreContext } from '../context';
import { STATE_ORDER_SQL } from '../db/migrations/001-case-file';
import { CHECKS_JSON_SQL, hasCheckStatus } from './check-columns';
import { collectMatches, SEARCH_HITS_TABLE, snippetsOf, type SearchMatches } from '../search/matches';

type ParsedListQuery = ParsedArgsOf<'dossiers.list'>;
type Filters = ParsedListQuery['filters'];
type Direction = 'asc' | 'desc';

/** The ORDER BY of each column; each matches an index of migration 001, ending with the number. */
function orderBy(column: SortColumn, direction: Direction): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const key: Record<SortColumn, string> = {
    number: '',
    demandeur: 'demandeur_sort',
    projet: 'projet_sort',
    territoire: 'territory_sort',
    montant: 'amount_requested_cents',
    etat: STATE_ORDER_SQL,
    // Dossiers without a deadline come last in both directions.
    echeance: direction === 'asc' ? "coalesce(due_date, '9999-12-31')" : "coalesce(due_date, '0000-01-01')",
  };
  return key[column] ? `${key[column]} ${dir}, number ${dir}` : `number ${dir}`;
}

interface WhereClause {
  sql: string;
  params: Record<string, string | number>;
}

function whereOf(filters: Filters, today: string, matches: SearchMatches | null, withStates: boolean): WhereClause {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  const inList = (column: string, name: string, values: readonly (string | number)[] | undefined) => {
    if (!values || values.length === 0) return;
    conditions.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
  };
  if (withStates) inList('state', 'states', filters.states);
  inList('territory_id', 'territoryIds', filters.territoryIds);
  inList('region_code', 'regionCodes', filters.regionCodes);
  inList('volet', 'volets', filters.volets);
  if (filters.dueWithinDays !== undefined) {
    // Same expression as the ascending deadline index; overdue dossiers are included.
    conditions.push(`coalesce(due_date, '9999-12-31') <= @dueLimit`);
    params.dueLimit = addDays(today, filters.dueWithinDays);
  }
  if (filters.followedOnly) conditions.push('followed = 1');
  if (filters.labels && filters.labels.length > 0) {
    conditions.push('seq IN (SELECT dossier_seq FROM dossier_label WHERE label IN (SELECT value FROM json_each(@labels)))');
    params.labels = JSON.stringify(filters.labels);
  }
  if (filters.checkStatus) {
    conditions.push(hasCheckStatus(filters.checkStatus, filters.checkId));
    params.today = today;
  }
  if (matches) {
    // `+seq` keeps the planner on the sort index, probing the hits, when most dossiers match.
    conditions.push(`${matches.dense ? '+seq' : 'seq'} IN (SELECT seq FROM ${SEARCH_HITS_TABLE})`);
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

interface PageRow {
  seq: number;
  id: string;
  number: number;
  demandeur: string;
  projet: string;
  territoryId: string;
  territoryName: string;
  regionName: string;
  amountRequestedCents: number;
  state: DossierState;
  dueDate: string | null;
  dueKind: 'admissibility' | 'instruction' | null;
  followed: number;
  labels: string;
  checks: string;
}

const PAGE_COLUMNS = `seq, id, number, demandeur_name AS demandeur, projet_title AS projet, territory_id AS territoryId,
  territory_name AS territoryName, region_name AS regionName, amount_requested_cents AS amountRequestedCents,
  state, due_date AS dueDate, due_kind AS dueKind, followed,
  (SELECT json_group_array(label) FROM dossier_label l WHERE l.dossier_seq = d.seq) AS labels,
  ${CHECKS_JSON_SQL} AS checks`;

/** Prepared statements by SQL text, per connection: the shapes are few, preparing is not free. */
const preparedByDb = new WeakMap<Database, Map<string, Statement>>();

function prepared(db: Database, sql: string): Statement {
  let cache = preparedByDb.get(db);
  if (!cache) {
    cache = new Map();
    preparedByDb.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

function countsByState(db: Database, where: WhereClause): Record<DossierState, number> {
  const counts = Object.fromEntries(DOSSIER_STATES.map((state) => [state, 0])) as Record<DossierState, number>;
  const rows = prepared(db, `SELECT state, count(*) AS n FROM dossier d ${where.sql} GROUP BY state`).all(where.params) as {
    state: DossierState;
    n: number;
  }[];
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

function toRow(row: PageRow, snippet: string | null): DossierRow {
  return {
    id: row.id,
    number: row.number,
    demandeur: row.demandeur,
    projet: row.projet,
    territoryId: row.territoryId,
    territoryName: row.territoryName,
    regionName: row.regionName,
    amountRequestedCents: row.amountRequestedCents,
    state: row.state,
    dueDate: row.dueDate,
    dueKind: row.dueKind,
    followed: row.followed === 1,
    labels: JSON.parse(row.labels) as string[],
    checks: JSON.parse(row.checks) as DossierRow['checks'],
    snippet,
  };
}

/** The ids of every dossier the filters match, in number order: what a bulk action on "all" acts on. */
export function matchingDossierIds(ctx: CoreContext, filters: Filters): string[] {
  const { db } = ctx;
  return db.transaction((): string[] => {
    const matches = filters.query ? collectMatches(db, filters.query) : null;
    const where = whereOf(filters, parisDate(ctx.clock()), matches, true);
    return prepared(db, `SELECT id FROM dossier d ${where.sql} ORDER BY number`).pluck().all(where.params) as string[];
  })();
}

export function listDossiers(ctx: CoreContext, query: ParsedListQuery): DossierPage {
  const { db } = ctx;
  const { filters, sort, offset, limit } = query;
  const today = parisDate(ctx.clock());

  return db.transaction((): DossierPage => {
    const matches: SearchMatches | null = filters.query ? collectMatches(db, filters.query) : null;
    // The state counts ignore the state filter, so the desk can show what each state would give.
    const counts = countsByState(db, whereOf(filters, today, matches, false));
    const selectedStates = filters.states && filters.states.length > 0 ? filters.states : DOSSIER_STATES;
    const total = [...new Set(selectedStates)].reduce((sum, state) => sum + counts[state], 0);

    const where = whereOf(filters, today, matches, true);
    const rows = prepared(
      db,
      `SELECT ${PAGE_COLUMNS} FROM dossier d ${where.sql} ORDER BY ${orderBy(sort.column, sort.direction)} LIMIT @limit OFFSET @offset`,
    ).all({ ...where.params, today, limit, offset }) as PageRow[];
    const snippets = matches ? snippetsOf(db, matches, rows.map((row) => row.seq)) : new Map<number, string>();
    return { rows: rows.map((row) => toRow(row, snippets.get(row.seq) ?? null)), total, countsByState: counts };
  })();
}
