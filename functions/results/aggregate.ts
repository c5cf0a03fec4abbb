// From a round's submitted reviews to figures a jury can trust: each review's weighted total, each
// entry's mean, median, count, standard deviation and range, and each juror's scores normalised
// (z-scores within the juror's reviews of the round). Pure: no I/O; the statistics come from
// simple-statistics. Every formula is asserted with exact values in aggregate.test.ts.
//
// The normalisation, in full. Let s be a review's weighted score in [0, 1] (functions/jury/rules.ts:
// each criterion's value scaled to [0, 1] on its own scale, weighted, weights re-normalised over the
// criteria not abstained on). For juror j with scores s_1 … s_n in the round, m_j and σ_j are their
// mean and (population) standard deviation, and z = (s − m_j) / σ_j. M and Σ are the mean and
// standard deviation of every review's s in the round (all jurors). The normalised score is
//     s′ = clamp(M + Σ · z, 0, 1)
// — the juror's relative judgement expressed on the jury's own level and spread — and, like the raw
// one, it is shown on the rubric's range [lo, hi] (lo = smallest criterion minimum, hi = largest
// criterion maximum; 1–5 for the demo rubric):
//     total = lo + (hi − lo) · s        normalised total = lo + (hi − lo) · s′
// A juror with fewer than 3 scored reviews in the round, or whose scores are all equal (σ_j = 0),
// is left raw (s′ = s) and flagged, so the manager sees why.
import { mean, median, standardDeviation } from 'simple-statistics';
import type { RubricCriterion } from '../db/schema/jury.ts';
import { weightedScore } from '../jury/rules.ts';

/** Fewer scored reviews than this in a round and a juror is left raw (a z-score of 1 or 2 values says little). */
export const MIN_REVIEWS_TO_NORMALISE = 3;
/** A criterion whose jurors' values lie this share of its scale apart (or more) is a strong disagreement. */
export const STRONG_DISAGREEMENT = 0.75;

/** A rubric's range: the smallest criterion minimum and the largest criterion maximum. */
export interface Range {
  lo: number;
  hi: number;
}

/** The range totals are shown on: [smallest minimum, largest maximum] of the criteria; [0, 1] for none. */
export function rubricRange(criteria: readonly RubricCriterion[]): Range {
  if (criteria.length === 0) return { lo: 0, hi: 1 };
  return { lo: Math.min(...criteria.map((c) => c.min)), hi: Math.max(...criteria.map((c) => c.max)) };
}

/** A score in [0, 1] shown on `range`. */
export const onRange = (score: number, range: Range): number => range.lo + (range.hi - range.lo) * score;

/** One submitted rubric review, as aggregation reads it. */
export interface ReviewInput {
  entryId: string;
  jurorId: string;
  /** Per criterion key: the value, or null for an abstention on that criterion. */
  scores: Readonly<Record<string, number | null>>;
  /** The juror abstained on the whole entry. */
  abstained: boolean;
}

/**
 * A review's weighted total on the rubric's range (e.g. 1–5), abstentions leaving the weights
 * re-normalised over the criteria scored; null when the juror abstained on the entry or on every
 * criterion. Example: weights 3, 2 on 1–5 with values 5 and 3 → (3·1 + 2·0.5)/5 = 0.8 → 4.2.
 */
export function reviewTotal(
  criteria: readonly RubricCriterion[],
  scores: Readonly<Record<string, number | null>>,
  abstained = false,
): number | null {
  const s = weightedScore(criteria, scores, abstained);
  return s === null ? null : onRange(s, rubricRange(criteria));
}

/** Mean, median, count, (population) standard deviation and max − min of some totals. */
export interface Summary {
  count: number;
  /** Null when there are no values (also for the fields below). */
  mean: number | null;
  median: number | null;
  /** Population standard deviation (the spread of these reviews, not an estimate for more jurors); 0 for one value. */
  sd: number | null;
  /** max − min; 0 for one value. */
  range: number | null;
}

/** The summary of `values` (totals of one entry). */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, mean: null, median: null, sd: null, range: null };
  const list = [...values];
  return {
    count: list.length,
    mean: mean(list),
    median: median(list),
    sd: standardDeviation(list),
    range: Math.max(...list) - Math.min(...list),
  };
}

/** Why a juror's scores were left raw: too few reviews, or all the same. */
export type RawReason = 'fewReviews' | 'noSpread';

