import type { Db } from './connect.ts';

/**
 * A statement built once per database handle (drizzle's `.prepare(name)`), for the queries
 * every personal page runs. Building a select with nested JSON columns was a sixth of a status
 * page's time; prepared, it is built once, and PostgreSQL parses and plans it once per
 * connection too. The name must be unique to the statement's text.
 */
export function preparedPerDatabase<Statement>(build: (db: Db) => Statement): (db: Db) => Statement {
  const built = new WeakMap<Db, Statement>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}
