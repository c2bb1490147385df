import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Prepares a module's statements once per open case file: preparing costs more than running a
 * simple insert, and a WeakMap lets them go with the connection.
 */
export function statementsFor<T>(prepare: (db: Database) => T): (db: Database) => T {
  const byDb = new WeakMap<Database, T>();
  return (db) => {
    let statements = byDb.get(db);
    if (!statements) {
      statements = prepare(db);
      byDb.set(db, statements);
    }
    return statements;
  };
}
