// Opens the demo people's-choice vote of the 2026 demo edition (functions/votes/demo-votes.ts) in
// the local D1 database: the window from yesterday for 14 days, marked as a demo on every vote page,
// and a few demo votes so the managers' counts show. `npm start` and the e2e setup run it after
// scripts/seed-jury.ts (the ballot is the demo jury's round). Rows that exist are left as they are.
import { votes, voteWindows } from '../functions/db/schema/votes.ts';
import { demoVotes } from '../functions/votes/demo-votes.ts';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';
import { inserts } from './seed-sql.ts';

const persistTo = process.argv[2] ?? dataDir;

const demo = demoVotes(new Date());
const sql = [...inserts(voteWindows, [demo.window]), ...inserts(votes, demo.votes)].join('\n');
run('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log(`demo people's choice: the 2026 vote is open for 14 days (demo), ${demo.votes.length} demo votes`);
