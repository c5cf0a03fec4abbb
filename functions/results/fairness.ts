// Language fairness: do entries in some languages score lower than the rest beyond chance? Per
// language, a one-sided permutation test on the entries' normalised scores; per juror, the same on
// how far the juror's scores lie from the other jurors' of the same entries. Pure: no I/O; the
// permutations come from a seeded generator, so the same data always gives the same p-value.
//
// The test. For a group G (a language's entries) of size g among N values with observed mean
// difference d = mean(G) − mean(rest), draw k = 10,000 random relabellings that keep the group
// sizes and count b, those whose difference is as low as d or lower. The p-value is
// (b + 1) / (k + 1) (Phipson & Smyth 2010: a Monte Carlo p-value is never 0), and G is flagged
// when p < 0.05. Why not `simple-statistics`' permutationTest: it returns b / k (so 0 is possible)
// and compares floating-point means with no tolerance, so a relabelling equal to the observed one can
// count or not by rounding; ours compares sums with a tolerance and draws only the group's places
// (a partial Fisher–Yates shuffle). fairness.test.ts checks both against the exact p-value found by
// enumerating every relabelling of a small constructed case.
import { mean } from 'simple-statistics';

/** Relabellings drawn per test. */
export const PERMUTATIONS = 10_000;
/** Flag below this p-value. */
export const SIGNIFICANCE = 0.05;
/** A group is tested only with at least this many values in it and in the rest. */
export const MIN_GROUP = 2;

/** mulberry32: a small, fast 32-bit seeded generator of numbers in [0, 1). Same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A 32-bit seed from text (FNV-1a), so a round's tests are seeded by its id and repeat exactly. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * One-sided permutation test: the probability, if group membership did not matter, of a group of
 * this size having a mean as low as `group`'s (p = (b + 1) / (k + 1), see the file's head).
 * `random` is a generator from `seededRandom`.
 */
export function lowerTailPermutationP(
  group: readonly number[],
  rest: readonly number[],
  random: () => number,
  permutations = PERMUTATIONS,
): number {
  const pool = [...group, ...rest];
  const g = group.length;
  const total = pool.reduce((a, b) => a + b, 0);
  // With the sizes fixed, mean(G) − mean(rest) grows with sum(G): compare sums (no division noise).
  const observed = group.reduce((a, b) => a + b, 0);
  const eps = 1e-9 * Math.max(1, Math.abs(total));
  let asLow = 0;
  for (let k = 0; k < permutations; k++) {
    // A partial Fisher–Yates shuffle: the first g places are a uniformly random subset.
    let sum = 0;
    for (let i = 0; i < g; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      const picked = pool[j] as number;
      pool[j] = pool[i] as number;
      pool[i] = picked;
      sum += picked;
    }
    if (sum <= observed + eps) asLow++;
  }
  return (asLow + 1) / (permutations + 1);
}

/** A language's line in the fairness table. */
export interface LanguageFairness {
  language: string;
  /** Entries in the language with a score. */
  count: number;
  /** Mean of its entries' normalised scores, and of all the other entries'. */
  mean: number;
  restMean: number | null;
  /** One-sided p-value; null when the group or the rest is too small to test. */
  p: number | null;
  /** p < 0.05: the language's entries score lower than the rest beyond chance. */
  flagged: boolean;
}

/**
 * Per language (in the order first met), the count and mean of its entries' scores and the
 * one-sided permutation test against all other entries. The generator is seeded with `seed` once
 * and used by the languages in order, so the table repeats exactly for the same round.
 */
export function languageFairness(
  entries: readonly { language: string; score: number }[],
  seed: number,
  permutations = PERMUTATIONS,
): LanguageFairness[] {
  const random = seededRandom(seed);
  const languages = [...new Set(entries.map((e) => e.language))];
  return languages.map((language) => {
    const group = entries.filter((e) => e.language === language).map((e) => e.score);
    const rest = entries.filter((e) => e.language !== language).map((e) => e.score);
    const testable = group.length >= MIN_GROUP && rest.length >= MIN_GROUP;
    const p = testable ? lowerTailPermutationP(group, rest, random, permutations) : null;
    return {
      language,
      count: group.length,
      mean: mean(group),
      restMean: rest.length ? mean(rest) : null,
      p,
      flagged: p !== null && p < SIGNIFICANCE,
    };
  });
}

/** One of a juror's reviews, with how far it lies from the other jurors' scores of the same entry. */
export interface JurorReviewGap {
  jurorId: string;
  language: string;
  /** The juror's normalised score minus the mean normalised score of the entry's other jurors. */
  gap: number;
}

/**
 * The gaps of every review whose entry was also scored by another juror: the juror's normalised
 * score minus the mean of the other jurors' normalised scores of that entry. Comparing a juror with
 * the others on the same entries keeps an entry's own quality out of the juror's language test.
 */
export function reviewGaps(
  reviews: readonly { entryId: string; jurorId: string; normalisedScore: number | null }[],
  languageOf: (entryId: string) => string,
): JurorReviewGap[] {
  const scored = reviews.filter((r): r is typeof r & { normalisedScore: number } => r.normalisedScore !== null);
  return scored.flatMap((r) => {
    const others = scored.filter((o) => o.entryId === r.entryId && o.jurorId !== r.jurorId);
    if (others.length === 0) return [];
    return [
      {
        jurorId: r.jurorId,
        language: languageOf(r.entryId),
        gap: r.normalisedScore - mean(others.map((o) => o.normalisedScore)),
      },
    ];
  });
}

/** A juror who scores a language's entries lower than the other jurors do, beyond chance. */
export interface JurorLanguageFlag {
  jurorId: string;
  language: string;
  /** Reviews in the language and the juror's other reviews. */
  count: number;
  restCount: number;
  /** Mean gap (see `reviewGaps`) in the language and in the juror's other reviews. */
  meanGap: number;
  restMeanGap: number;
  p: number;
}

/**
 * Per juror and language, the one-sided permutation test of the juror's gaps in that language
 * against their gaps in other languages (each with at least 2 reviews); the pairs with p < 0.05,
 * in juror then language order of first appearance. Seeded once with `seed`.
 */
export function jurorLanguageFlags(
  gaps: readonly JurorReviewGap[],
  seed: number,
  permutations = PERMUTATIONS,
): JurorLanguageFlag[] {
  const random = seededRandom(seed);
  const flags: JurorLanguageFlag[] = [];
  for (const jurorId of new Set(gaps.map((g) => g.jurorId))) {
    const mine = gaps.filter((g) => g.jurorId === jurorId);
    for (const language of new Set(mine.map((g) => g.language))) {
      const group = mine.filter((g) => g.language === language).map((g) => g.gap);
      const rest = mine.filter((g) => g.language !== language).map((g) => g.gap);
      if (group.length < MIN_GROUP || rest.length < MIN_GROUP) continue;
      const p = lowerTailPermutationP(group, rest, random, permutations);
      if (p < SIGNIFICANCE)
        flags.push({
          jurorId,
          language,
          count: group.length,
          restCount: rest.length,
          meanGap: mean(group),
          restMeanGap: mean(rest),
          p,
        });
    }
  }
  return flags;
}
