// Opens the demo people's-choice vote of the 2026 demo edition (functions/votes/demo-votes.ts) in
// the local D1 database: the window from yesterday for 14 days, marked as a demo on every vote page,
// and a few demo votes so the managers' counts show. `npm start` and the e2e setup run it after
// scripts/seed-jury.ts (the ballot is the demo jury's round). Rows that exist are left as they are.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { votes, voteWindows } from '../functions/db/schema/votes.ts';
import { demoVotes } from '../functions/votes/demo-votes.ts';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';

const persistTo = process.argv[2] ?? dataDir;

/** A value as an SQL literal, stored the way drizzle stores it (milliseconds, 0/1). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return String(value.getTime());
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${String(value).replaceAll("'", "''")}'`;
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

const demo = demoVotes(new Date());
const sql = [...inserts(voteWindows, [demo.window]), ...inserts(votes, demo.votes)].join('\n');
run('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log(`demo people's choice: the 2026 vote is open for 14 days (demo), ${demo.votes.length} demo votes`);
