// Demo rows as SQL for `wrangler d1 execute --local`: the seed scripts (seed-competition, seed-jury,
// seed-results, seed-votes) build their rows with the domain's demo functions and load them through
// here, so a column is written exactly as drizzle stores it.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';

/** A value as an SQL literal, stored the way drizzle stores it (JSON text, milliseconds, 0/1). */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return String(value.getTime());
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * One `INSERT … ON CONFLICT DO NOTHING` per row (rows that exist are left as they are, so the seed
 * can run again and a manager's changes survive restarts). Keys of `rows` are the table's property
 * names; undefined values are left to the column's default.
 */
export function inserts(table: SQLiteTable, rows: readonly Record<string, unknown>[]): string[] {
  const { name, columns } = getTableConfig(table);
  const byKey = Object.entries(table as unknown as Record<string, { name?: string }>).filter(([, c]) =>
    columns.includes(c as never),
  );
  return rows.map((row) => {
    const present = byKey.filter(([key]) => row[key] !== undefined);
    return `INSERT INTO ${name} (${present.map(([, c]) => c.name).join(', ')}) VALUES (${present.map(([key]) => literal(row[key])).join(', ')}) ON CONFLICT DO NOTHING;`;
  });
}
