/**
 * The hub's one view of its database, the same over a PostgreSQL server (pg) and the embedded
 * PGlite: parameterised queries, and transactions that roll back on any throw.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs one or more statements without parameters (a migration's DDL). */
  exec(sql: string): Promise<void>;
}

export interface HubDatabase extends Queryable {
  readonly kind: 'postgresql' | 'pglite';
  /** Runs `work` in one transaction (READ COMMITTED), committed when it resolves. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Who is calling: the authenticated user and the device their token belongs to. */
export interface Principal {
  user: import('../../shared/sync/protocol').HubUser;
  deviceId: string;
}
