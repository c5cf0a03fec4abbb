// Loads the demo's published results of edition 2025 (functions/results/publication-demo.ts) into
// the local D1 database: the winners page /…/competition/2025/winners/ shows them, marked as demo.
// `npm start` and the e2e setup run it after scripts/seed-jury.ts (its jurors are the demo jury's
// people). Rows that exist are left as they are; no mail is sent.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { categories, editions, entries } from '../functions/db/schema/competition.ts';
import { users } from '../functions/db/schema/accounts.ts';
import { jurors, reviews, rounds } from '../functions/db/schema/jury.ts';
import { categoryStatements, feedbackMails, placements, publications } from '../functions/db/schema/publication.ts';
import { demoResults } from '../functions/results/publication-demo.ts';
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

const demo = demoResults(new Date());
const sql = [
  ...inserts(editions, demo.editions),
  ...inserts(categories, demo.categories),
  ...inserts(users, demo.users),
  ...inserts(entries, demo.entries),
  ...inserts(jurors, demo.jurors),
  ...inserts(rounds, demo.rounds),
  ...inserts(reviews, demo.reviews),
  ...inserts(placements, demo.placements),
  ...inserts(categoryStatements, demo.categoryStatements),
  ...inserts(publications, demo.publications),
  ...inserts(feedbackMails, demo.feedbackMails),
].join('\n');
run('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log(`demo results: edition 2025 published (${demo.placements.length} places), /en/competition/2025/winners/`);
