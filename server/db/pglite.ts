/** The hub's database embedded in the process (PGlite), for a hub that has no PostgreSQL server. */
import { PGlite, types } from '@electric-sql/pglite';
import type { HubDatabase, Queryable, QueryResult } from './database';

interface PGliteLike {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function queryableOf(target: PGliteLike): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, [...params]);
      // PGlite counts affected rows for writes only; a SELECT's count is its rows.
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * PGlite is one connection: it runs one transaction at a time and queues the rest, so concurrent
 * requests are serialized (the same outcome as PostgreSQL's row locks, without the parallelism).
 */
export async function openPglite(dataDir: string): Promise<HubDatabase> {
  const db = await PGlite.create({ dataDir, parsers: { [types.INT8]: (value: string) => Number(value) } });
  return {
    kind: 'pglite',
    ...queryableOf(db),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => db.transaction((tx) => work(queryableOf(tx))),
    close: () => db.close(),
  };
}
