import { describe, expect, it } from 'vitest';
import type { RubricCriterion } from '../db/schema/jury.ts';
import {
  normaliseRound,
  reviewTotal,
  rubricRange,
  strongDisagreements,
  summarise,
  type ReviewInput,
} from './aggregate.ts';
import { categoryResults, competitionRanks, sortResults } from './leaderboard.ts';

const label = { sk: 'x', en: 'x', uk: 'x' };
const criterion = (key: string, weight: number, min = 1, max = 5): RubricCriterion => ({
  key,
  weight,
  min,
  max,
  label,
  values: {},
});
const rubric = [criterion('accuracy', 3), criterion('balance', 2), criterion('craft', 1)];

describe('a review’s weighted total', () => {
  it('weights each criterion, on the rubric’s range', () => {
    // s = (3·1 + 2·0.5 + 1·0) / 6 = 2/3 → 1 + 4 · 2/3
    expect(reviewTotal(rubric, { accuracy: 5, balance: 3, craft: 1 })).toBeCloseTo(11 / 3, 12);
    expect(reviewTotal(rubric, { accuracy: 1, balance: 1, craft: 1 })).toBe(1);
    expect(reviewTotal(rubric, { accuracy: 5, balance: 5, craft: 5 })).toBe(5);
  });

  it('re-normalises the weights over the criteria not abstained on', () => {
    // craft abstained: s = (3·1 + 2·0.5) / 5 = 0.8 → 4.2
    expect(reviewTotal(rubric, { accuracy: 5, balance: 3, craft: null })).toBeCloseTo(4.2, 12);
    // only balance scored: its own value
    expect(reviewTotal(rubric, { accuracy: null, balance: 2, craft: null })).toBe(2);
  });

  it('is null for an abstention on the entry or on every criterion', () => {
    expect(reviewTotal(rubric, { accuracy: 5, balance: 3, craft: 1 }, true)).toBeNull();
    expect(reviewTotal(rubric, { accuracy: null, balance: null, craft: null })).toBeNull();
    expect(reviewTotal(rubric, {})).toBeNull();
  });

  it('shows mixed scales on the widest range', () => {
    const mixed = [criterion('a', 1, 0, 10), criterion('b', 1, 1, 5)];
    expect(rubricRange(mixed)).toEqual({ lo: 0, hi: 10 });
    // s = (0.5 + 1) / 2 = 0.75 → 7.5
    expect(reviewTotal(mixed, { a: 5, b: 5 })).toBe(7.5);
    expect(rubricRange([])).toEqual({ lo: 0, hi: 1 });
  });
});

describe('an entry’s summary', () => {
  it('mean, median, count, population standard deviation and max − min', () => {
    expect(summarise([3, 4, 5, 4])).toEqual({ count: 4, mean: 4, median: 4, sd: Math.sqrt(0.5), range: 2 });
    expect(summarise([2, 5, 3])).toEqual({ count: 3, mean: 10 / 3, median: 3, sd: Math.sqrt(14 / 9), range: 3 });
    expect(summarise([2.5])).toEqual({ count: 1, mean: 2.5, median: 2.5, sd: 0, range: 0 });
    expect(summarise([])).toEqual({ count: 0, mean: null, median: null, sd: null, range: null });
  });
});

/** One criterion on 1–5, weight 1: s = (v − 1) / 4. */
const single = [criterion('q', 1)];
const review = (jurorId: string, entryId: string, q: number | null, abstained = false): ReviewInput => ({
  jurorId,
  entryId,
  scores: { q },
  abstained,
});
// A harsh juror (a), a lenient one (b) who judge alike, one with 2 reviews (c), one who gives all 3s (d).
const round = [
  review('a', 'e1', 1),
  review('a', 'e2', 2),
  review('a', 'e3', 3),
  review('a', 'e4', 2),
  review('b', 'e1', 3),
  review('b', 'e2', 4),
  review('b', 'e3', 5),
  review('b', 'e4', 4),
  review('c', 'e1', 5),
  review('c', 'e2', 1),
  review('d', 'e2', 3),
  review('d', 'e3', 3),
  review('d', 'e4', 3),
  review('d', 'e1', null, true),
];

