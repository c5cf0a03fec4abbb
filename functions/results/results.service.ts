// Managers' results of a jury round: reads the round's submitted reviews and hands them to the pure
// aggregation (aggregate.ts, leaderboard.ts, fairness.ts). Only managers of the edition reach it
// (results.routes.ts checks `results.view`); jurors and the public never do.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { mean, median, standardDeviation } from 'simple-statistics';
import type { LocalizedText } from '../db/schema/competition.ts';
import { assignments, categories, entries, jurors, reviews, rounds, users } from '../db/schema/index.ts';
import type { RubricCriterion } from '../db/schema/jury.ts';
import type { Deps } from '../deps.ts';
import { readEdition } from '../competition/editions.service.ts';
import { roundOf, rubricsOf } from '../jury/access.ts';
import { roundState } from '../jury/rules.ts';
import { normaliseRound, onRange, type RawReason, rubricRange } from './aggregate.ts';
import { jurorLanguageFlags, languageFairness, PERMUTATIONS, reviewGaps, SIGNIFICANCE, seedOf } from './fairness.ts';
import { categoryResults, type EntryResult, type LeaderboardSort, sortResults } from './leaderboard.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

/**
 * The rounds of an edition in order with their progress: entries assigned, juror ↔ entry pairs
 * assigned and reviews submitted (the "progress per round" chart).
 * @throws AppError `request.notFound` (404) when the edition does not exist
 */
export async function editionProgress(deps: ServiceDeps, editionId: string) {
  await readEdition(deps, editionId);
  const now = deps.clock();
  const list = await deps.db.select().from(rounds).where(eq(rounds.editionId, editionId)).orderBy(asc(rounds.position));
  const ids = list.map((r) => r.id);
  const [assigned, submitted] = ids.length
    ? await Promise.all([
        deps.db
          .select({
            roundId: assignments.roundId,
            pairs: sql<number>`count(*)`,
            entries: sql<number>`count(distinct ${assignments.entryId})`,
          })
          .from(assignments)
          .where(inArray(assignments.roundId, ids))
          .groupBy(assignments.roundId),
        deps.db
          .select({ roundId: reviews.roundId, count: sql<number>`count(*)` })
          .from(reviews)
          .where(and(inArray(reviews.roundId, ids), eq(reviews.state, 'submitted')))
          .groupBy(reviews.roundId),
      ])
    : [[], []];
  return {
    rounds: list.map((r) => {
      const a = assigned.find((x) => x.roundId === r.id);
      return {
        id: r.id,
        position: r.position,
        name: r.name,
        kind: r.kind,
        state: roundState(r, now),
        opensAt: r.opensAt.toISOString(),
        closesAt: r.closesAt.toISOString(),
        entries: Number(a?.entries ?? 0),
        assigned: Number(a?.pairs ?? 0),
        submitted: Number(submitted.find((x) => x.roundId === r.id)?.count ?? 0),
      };
    }),
  };
}

/** The round's submitted reviews with their entry and juror, for managers (every category). */
async function roundRows(deps: ServiceDeps, editionId: string, roundId: string) {
  const round = await roundOf(deps.db, editionId, roundId);
  const [reviewRows, assignedEntries, categoryRows, rubricMap] = await Promise.all([
    deps.db
      .select({
        entryId: reviews.entryId,
        jurorId: reviews.jurorId,
        scores: reviews.scores,
        abstained: reviews.abstained,
        submittedAt: reviews.submittedAt,
      })
      .from(reviews)
      .innerJoin(entries, eq(entries.id, reviews.entryId))
      .where(
        and(
          eq(reviews.roundId, roundId),
          eq(reviews.state, 'submitted'),
          eq(entries.editionId, editionId),
          eq(entries.status, 'submitted'),
        ),
      ),
    deps.db
      .selectDistinct({
        id: entries.id,
        number: entries.number,
        title: entries.title,
        language: entries.language,
        categoryId: entries.categoryId,
      })
      .from(assignments)
      .innerJoin(entries, eq(entries.id, assignments.entryId))
      .where(and(eq(assignments.roundId, roundId), eq(entries.status, 'submitted'), eq(entries.editionId, editionId))),
    deps.db
      .select({ id: categories.id, name: categories.name, position: categories.position })
      .from(categories)
      .where(eq(categories.editionId, editionId))
      .orderBy(asc(categories.position), asc(categories.slug)),
    rubricsOf(deps.db, editionId),
  ]);
  // Entries reviewed without a current assignment (taken away after a review) still count.
  const missing = [...new Set(reviewRows.map((r) => r.entryId))].filter(
    (id) => !assignedEntries.some((e) => e.id === id),
  );
  const extra = missing.length
    ? await deps.db
        .select({
          id: entries.id,
          number: entries.number,
          title: entries.title,
          language: entries.language,
          categoryId: entries.categoryId,
        })
        .from(entries)
        .where(inArray(entries.id, missing))
    : [];
  const entryList = [...assignedEntries, ...extra]
    .map((e) => ({ ...e, number: e.number ?? '', categoryId: e.categoryId ?? '' }))
    .sort((a, b) => a.number.localeCompare(b.number));
  const jurorIds = [...new Set(reviewRows.map((r) => r.jurorId))];
  const people = jurorIds.length
    ? await deps.db
        .select({ id: jurors.id, name: users.displayName, email: users.email })
        .from(jurors)
        .innerJoin(users, eq(users.id, jurors.userId))
        .where(inArray(jurors.id, jurorIds))
    : [];
  return { round, reviewRows, entryList, categoryRows, rubricMap, people };
}

