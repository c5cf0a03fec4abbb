// The demo people's-choice vote of the local portal (`npm start`, the e2e database): the 2026 demo
// edition's vote is open from yesterday for 14 days, marked `demo` (pages say so), with a few demo
// votes whose voter "hashes" are plainly not hashes (`demo-voter-…`), so the managers' counts show.
import { votes, voteWindows } from '../db/schema/index.ts';
import type { Db } from '../db/client.ts';
import { demoIds } from '../jury/demo-jury.ts';

const DAY = 24 * 60 * 60_000;
/** The edition whose vote the demo opens (the demo jury's edition, whose round 1 lists the entries). */
export const DEMO_VOTE_EDITION = '2026';

/** Demo votes: (entry index of the demo jury, how many votes). Written 1 and 4 tie on purpose. */
const demoTally: [number, number][] = [
  [0, 3],
  [3, 3],
  [1, 2],
  [4, 1],
];

/** The demo window and votes as rows, relative to `now`. */
export function demoVotes(now: Date) {
  const window = {
    editionId: DEMO_VOTE_EDITION,
    opensAt: new Date(now.getTime() - DAY),
    closesAt: new Date(now.getTime() + 14 * DAY),
    demo: true,
    updatedAt: now,
    updatedBy: 'demo',
  };
  const categoryOf = ['written', 'video', 'audio', 'written', 'photo'];
  const rows = demoTally.flatMap(([entry, count]) =>
    Array.from({ length: count }, (_, k) => ({
      categoryId: `${DEMO_VOTE_EDITION}-${categoryOf[entry]}`,
      voterHash: `demo-voter-${entry}-${k}`,
      editionId: DEMO_VOTE_EDITION,
      entryId: demoIds.entry(entry),
      castAt: now,
      updatedAt: now,
      changes: 0,
    })),
  );
  return { window, votes: rows };
}

/** Inserts the demo vote (tests; scripts/seed-votes.ts writes the same rows as SQL). Needs the demo jury. */
export async function insertDemoVotes(db: Db, now: Date) {
  const demo = demoVotes(now);
  await db.batch([
    db.insert(voteWindows).values(demo.window).onConflictDoNothing(),
    ...demo.votes.map((v) => db.insert(votes).values(v).onConflictDoNothing()),
  ]);
  return demo;
}
