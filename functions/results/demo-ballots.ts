// The demo final of 2026: a closed semi-final (position 8; rubric, no reviews kept) and a ranked
// final (position 9, source `shortlist`) on the semi-final's explicit shortlist (the four written
// and the two video entries, chosen by a manager with a reason; positions far from round 1 so that
// rounds managers add in the demo, e.g. the browser tests' round 2, do not come in between), every juror given every shortlisted entry they are not in conflict with (by hand), and
// the submitted ballots of five jurors — Éva Horváth has not voted yet, so a browser test can. The
// written category has a Condorcet winner despite three conflicts; the video category is a perfect
// tie, broken by the tie-breaking ranking. Loaded after the demo jury (functions/jury/demo-jury.ts)
// by scripts/seed-jury.ts; tests insert the same rows with `insertDemoBallots`. Pure: rows only.
import type { Db } from '../db/client.ts';
import { assignments, ballots, rounds, shortlist } from '../db/schema/index.ts';
import { demoIds, demoJurors, demoJury } from '../jury/demo-jury.ts';
import { inConflict, readingQuality } from '../jury/rules.ts';

const DAY = 24 * 60 * 60_000;
const EDITION = '2026';

/** Ids of the demo final's rows. */
export const demoBallotIds = {
  semifinal: 'demo-2026-round-semifinal',
  round: 'demo-2026-round-final',
  written: `${EDITION}-written`,
  video: `${EDITION}-video`,
};

/** Demo entry index (0-based, as `demoIds.entry`) by number in the demo list. */
const e = (n: number) => demoIds.entry(n - 1);

/** The shortlist: written entries 1, 4, 8, 12 and video entries 2, 6. */
const shortlisted = [1, 4, 8, 12, 2, 6];

/**
 * The demo ballots by juror key and category: entry number → rank (null: on the ballot, not ranked).
 * Entries a juror is in conflict with are never on their ballot (María ↔ 1, Jan ↔ 4, Anna ↔ 8, Ioana ↔ 6).
 */
const demoRanks: Record<string, Record<'written' | 'video', Record<number, number | null>>> = {
  maria: { written: { 12: 1, 8: 2, 4: 3 }, video: { 2: 1, 6: 2 } },
  oleksandr: { written: { 12: 1, 1: 2, 8: 3, 4: 4 }, video: { 6: 1, 2: 2 } },
  jan: { written: { 1: 1, 12: 2, 8: 3 }, video: { 2: 1, 6: 2 } },
  anna: { written: { 1: 1, 12: 1, 4: 2 }, video: { 6: 1, 2: 2 } },
  ioana: { written: { 12: 1, 8: 2, 1: 3, 4: null }, video: { 2: 1 } },
};

/**
 * Every row of the demo final, with times relative to `now`: the semi-final closed yesterday; the
 * final is open since yesterday and closes in 14 days.
 */
export function demoBallots(now: Date) {
  const jury = demoJury(now);
  const created = new Date(now.getTime() - DAY);
  const semifinal = {
    id: demoBallotIds.semifinal,
    editionId: EDITION,
    position: 8,
    kind: 'rubric' as const,
    name: { sk: 'Semifinále', en: 'Semi-final', uk: 'Півфінал' },
    opensAt: new Date(now.getTime() - 20 * DAY),
    closesAt: new Date(now.getTime() - DAY),
    source: 'all' as const,
    shortlistSize: null,
    perEntry: 2,
    visibility: 'afterOwn' as const,
    namesShown: false,
    lastRun: null,
    createdAt: created,
    updatedAt: created,
  };
  const round = {
    id: demoBallotIds.round,
    editionId: EDITION,
    position: 9,
    kind: 'ranked' as const,
    name: {
      sk: 'Finále: poradie hlasovacími lístkami',
      en: 'Final: ranked ballots',
      uk: 'Фінал: рейтингові бюлетені',
    },
    opensAt: new Date(now.getTime() - DAY),
    closesAt: new Date(now.getTime() + 14 * DAY),
    source: 'shortlist' as const,
    shortlistSize: 4,
    perEntry: 6,
    visibility: 'never' as const,
    namesShown: false,
    lastRun: null,
    createdAt: created,
    updatedAt: created,
  };
  const shortlistRows = shortlisted.map((n) => ({
    id: `demo-shortlist-${e(n)}`,
    roundId: semifinal.id,
    entryId: e(n),
    way: 'chosen' as const,
    reason: 'Ukážkový užší výber (demo).',
    meanScore: null,
    addedBy: null,
    addedAt: created,
  }));
  const contexts = demoJurors.map((j) => ({
    key: j.key,
    id: demoIds.juror(j.key),
    userId: demoIds.jurorUser(j.key),
    displayName: j.name,
    email: j.email,
    employer: j.employer,
    declared: j.declared,
    entryConflicts: [] as string[],
    languages: j.languages,
  }));
  const finalists = jury.entries.filter((x) => shortlistRows.some((s) => s.entryId === x.id));
  const assignmentRows = finalists.flatMap((entry) =>
    contexts
      .filter((j) => !inConflict(j, entry))
      .map((j) => ({
        id: `demo-final-${entry.id}-${j.id}`,
        roundId: round.id,
        entryId: entry.id,
        jurorId: j.id,
        source: 'manual' as const,
        quality: readingQuality(j.languages, { language: entry.language, summaryLanguages: [] }),
        createdAt: created,
      })),
  );
  const ballotRows = Object.entries(demoRanks).flatMap(([key, byCategory]) =>
    (['written', 'video'] as const).map((category) => ({
      id: `demo-ballot-${key}-${category}`,
      roundId: round.id,
      categoryId: demoBallotIds[category],
      jurorId: demoIds.juror(key),
      version: 1,
      saveId: `demo-${key}-${category}`,
      state: 'submitted' as const,
      ranks: Object.fromEntries(Object.entries(byCategory[category]).map(([n, rank]) => [e(Number(n)), rank])),
      createdAt: created,
      updatedAt: created,
      submittedAt: created,
    })),
  );
  return { rounds: [semifinal, round], shortlist: shortlistRows, assignments: assignmentRows, ballots: ballotRows };
}

/** Inserts the demo final (tests; the seed writes the same rows as SQL). Needs the demo editions and jury. */
export async function insertDemoBallots(db: Db, now: Date) {
  const demo = demoBallots(now);
  const statements = [
    ...demo.rounds.map((r) => db.insert(rounds).values(r).onConflictDoNothing()),
    ...demo.shortlist.map((r) => db.insert(shortlist).values(r).onConflictDoNothing()),
    ...demo.assignments.map((r) => db.insert(assignments).values(r).onConflictDoNothing()),
    ...demo.ballots.map((r) => db.insert(ballots).values(r).onConflictDoNothing()),
  ];
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  return demo;
}