/** A juror as the results show them: name (or address), reviews scored, the raw totals' spread. */
export interface JurorResult {
  id: string;
  name: string;
  count: number;
  /** Raw totals of the juror's scored reviews, on the rubric's range, in entry number order. */
  totals: number[];
  mean: number | null;
  median: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  /** Why the juror's scores were left raw (null: normalised). */
  leftRaw: RawReason | null;
}

/**
 * Everything the managers' results page, the report and the exports show for a round: per
 * category the leaderboard (sorted as asked), the rubric's criteria (to name disagreements), the
 * jurors with their spreads, the language-fairness table and the jurors listed for scoring a
 * language lower. Only submitted reviews count; drafts and entries no longer submitted do not.
 * @throws AppError `request.notFound` (404) when the round does not exist in the edition
 */
export async function roundResults(
  deps: ServiceDeps,
  editionId: string,
  roundId: string,
  sort: LeaderboardSort = 'total',
) {
  return (await computeRound(deps, editionId, roundId, sort)).results;
}

/** `roundResults` and the pieces the score sheet also needs. */
async function computeRound(deps: ServiceDeps, editionId: string, roundId: string, sort: LeaderboardSort) {
  const { round, reviewRows, entryList, categoryRows, rubricMap, people } = await roundRows(deps, editionId, roundId);
  const entryById = new Map(entryList.map((e) => [e.id, e]));
  const criteriaOf = (entryId: string): RubricCriterion[] =>
    rubricMap.get(entryById.get(entryId)?.categoryId ?? '')?.criteria ?? [];
  const ordered = [...reviewRows].sort(
    (a, b) =>
      (entryById.get(a.entryId)?.number ?? '').localeCompare(entryById.get(b.entryId)?.number ?? '') ||
      a.jurorId.localeCompare(b.jurorId),
  );
  const normalised = normaliseRound(round.kind === 'rubric' ? ordered : [], criteriaOf);
  const nameOf = (jurorId: string) => {
    const p = people.find((x) => x.id === jurorId);
    return p?.name || p?.email || jurorId;
  };

  const categoryList = categoryRows
    .map((c) => {
      const criteria = rubricMap.get(c.id)?.criteria ?? [];
      const rows = categoryResults(
        entryList.filter((e) => e.categoryId === c.id),
        normalised.reviews,
        criteria,
      );
      return {
        id: c.id,
        name: c.name,
        range: rubricRange(criteria),
        criteria: criteria.map((k) => ({ key: k.key, label: k.label, weight: k.weight, min: k.min, max: k.max })),
        entries: sortResults(rows, sort),
      };
    })
    .filter((c) => c.entries.length > 0);

  const jurorList: JurorResult[] = normalised.jurors
    .map((j) => {
      const totals = normalised.reviews.flatMap((r) => (r.jurorId === j.jurorId && r.total !== null ? [r.total] : []));
      return {
        id: j.jurorId,
        name: nameOf(j.jurorId),
        count: j.count,
        totals,
        mean: totals.length ? mean(totals) : null,
        median: totals.length ? median(totals) : null,
        sd: totals.length ? standardDeviation(totals) : null,
        min: totals.length ? Math.min(...totals) : null,
        max: totals.length ? Math.max(...totals) : null,
        leftRaw: j.leftRaw,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  // Language fairness on the entries' normalised scores in [0, 1] (comparable across rubrics).
  const entryScores = entryList.flatMap((e) => {
    const mine = normalised.reviews.flatMap((r) =>
      r.entryId === e.id && r.normalisedScore !== null ? [r.normalisedScore] : [],
    );
    return mine.length ? [{ language: e.language, score: mean(mine), range: rubricRange(criteriaOf(e.id)) }] : [];
  });
  const seed = seedOf(round.id);
  const fairness = languageFairness(entryScores, seed).map((l) => {
    const mine = entryScores.filter((e) => e.language === l.language);
    const rest = entryScores.filter((e) => e.language !== l.language);
    return {
      ...l,
      // Shown on the rubric's range (the mean of each entry's normalised total).
      meanTotal: mean(mine.map((e) => onRange(e.score, e.range))),
      restMeanTotal: rest.length ? mean(rest.map((e) => onRange(e.score, e.range))) : null,
    };
  });
  fairness.sort((a, b) => a.mean - b.mean || a.language.localeCompare(b.language));
  const gaps = reviewGaps(normalised.reviews, (id) => entryById.get(id)?.language ?? '');
  const jurorFlags = jurorLanguageFlags(gaps, seed ^ 0x9e3779b9).map((f) => ({ ...f, name: nameOf(f.jurorId) }));

  const results = {
    round: {
      id: round.id,
      name: round.name,
      kind: round.kind,
      position: round.position,
      state: roundState(round, deps.clock()),
      closesAt: round.closesAt.toISOString(),
    },
    reviews: normalised.reviews.length,
    /** The range every rubric of the round fits in (charts; the jurors' gaps in points). */
    range: categoryList.length
      ? {
          lo: Math.min(...categoryList.map((c) => c.range.lo)),
          hi: Math.max(...categoryList.map((c) => c.range.hi)),
        }
      : rubricRange([]),
    sort,
    categories: categoryList,
    jurors: jurorList,
    fairness,
    jurorFlags,
    test: { permutations: PERMUTATIONS, significance: SIGNIFICANCE },
  };
  return { results, scored: normalised.reviews, entryList, rubricMap, nameOf };
}

/** The answer of `roundResults`, as pages read it. */
export type RoundResults = Awaited<ReturnType<typeof roundResults>>;
export type { EntryResult };

/** A score sheet cell: text, a number, or empty. */
export type SheetCell = string | number | null;

/**
 * The full score sheet of a round, one row per submitted review: entry, category, language,
 * juror, each criterion's value (empty for an abstention on it), whether the juror abstained, the
 * weighted total and the normalised total, then the entry's mean and normalised mean. Header
 * labels come from `label` (translated by the caller); numbers stay numbers.
 * @throws AppError `request.notFound` (404) when the round does not exist in the edition
 */
export async function scoreSheet(
  deps: ServiceDeps,
  editionId: string,
  roundId: string,
  label: (key: string) => string,
  locale: string,
): Promise<SheetCell[][]> {
  const { results, scored, entryList, rubricMap, nameOf } = await computeRound(deps, editionId, roundId, 'total');
  const keys = [...new Set(entryList.flatMap((e) => (rubricMap.get(e.categoryId)?.criteria ?? []).map((c) => c.key)))];
  const criterionLabel = (key: string): string => {
    for (const r of rubricMap.values()) {
      const c = r.criteria.find((x) => x.key === key);
      if (c) return inLocale(c.label, locale) || key;
    }
    return key;
  };
  const entryRows = new Map(results.categories.flatMap((c) => c.entries.map((e) => [e.id, { e, c }] as const)));
  const header: SheetCell[] = [
    label('entry'),
    label('title'),
    label('category'),
    label('language'),
    label('juror'),
    ...keys.map(criterionLabel),
    label('abstained'),
    label('total'),
    label('normalised'),
    label('entryMean'),
    label('entryNormalised'),
  ];
  const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
  const rows = scored.map((r): SheetCell[] => {
    const found = entryRows.get(r.entryId);
    return [
      found?.e.number ?? r.entryId,
      found?.e.title ?? '',
      found ? inLocale(found.c.name, locale) : '',
      found?.e.language ?? '',
      nameOf(r.jurorId),
      ...keys.map((k) => {
        const v = r.abstained ? null : r.scores[k];
        return v === undefined ? null : v;
      }),
      r.abstained ? label('yes') : '',
      round4(r.total),
      round4(r.normalisedTotal),
      round4(found?.e.raw.mean ?? null),
      round4(found?.e.normalised.mean ?? null),
    ];
  });
  return [header, ...rows];
}

const inLocale = (text: LocalizedText, locale: string): string =>
  (text as Record<string, string>)[locale] || text.en || text.sk || '';