describe('per-juror normalisation', () => {
  const result = normaliseRound(round, () => single);
  it('the round’s mean M and standard deviation Σ of s (13 scores, abstention left out)', () => {
    expect(result.roundMean).toBe(0.5);
    // squared deviations: a 0.375, b 0.375, c 0.5, d 0 → Σ² = 1.25 / 13
    expect(result.roundSd).toBeCloseTo(Math.sqrt(1.25 / 13), 15);
  });

  it('each juror’s mean and spread; fewer than 3 reviews or no spread left raw and flagged', () => {
    expect(result.jurors.map((j) => [j.jurorId, j.count, j.mean, j.leftRaw])).toEqual([
      ['a', 4, 0.25, null],
      ['b', 4, 0.75, null],
      ['c', 2, 0.5, 'fewReviews'],
      ['d', 3, 0.5, 'noSpread'],
    ]);
    expect(result.jurors[0]?.sd).toBeCloseTo(Math.sqrt(0.03125), 15);
  });

  it('s′ = clamp(M + Σ·z, 0, 1) on the rubric’s range: the harsh and the lenient juror come out alike', () => {
    const of = (j: string) => result.reviews.filter((r) => r.jurorId === j);
    const low = 0.5 - Math.sqrt(2.5 / 13); // z = −√2
    const high = 0.5 + Math.sqrt(2.5 / 13); // z = +√2
    for (const j of ['a', 'b']) {
      const scores = of(j).map((r) => r.normalisedScore as number);
      expect(scores[0]).toBeCloseTo(low, 12);
      expect(scores[1]).toBeCloseTo(0.5, 12);
      expect(scores[2]).toBeCloseTo(high, 12);
      expect(scores[3]).toBeCloseTo(0.5, 12);
      expect(of(j)[0]?.normalisedTotal).toBeCloseTo(1 + 4 * low, 12);
    }
    expect(of('a').map((r) => r.total)).toEqual([1, 2, 3, 2]);
    expect(of('b').map((r) => r.total)).toEqual([3, 4, 5, 4]);
    // Left raw: normalised = raw.
    expect(of('c').map((r) => [r.total, r.normalisedTotal])).toEqual([
      [5, 5],
      [1, 1],
    ]);
    expect(of('d').map((r) => r.normalisedTotal)).toEqual([3, 3, 3, null]);
  });

  it('clamps to the rubric’s range', () => {
    // A juror far from the round: z = (1 − 0.25)/σ with a huge Σ from the others.
    const wide = [
      review('x', 'e1', 1),
      review('x', 'e2', 1),
      review('x', 'e3', 1),
      review('x', 'e4', 5),
      review('y', 'e1', 1),
      review('y', 'e2', 5),
      review('y', 'e3', 1),
      review('y', 'e4', 5),
    ];
    const out = normaliseRound(wide, () => single);
    expect(out.reviews[3]?.normalisedTotal).toBe(5);
  });
});

describe('disagreement', () => {
  it('names the criteria at least 3 points apart on 1–5, widest first, abstentions left out', () => {
    const reviews = [
      { scores: { accuracy: 1, balance: 2, craft: 5 }, abstained: false },
      { scores: { accuracy: 5, balance: 5, craft: null }, abstained: false },
      { scores: { accuracy: 3, balance: 4, craft: 1 }, abstained: false },
      { scores: { accuracy: 1, balance: 1, craft: 1 }, abstained: true },
    ];
    expect(strongDisagreements(rubric, reviews)).toEqual([
      { key: 'accuracy', low: 1, high: 5, apart: 4 },
      { key: 'craft', low: 1, high: 5, apart: 4 },
      { key: 'balance', low: 2, high: 5, apart: 3 },
    ]);
    expect(strongDisagreements(rubric, reviews.slice(0, 1))).toEqual([]);
    expect(
      strongDisagreements(rubric, [
        { scores: { accuracy: 2 }, abstained: false },
        { scores: { accuracy: 4 }, abstained: false },
      ]),
    ).toEqual([]);
  });
});

describe('leaderboard', () => {
  it('ties share a rank (1, 1=, 3, 3=, 5), within rounding noise; no score, no rank', () => {
    expect(competitionRanks([4, 3, 3, 2, null, 4 + 1e-12])).toEqual([
      { rank: 1, tied: true },
      { rank: 3, tied: true },
      { rank: 3, tied: true },
      { rank: 5, tied: false },
      { rank: null, tied: false },
      { rank: 1, tied: true },
    ]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('summarises a category raw and normalised, ranks both and sorts by total, normalised or disagreement', () => {
    const scored = normaliseRound(round, () => single).reviews;
    const entries = ['e1', 'e2', 'e3', 'e4', 'e5'].map((id, i) => ({
      id,
      number: `N-${i + 1}`,
      title: id,
      language: 'sk',
      categoryId: 'c',
    }));
    const rows = categoryResults(entries, scored, single);
    const e1 = rows[0];
    // e1: a 1, b 3, c 5, d abstained → raw totals 1, 3, 5
    expect(e1?.raw).toEqual({ count: 3, mean: 3, median: 3, sd: Math.sqrt(8 / 3), range: 4 });
    expect(e1?.reviews).toBe(4);
    expect(e1?.abstentions).toBe(1);
    expect(e1?.disagreements).toEqual([{ key: 'q', low: 1, high: 5, apart: 4 }]);
    // raw means: e1 3, e2 (2+4+1+3)/4 = 2.5, e3 (3+5+3)/3 = 11/3, e4 (2+4+3)/3 = 3, e5 none
    expect(rows.map((r) => r.rank.raw)).toEqual([2, 4, 1, 2, null]);
    expect(rows.map((r) => r.tied.raw)).toEqual([true, false, false, true, false]);
    expect(sortResults(rows, 'total').map((r) => r.id)).toEqual(['e3', 'e1', 'e4', 'e2', 'e5']);
    // normalised means: e1 (low·4+1 + (low·4+1) + 5)/3, e2 (3+3+1+3)/4 = 2.5, e3 (2·(1+4·high) + 3)/3, e4 3
    const low = 1 + 4 * (0.5 - Math.sqrt(2.5 / 13));
    expect(rows[0]?.normalised.mean).toBeCloseTo((2 * low + 5) / 3, 12);
    expect(sortResults(rows, 'normalised').map((r) => r.id)).toEqual(['e3', 'e4', 'e2', 'e1', 'e5']);
    // disagreement: strong first (e1 4 apart, e2 1–4 = 3 apart), then max − min
    expect(sortResults(rows, 'disagreement').map((r) => [r.id, r.raw.range])).toEqual([
      ['e1', 4],
      ['e2', 3],
      ['e3', 2],
      ['e4', 2],
      ['e5', null],
    ]);
  });
});
