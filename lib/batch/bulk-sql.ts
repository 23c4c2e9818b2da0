import "server-only";
// Multi-row statements for the batched hot paths (lib/batch). Values are encoded by their drizzle column and
// escaped by mysql2's own escaper (the same one that formats every drizzle query on this driver), then sent as
// one SQL chunk: building a statement with thousands of bound parameters through drizzle's builder costs more CPU
// than the database spends running it. Works on MariaDB 10.11 and MySQL 8.
import { escape } from "mysql2";
import { and, getTableColumns, getTableName, is, sql, type SQL } from "drizzle-orm";
import { MySqlVarChar, type MySqlColumn, type MySqlTable } from "drizzle-orm/mysql-core";
import type { Db } from "@/db";
import type { Tx } from "@/lib/exchange/paper/book";

type Client = Db | Tx;
const ident = (name: string) => "`" + name.replace(/`/g, "``") + "`";

/**
 * A value as a SQL literal, encoded the way `column` stores it. Safe because every connection pins a sql_mode
 * without NO_BACKSLASH_ESCAPES (db/session.ts). NaN and ±Infinity have no SQL literal: refused, never written.
 */
function literal(column: MySqlColumn, value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  const mapped = column.mapToDriverValue(value);
  for (const v of [value, mapped]) {
    if (typeof v === "number" && !Number.isFinite(v))
      throw new TypeError(`${column.name}: ${v} is not a number the database can store`);
  }
  return escape(mapped as Parameters<typeof escape>[0]);
}

/** `column IN (…)` with the values inline (one chunk instead of one parameter per value); FALSE when empty. */
export function inList(column: MySqlColumn, values: Iterable<number | string>): SQL {
  const list = [...new Set(values)];
  if (list.length === 0) return sql`FALSE`;
  return sql`${column} IN (${sql.raw(list.map((v) => literal(column, v)).join(","))})`;
}

/** The declared length of a VARCHAR column (to cut text before a multi-row write rather than fail the batch). */
export function varcharLength(column: MySqlColumn): number {
  if (is(column, MySqlVarChar) && column.length !== undefined) return column.length;
  throw new Error(`${column.name} is not a VARCHAR with a length`);
}

/**
 * Rows whose (`a`, `b`) may be one of `pairs`: both columns IN their values, so the result can also hold other
 * combinations of those values; callers pick their exact pairs from it by key. Index-friendly on (a, b).
 */
export function inPairs(
  a: MySqlColumn,
  b: MySqlColumn,
  pairs: Array<readonly [number | string, number | string]>,
): SQL | undefined {
  return and(
    inList(
      a,
      pairs.map((p) => p[0]),
    ),
    inList(
      b,
      pairs.map((p) => p[1]),
    ),
  );
}

function columnsOf(table: MySqlTable): Record<string, MySqlColumn> {
  return getTableColumns(table) as Record<string, MySqlColumn>;
}

/** INSERT [IGNORE] many rows in one statement; every row must have the same keys. */
export async function insertRows<T extends MySqlTable>(
  client: Client,
  table: T,
  rows: Array<T["$inferInsert"]>,
  opts: { ignore?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnsOf(table);
  const keys = Object.keys(rows[0]!).filter((k) => columns[k]);
  const cols = keys.map((k) => columns[k]!);
  const values = rows
    .map((row) => {
      const r = row as Record<string, unknown>;
      return `(${cols.map((c, i) => (r[keys[i]!] === undefined ? "DEFAULT" : literal(c, r[keys[i]!]))).join(",")})`;
    })
    .join(",");
  const statement = `INSERT${opts.ignore ? " IGNORE" : ""} INTO ${ident(getTableName(table))} (${cols.map((c) => ident(c.name)).join(",")}) VALUES ${values}`;
  await client.execute(sql.raw(statement));
}

type Row<T extends MySqlTable> = { id: number } & Partial<T["$inferInsert"]>;

/**
 * Update each row by its id with its own values for `fields`, in one UPDATE … JOIN (SELECT … UNION ALL …),
 * optionally only where `where` holds. Columns drizzle maintains on update (`$onUpdate`, e.g. updated_at) are
 * set to the current time. Returns the number of rows changed.
 */
export async function updateRowsById<T extends MySqlTable>(
  client: Client,
  table: T,
  rows: Row<T>[],
  fields: Array<keyof T["$inferInsert"] & string>,
  where?: SQL,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = columnsOf(table);
  const idColumn = columns.id;
  if (!idColumn) throw new Error("updateRowsById needs an id column");
  const cols = fields.map((f) => {
    const c = columns[f];
    if (!c) throw new Error(`unknown column ${f}`);
    return c;
  });
  const selects = rows.map((row, i) => {
    const values = [literal(idColumn, row.id), ...cols.map((c, k) => literal(c, row[fields[k]!]))];
    const named =
      i === 0 ? values.map((v, k) => `${v} AS ${ident(k === 0 ? "id" : cols[k - 1]!.name)}`) : values;
    return `SELECT ${named.join(",")}`;
  });
  const t = ident(getTableName(table));
  const sets = [
    ...cols.map((c) => `${t}.${ident(c.name)} = v.${ident(c.name)}`),
    ...Object.entries(columns)
      .filter(([key, c]) => c.onUpdateFn && !fields.includes(key as never))
      .map(([, c]) => `${t}.${ident(c.name)} = CURRENT_TIMESTAMP(3)`),
  ];
  const [result] = await client.execute(
    sql`${sql.raw(`UPDATE ${t} JOIN (${selects.join(" UNION ALL ")}) AS v ON ${t}.${ident(idColumn.name)} = v.id SET ${sets.join(", ")}`)}${where ? sql` WHERE ${where}` : sql``}`,
  );
  return (result as unknown as { affectedRows: number }).affectedRows;
}
