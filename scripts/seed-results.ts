// Loads the demo's published results of edition 2025 (functions/results/publication-demo.ts) into
// the local D1 database: the winners page /…/competition/2025/winners/ shows them, marked as demo.
// `npm start` and the e2e setup run it after scripts/seed-jury.ts (its jurors are the demo jury's
// people). Rows that exist are left as they are; no mail is sent.
import { categories, editions, entries } from '../functions/db/schema/competition.ts';
import { users } from '../functions/db/schema/accounts.ts';
import { jurors, reviews, rounds } from '../functions/db/schema/jury.ts';
import { categoryStatements, feedbackMails, placements, publications } from '../functions/db/schema/publication.ts';
import { demoResults } from '../functions/results/publication-demo.ts';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';
import { inserts } from './seed-sql.ts';

const persistTo = process.argv[2] ?? dataDir;

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
