// Loads the demo jury of the closed 2026 edition (functions/jury/demo-jury.ts) into the local D1
// database: six jurors (sign in as one from /dev/mail, e.g. maria.kovacova@jury.example.org),
// twelve submitted entries, rubrics and an open round with its assignment. `npm start` and the e2e
// setup run it after scripts/seed-competition.ts. Rows that exist are left as they are.
import { ballots, shortlist } from '../functions/db/schema/ballots.ts';
import { entries, entryFiles, roleAssignments, uploads, users } from '../functions/db/schema/index.ts';
import { assignments, jurorConflicts, jurors, reviews, rounds, rubrics } from '../functions/db/schema/jury.ts';
import { demoJury, demoMedia } from '../functions/jury/demo-jury.ts';
import { demoBallots } from '../functions/results/demo-ballots.ts';
import { demoResults } from '../functions/results/demo-results.ts';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';
import { inserts } from './seed-sql.ts';

const persistTo = process.argv[2] ?? dataDir;

const now = new Date();
const demo = demoJury(now);
// The closed round with submitted reviews that the managers' results pages show (functions/results/demo-results.ts).
const results = demoResults(now);
// The ranked final on a shortlist of round 1, with five jurors' ballots (functions/results/demo-ballots.ts).
const final = demoBallots(now);
const sql = [
  ...inserts(users, demo.users),
  ...inserts(roleAssignments, demo.roles),
  ...inserts(jurors, demo.jurors),
  ...inserts(jurorConflicts, demo.declared),
  ...inserts(entries, demo.entries),
  ...inserts(uploads, demo.uploads),
  ...inserts(entryFiles, demo.entryFiles),
  ...inserts(rubrics, demo.rubrics),
  ...inserts(rounds, demo.rounds),
  ...inserts(assignments, demo.assignments),
  ...inserts(rounds, results.rounds),
  ...inserts(assignments, results.assignments),
  ...inserts(reviews, results.reviews),
  ...inserts(rounds, final.rounds),
  ...inserts(shortlist, final.shortlist),
  ...inserts(assignments, final.assignments),
  ...inserts(ballots, final.ballots),
].join('\n');
run('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (const m of demoMedia) {
  run(
    'wrangler',
    [
      'r2',
      'object',
      'put',
      `spotlight-files/uploads/${m.id}`,
      '--file',
      m.source,
      '--local',
      '--persist-to',
      persistTo,
    ],
    { stdio: 'ignore' },
  );
}
console.log(
  `demo jury: ${demo.jurors.length} jurors of 2026, ${demo.entries.length} entries, round 1 open; a closed round with ${results.reviews.length} reviews; the ranked final open with ${final.ballots.length} ballots`,
);
