import { permutationTest } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  jurorLanguageFlags,
  languageFairness,
  lowerTailPermutationP,
  reviewGaps,
  seededRandom,
  seedOf,
} from './fairness.ts';

/**
 * The exact one-sided p-value by enumerating every way of choosing the group's places: the share
 * of subsets of size g whose sum is as low as the group's (what the Monte Carlo test estimates).
 */
function exactLowerP(group: number[], rest: number[]): number {
  const pool = [...group, ...rest];
  const observed = group.reduce((a, b) => a + b, 0);
  let asLow = 0;
  let all = 0;
  const choose = (start: number, left: number, sum: number) => {
    if (left === 0) {
      all++;
      if (sum <= observed + 1e-9) asLow++;
      return;
    }
    for (let i = start; i <= pool.length - left; i++) choose(i + 1, left - 1, sum + (pool[i] as number));
  };
  choose(0, group.length, 0);
  return asLow / all;
}

/** Three standard errors of a Monte Carlo p-value from 10,000 draws. */
const tolerance = (p: number) => 3 * Math.sqrt((p * (1 - p)) / 10_000) + 1 / 10_001;

describe('the seeded generator', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(first[0]);
    expect(seedOf('demo-2026-round-0')).toBe(seedOf('demo-2026-round-0'));
    expect(seedOf('a')).not.toBe(seedOf('b'));
  });
});

describe('the one-sided permutation test', () => {
  it('a group holding the 3 lowest of 8 values: exact p = 1/56, found within Monte Carlo error, repeatably', () => {
    const group = [1, 2, 3];
    const rest = [4, 5, 6, 7, 8];
    expect(exactLowerP(group, rest)).toBe(1 / 56);
    const p = lowerTailPermutationP(group, rest, seededRandom(7));
    expect(Math.abs(p - 1 / 56)).toBeLessThan(tolerance(1 / 56));
    expect(lowerTailPermutationP(group, rest, seededRandom(7))).toBe(p);
    // simple-statistics' test (p = b / k) agrees within the same error.
    const library = permutationTest(group, rest, 'less', 10_000, seededRandom(7));
    expect(Math.abs(library - 1 / 56)).toBeLessThan(tolerance(1 / 56));
  });

  it('a group from the middle is not flagged; the highest group gets p near 1', () => {
    const middle = exactLowerP([3, 6], [1, 2, 4, 5, 7, 8]);
    // pairs of 1…8 summing to 9 or less: 7 + 5 + 3 + 1 = 16 of 28
    expect(middle).toBe(16 / 28);
    expect(Math.abs(lowerTailPermutationP([3, 6], [1, 2, 4, 5, 7, 8], seededRandom(1)) - middle)).toBeLessThan(
      tolerance(middle),
    );
    expect(lowerTailPermutationP([7, 8], [1, 2, 3, 4, 5, 6], seededRandom(1))).toBeGreaterThan(0.95);
  });

  it('ties count as “as low” (a group equal to the rest is never flagged)', () => {
    expect(lowerTailPermutationP([0.5, 0.5], [0.5, 0.5, 0.5], seededRandom(3))).toBe(1);
  });
});

describe('language fairness', () => {
  // Constructed: Ukrainian entries hold the 3 lowest of 9 scores (exact p = 1/84).
  const entries = [
    { language: 'sk', score: 0.6 },
    { language: 'uk', score: 0.2 },
    { language: 'en', score: 0.5 },
    { language: 'sk', score: 0.7 },
    { language: 'uk', score: 0.25 },
    { language: 'sk', score: 0.65 },
    { language: 'en', score: 0.58 },
    { language: 'uk', score: 0.3 },
    { language: 'sk', score: 0.55 },
    { language: 'ro', score: 0.1 },
  ];
  const table = languageFairness(entries.slice(0, 9), 2026);

  it('flags the language whose entries score lower than the rest beyond chance, with its p-value', () => {
    expect(table.map((l) => [l.language, l.count, l.flagged])).toEqual([
      ['sk', 4, false],
      ['uk', 3, true],
      ['en', 2, false],
    ]);
    const uk = table[1];
    expect(uk?.mean).toBeCloseTo(0.25, 15);
    expect(uk?.restMean).toBeCloseTo(3.58 / 6, 15);
    expect(exactLowerP([0.2, 0.25, 0.3], [0.6, 0.5, 0.7, 0.65, 0.58, 0.55])).toBe(1 / 84);
    expect(Math.abs((uk?.p as number) - 1 / 84)).toBeLessThan(tolerance(1 / 84));
    const enExact = exactLowerP([0.5, 0.58], [0.6, 0.2, 0.7, 0.25, 0.65, 0.3, 0.55]);
    expect(Math.abs((table[2]?.p as number) - enExact)).toBeLessThan(tolerance(enExact));
    // Seeded: the same table every time.
    expect(languageFairness(entries.slice(0, 9), 2026)).toEqual(table);
  });

  it('does not test a language with one entry (no p-value, no flag), however low', () => {
    const withRomanian = languageFairness(entries, 2026);
    expect(withRomanian[3]).toEqual({
      language: 'ro',
      count: 1,
      mean: 0.1,
      restMean: expect.any(Number),
      p: null,
      flagged: false,
    });
  });
});

describe('jurors whose scores differ by entry language', () => {
  it('gaps compare each review with the other jurors’ scores of the same entry', () => {
    const gaps = reviewGaps(
      [
        { entryId: 'e1', jurorId: 'a', normalisedScore: 0.2 },
        { entryId: 'e1', jurorId: 'b', normalisedScore: 0.6 },
        { entryId: 'e1', jurorId: 'c', normalisedScore: 0.8 },
        { entryId: 'e2', jurorId: 'a', normalisedScore: 0.5 },
        { entryId: 'e2', jurorId: 'b', normalisedScore: null },
      ],
      (id) => (id === 'e1' ? 'uk' : 'sk'),
    );
    expect(gaps.map((g) => [g.jurorId, g.language, Number(g.gap.toFixed(12))])).toEqual([
      ['a', 'uk', -0.5],
      ['b', 'uk', 0.1],
      ['c', 'uk', 0.4],
    ]);
  });

  it('lists a juror who scores one language’s entries lower than the other jurors do (exact p = 1/35)', () => {
    const gaps = [
      ...[-0.3, -0.25, -0.35].map((gap) => ({ jurorId: 'a', language: 'uk', gap })),
      ...[0.05, 0.1, 0, 0.02].map((gap) => ({ jurorId: 'a', language: 'sk', gap })),
      ...[-0.1, 0.1, 0.05].map((gap) => ({ jurorId: 'b', language: 'uk', gap })),
      ...[0.02, -0.05, 0.03].map((gap) => ({ jurorId: 'b', language: 'sk', gap })),
    ];
    const flags = jurorLanguageFlags(gaps, 99);
    expect(flags.map((f) => [f.jurorId, f.language, f.count, f.restCount])).toEqual([['a', 'uk', 3, 4]]);
    expect(flags[0]?.meanGap).toBeCloseTo(-0.3, 15);
    expect(flags[0]?.restMeanGap).toBeCloseTo(0.0425, 15);
    expect(Math.abs((flags[0]?.p as number) - 1 / 35)).toBeLessThan(tolerance(1 / 35));
  });
});
