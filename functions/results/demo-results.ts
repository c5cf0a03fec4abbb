// Demo results for the 2026 jury (functions/jury/demo-jury.ts): a closed rubric round before the
// open one, assigned three jurors per entry by the same assignment, with submitted reviews whose
// scores come from a seeded generator — so the managers' results pages show something real: a harsh
// and a lenient juror, a strong disagreement, an abstention, a juror with too few reviews to
// normalise, and Hungarian entries scored lower. Pure rows; `insertDemoResults` (tests) and
// scripts/seed-jury.ts (`npm start`, e2e) load them after the demo jury.
import type { Db } from '../db/client.ts';
import { assignments, reviews, rounds } from '../db/schema/index.ts';
import { assignJurors } from '../jury/assignment.ts';
import { demoCriteria, demoIds, demoJury } from '../jury/demo-jury.ts';
import { entrySummaryLanguages } from '../jury/rules.ts';
import { seededRandom } from './fairness.ts';

const DAY = 24 * 60 * 60_000;
const label = (sk: string, en: string, uk: string) => ({ sk, en, uk });

/** The closed demo round's id (position 0: it came before round 1). */
export const DEMO_RESULTS_ROUND = 'demo-2026-round-0';

/** How good each demo entry is, in [0, 1] (by entry index); the Hungarian ones (2, 11) lowest. */
const quality = [0.78, 0.7, 0.3, 0.62, 0.55, 0.6, 0.66, 0.58, 0.74, 0.5, 0.68, 0.32];
/** How each juror leans (added to every score): Éva is harsh, Oleksandr lenient. */
const lean: Record<string, number> = { maria: 0, oleksandr: 0.18, eva: -0.22, jan: 0.02, anna: 0, ioana: -0.04 };
/** Anna submitted only two reviews (the rest are drafts): too few to normalise. */
const SUBMITTED_BY_ANNA = 2;

/** The closed round, its assignment (3 jurors per entry) and its reviews, with times relative to `now`. */
export function demoResults(now: Date) {
  const jury = demoJury(now);
  const created = new Date(now.getTime() - 40 * DAY);
  const round = {
    id: DEMO_RESULTS_ROUND,
    editionId: '2026',
    position: 0,
    kind: 'rubric' as const,
    name: label(
      'Predkolo: hodnotenie (uzavreté)',
      'Preliminary round: scoring (closed)',
      'Попередній тур: оцінювання (завершено)',
    ),
    opensAt: new Date(now.getTime() - 30 * DAY),
    closesAt: new Date(now.getTime() - 10 * DAY),
    source: 'all' as const,
    shortlistSize: null,
    perEntry: 3,
    visibility: 'afterOwn' as const,
    namesShown: false,
    lastRun: null,
    createdAt: created,
    updatedAt: created,
  };
  const result = assignJurors({
    entries: jury.entries.map((e) => ({
      id: e.id,
      language: e.language,
      categoryId: e.categoryId,
      summaryLanguages: entrySummaryLanguages(
        e.summaryTranslation,
        jury.rubrics.find((r) => r.categoryId === e.categoryId)?.summaryLanguages ?? [],
      ),
    })),
    jurors: jury.jurors.map((j) => ({ id: j.id, languages: j.languages, expertise: j.expertise, cap: j.cap })),
    conflicts: jury.conflicts,
    kept: [],
    perEntry: round.perEntry,
  });
  const pairs = [...result.assignments].sort(
    (a, b) => a.entryId.localeCompare(b.entryId) || a.jurorId.localeCompare(b.jurorId),
  );
  const assignmentRows = pairs.map((a) => ({
    id: `demo-results-assignment-${a.entryId}-${a.jurorId}`,
    roundId: round.id,
    entryId: a.entryId,
    jurorId: a.jurorId,
    source: 'auto' as const,
    quality: a.quality,
    createdAt: created,
  }));
  const random = seededRandom(2026);
  const keyOf = (jurorId: string) => jurorId.replace(demoIds.juror(''), '');
  let annaSubmitted = 0;
  const reviewRows = pairs.map((a, n) => {
    const index = jury.entries.findIndex((e) => e.id === a.entryId);
    const juror = keyOf(a.jurorId);
    const scores: Record<string, number | null> = {};
    for (const c of demoCriteria) {
      const s = (quality[index] ?? 0.5) + (lean[juror] ?? 0) + (random() - 0.5) * 0.3;
      scores[c.key] = Math.min(c.max, Math.max(c.min, Math.round(c.min + (c.max - c.min) * s)));
    }
    // Entry 01: its first juror and the others are far apart on accuracy (a strong disagreement).
    if (index === 0) scores.accuracy = pairs[n - 1]?.entryId === a.entryId ? 5 : 1;
    // Entry 05: one juror abstains on originality.
    if (index === 4 && n % 2 === 0) scores.originality = null;
    const submitted = juror !== 'anna' || annaSubmitted++ < SUBMITTED_BY_ANNA;
    const at = new Date(now.getTime() - (20 - (n % 9)) * DAY);
    return {
      id: `demo-results-review-${a.entryId}-${a.jurorId}`,
      roundId: round.id,
      entryId: a.entryId,
      jurorId: a.jurorId,
      version: 1,
      saveId: `demo-results-save-${n}`,
      state: submitted ? ('submitted' as const) : ('draft' as const),
      scores,
      verdict: null,
      rank: null,
      abstained: false,
      commentForJury: '',
      commentForEntrant: '',
      createdAt: at,
      updatedAt: at,
      submittedAt: submitted ? at : null,
    };
  });
  return { rounds: [round], assignments: assignmentRows, reviews: reviewRows };
}

/** Inserts the demo results (tests; the seed script writes the same rows as SQL). Needs the demo jury. */
export async function insertDemoResults(db: Db, now: Date) {
  const demo = demoResults(now);
  const statements = [
    ...demo.rounds.map((r) => db.insert(rounds).values(r).onConflictDoNothing()),
    ...demo.assignments.map((r) => db.insert(assignments).values(r).onConflictDoNothing()),
    ...demo.reviews.map((r) => db.insert(reviews).values(r).onConflictDoNothing()),
  ];
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  return demo;
}
