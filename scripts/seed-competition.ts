// Loads the demo competition editions (functions/competition/demo-edition.ts) into the local D1
// database: `npm start` and the e2e setup run it after the migrations. Rows that exist are left
// as they are (INSERT … ON CONFLICT DO NOTHING), so a manager's changes survive restarts.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { demoEditions } from '../functions/competition/demo-edition.ts';
import { categories, editions } from '../functions/db/schema/competition.ts';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';

const persistTo = process.argv[2] ?? dataDir;

/** A value as an SQL literal, stored the way drizzle stores it (JSON text, milliseconds, 0/1). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return String(value.getTime());
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

function inserts(table: SQLiteTable, rows: readonly Record<string, unknown>[]): string[] {
  const { name, columns } = getTableConfig(table);
  const byKey = Object.entries(table as unknown as Record<string, { name?: string }>).filter(([, c]) =>
    columns.includes(c as never),
  );
  return rows.map((row) => {
    const present = byKey.filter(([key]) => row[key] !== undefined);
    return `INSERT INTO ${name} (${present.map(([, c]) => c.name).join(', ')}) VALUES (${present.map(([key]) => literal(row[key])).join(', ')}) ON CONFLICT DO NOTHING;`;
  });
}

const demo = demoEditions(new Date());
const sql = [...inserts(editions, demo.editions), ...inserts(categories, demo.categories)].join('\n');
run('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log('demo competition: editions 2027 (open) and 2026 (closed)');
