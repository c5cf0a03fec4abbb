// Loads the demo competition editions (functions/competition/demo-edition.ts) into the local D1
// database: `npm start` and the e2e setup run it after the migrations. Rows that exist are left
// as they are (INSERT … ON CONFLICT DO NOTHING), so a manager's changes survive restarts.
import { demoEditions } from '../functions/competition/demo-edition.ts';
import { categories, editions } from '../functions/db/schema/competition.ts';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';
import { inserts } from './seed-sql.ts';

const persistTo = process.argv[2] ?? dataDir;

const demo = demoEditions(new Date());
const sql = [...inserts(editions, demo.editions), ...inserts(categories, demo.categories)].join('\n');
run('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log('demo competition: editions 2027 (open) and 2026 (closed)');