/** A juror's normalisation: their mean and spread in [0, 1], and whether (and why) they were left raw. */
export interface JurorNormalisation {
  jurorId: string;
  /** Reviews with a score (abstentions do not count). */
  count: number;
  /** Mean and population standard deviation of the juror's scores s in [0, 1]. */
  mean: number;
  sd: number;
  /** Null when normalised; otherwise why the scores were left raw. */
  leftRaw: RawReason | null;
}

/** A review with its scores: s and s′ in [0, 1], and both totals on its rubric's range. */
export interface ScoredReview extends ReviewInput {
  /** Weighted score in [0, 1]; null for an abstention. */
  score: number | null;
  /** Normalised score s′ in [0, 1]; equals `score` for a juror left raw; null for an abstention. */
  normalisedScore: number | null;
  /** Totals on the rubric's range. */
  total: number | null;
  normalisedTotal: number | null;
  range: Range;
}

/**
 * Scores every review (weighted, on its rubric's range) and normalises each juror's within the
 * round (see the file's head for the formula). `criteriaOf(entryId)` gives the entry's rubric.
 * Returns the reviews in the order given, each juror's normalisation (by first appearance), and
 * the round's mean M and standard deviation Σ of s.
 */
export function normaliseRound(
  reviews: readonly ReviewInput[],
  criteriaOf: (entryId: string) => readonly RubricCriterion[],
): { reviews: ScoredReview[]; jurors: JurorNormalisation[]; roundMean: number | null; roundSd: number | null } {
  const scored = reviews.map((r) => {
    const criteria = criteriaOf(r.entryId);
    return { review: r, score: weightedScore(criteria, r.scores, r.abstained), range: rubricRange(criteria) };
  });
  const all = scored.flatMap((x) => (x.score === null ? [] : [x.score]));
  const roundMean = all.length ? mean(all) : null;
  const roundSd = all.length ? standardDeviation(all) : null;
  const jurorIds = [...new Set(reviews.map((r) => r.jurorId))];
  const jurors = jurorIds.map((jurorId): JurorNormalisation => {
    const mine = scored.flatMap((x) => (x.review.jurorId === jurorId && x.score !== null ? [x.score] : []));
    const m = mine.length ? mean(mine) : 0;
    const sd = mine.length ? standardDeviation(mine) : 0;
    const leftRaw: RawReason | null =
      mine.length < MIN_REVIEWS_TO_NORMALISE ? 'fewReviews' : sd === 0 ? 'noSpread' : null;
    return { jurorId, count: mine.length, mean: m, sd, leftRaw };
  });
  const byJuror = new Map(jurors.map((j) => [j.jurorId, j]));
  return {
    reviews: scored.map(({ review, score, range }) => {
      const j = byJuror.get(review.jurorId) as JurorNormalisation;
      const normalisedScore =
        score === null
          ? null
          : j.leftRaw
            ? score
            : clamp01((roundMean ?? 0) + (roundSd ?? 0) * ((score - j.mean) / j.sd));
      return {
        ...review,
        score,
        normalisedScore,
        total: score === null ? null : onRange(score, range),
        normalisedTotal: normalisedScore === null ? null : onRange(normalisedScore, range),
        range,
      };
    }),
    jurors,
    roundMean,
    roundSd,
  };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** A criterion the jurors of an entry were far apart on: its lowest and highest value given. */
export interface CriterionSpread {
  key: string;
  low: number;
  high: number;
  /** high − low, in the criterion's points. */
  apart: number;
}

/**
 * The criteria an entry's reviews disagree on strongly: values given (abstentions left out) lying
 * at least `STRONG_DISAGREEMENT` of the criterion's scale apart (3 points or more on 1–5), widest first,
 * then in rubric order.
 */
export function strongDisagreements(
  criteria: readonly RubricCriterion[],
  reviews: readonly Pick<ReviewInput, 'scores' | 'abstained'>[],
): CriterionSpread[] {
  const spreads: CriterionSpread[] = [];
  for (const c of criteria) {
    const values = reviews.flatMap((r) => {
      const v = r.abstained ? null : r.scores[c.key];
      return v === null || v === undefined ? [] : [v];
    });
    if (values.length < 2) continue;
    const low = Math.min(...values);
    const high = Math.max(...values);
    if (high - low >= STRONG_DISAGREEMENT * (c.max - c.min) - 1e-9)
      spreads.push({ key: c.key, low, high, apart: high - low });
  }
  return spreads.sort((a, b) => b.apart - a.apart);
}
