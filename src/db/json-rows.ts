import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * A column for a select: the rows of `table` that match `where` (a condition that may name
 * the outer query's tables), as PostgreSQL builds them into one JSON array, decoded back
 * into what selecting the table itself gives (Dates, numbers, jsonb values as stored).
 *
 * Why: a page that shows a case with its history and files took three round trips to the
 * database; each costs a write, a wake-up of the server process and a read, and on a small
 * machine that, not the SQL, was most of a personal page's time. With this, the case, its
 * events and its files come back in one statement. Keys and decoding come from the table's
 * own columns, so a new column needs nothing here.
 */
export function jsonRowsOf<Table extends PgTable>(table: Table, where: SQL | undefined, orderBy: SQL, limit?: number): SQL<Table['$inferSelect'][]> {
  const columns = Object.entries(getTableColumns(table));
  const fields = sql.join(
    columns.map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`),
    sql`, `,
  );
  // With a limit, the rows are chosen in a subquery that takes the table's own name, so that
  // the columns (rendered "table"."column") name its rows.
  const source =
    limit === undefined
      ? sql`${table} where ${where}`
      : sql`(select * from ${table} where ${where} order by ${orderBy} limit ${sql.raw(String(Math.trunc(limit)))}) as ${table}`;
  return sql<Table['$inferSelect'][]>`coalesce((select json_agg(json_build_object(${fields}) order by ${orderBy}) from ${source}), '[]'::json)`.mapWith(
    (rows: Record<string, unknown>[] | string) => {
      const list = typeof rows === 'string' ? (JSON.parse(rows) as Record<string, unknown>[]) : rows;
      return list.map((row) => {
        const decoded: Record<string, unknown> = {};
        for (const [key, column] of columns) {
          const value = row[key];
          decoded[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
        }
        return decoded as Table['$inferSelect'];
      });
    },
  );
}
