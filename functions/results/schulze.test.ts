import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ballot,
  pairwisePreferences,
  prefers,
  schulze,
  seededRandom,
  strongestPaths,
  tieBreakingRanking,
} from './schulze.ts';

/** `count` identical ballots ranking the letters of `order` 1, 2, 3, … */
const voters = (count: number, order: string): Ballot[] =>
  Array.from({ length: count }, () => Object.fromEntries([...order].map((c, i) => [c, i + 1])));

describe('Schulze method: the Wikipedia worked example (45 voters, A–E)', () => {
  const ballots = [
    ...voters(5, 'ACBED'),
    ...voters(5, 'ADECB'),
    ...voters(8, 'BEDAC'),
    ...voters(3, 'CABED'),
    ...voters(7, 'CAEBD'),
    ...voters(2, 'CBADE'),
    ...voters(7, 'DCEBA'),
    ...voters(8, 'EBADC'),
  ];
  const candidates = ['A', 'B', 'C', 'D', 'E'];

  it('has the pairwise-preference table d of the article', () => {
    expect(ballots).toHaveLength(45);
    expect(pairwisePreferences(candidates, ballots)).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
  });

  it('has the strongest-path table p of the article', () => {
    expect(strongestPaths(pairwisePreferences(candidates, ballots))).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
  });

  it('orders E > A > C > B > D, without ties, whatever order the candidates are given in', () => {
    const result = schulze(candidates, ballots);
    expect(result.tiers).toEqual([['E'], ['A'], ['C'], ['B'], ['D']]);
    expect(result.order).toEqual(['E', 'A', 'C', 'B', 'D']);
    expect(result.ballots).toBe(45);
    expect(result.steps.map((s) => s.unbeaten)).toEqual([['E'], ['A'], ['C'], ['B'], ['D']]);
    expect(schulze(['D', 'C', 'B', 'E', 'A'], ballots).order).toEqual(['E', 'A', 'C', 'B', 'D']);
  });
});

describe('Schulze method: ballots with ties, unranked and missing candidates', () => {
  it('equal ranks express no preference; unranked candidates sit below every ranked one', () => {
    const ballot: Ballot = { a: 1, b: 1, c: null, d: 2 };
    expect(prefers(ballot, 'a', 'b')).toBe(false);
    expect(prefers(ballot, 'b', 'a')).toBe(false);
    expect(prefers(ballot, 'a', 'c')).toBe(true);
    expect(prefers(ballot, 'd', 'c')).toBe(true);
    expect(prefers(ballot, 'c', 'd')).toBe(false);
  });

  it('a candidate missing from a ballot (a conflict) is compared with nothing on it', () => {
    const ballot: Ballot = { a: 1, c: 2 };
    expect(prefers(ballot, 'a', 'b')).toBe(false);
    expect(prefers(ballot, 'b', 'c')).toBe(false);
    expect(pairwisePreferences(['a', 'b', 'c'], [ballot])).toEqual([
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('a perfect tie: both tied in one tier, broken by the given tie-breaking ranking (default: the order given)', () => {
    const ballots = [
      { x: 1, y: 2 },
      { x: 2, y: 1 },
    ];
    const byNumber = schulze(['x', 'y'], ballots);
    expect(byNumber.d).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(byNumber.p).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(byNumber.tiers).toEqual([['x', 'y']]);
    expect(byNumber.order).toEqual(['x', 'y']);
    expect(byNumber.steps).toEqual([
      { place: 1, unbeaten: ['x', 'y'], chosen: 'x' },
      { place: 2, unbeaten: ['y'], chosen: 'y' },
    ]);
    expect(schulze(['x', 'y'], ballots, ['y', 'x']).order).toEqual(['y', 'x']);
  });

  it('a Condorcet cycle of three with equal strengths is one tier of three', () => {
    const ballots = [...voters(1, 'abc'), ...voters(1, 'bca'), ...voters(1, 'cab')];
    const result = schulze(['a', 'b', 'c'], ballots);
    expect(result.d).toEqual([
      [0, 2, 1],
      [1, 0, 2],
      [2, 1, 0],
    ]);
    expect(result.p).toEqual([
      [0, 2, 2],
      [2, 0, 2],
      [2, 2, 0],
    ]);
    expect(result.tiers).toEqual([['a', 'b', 'c']]);
    expect(result.order).toEqual(['a', 'b', 'c']);
  });

  it('no ballots: everyone tied, order as given', () => {
    const result = schulze(['m', 'n'], []);
    expect(result.tiers).toEqual([['m', 'n']]);
    expect(result.ballots).toBe(0);
    expect(schulze([], []).order).toEqual([]);
  });
});

describe('the tie-breaking ranking (seeded random ballot order)', () => {
  it('is the same for the same seed, and its numbers lie in [0, 1)', () => {
    const a = seededRandom('round-1');
    const b = seededRandom('round-1');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom('round-2')()).not.toBe(first[0]);
  });

  it('splits ties by the first ballot read that separates them; a ballot missing a tied candidate is skipped; the rest by the order given', () => {
    const ballots: Ballot[] = [
      { p: 1, q: 1, r: 2, s: 2 },
      { p: 2, q: 1, s: 3 },
    ];
    // Ballot 0 puts {p, q} above {r, s}; ballot 1 ranks q above p but lacks r, so it can split {p, q}
    // only when read after ballot 0 has split off {r, s}.
    const seen = new Set<string>();
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const { ranking, ballotOrder } = tieBreakingRanking(['p', 'q', 'r', 's'], ballots, seed);
      seen.add(ballotOrder.join());
      expect(ranking).toEqual(ballotOrder[0] === 0 ? ['q', 'p', 'r', 's'] : ['p', 'q', 'r', 's']);
    }
    expect([...seen].sort()).toEqual(['0,1', '1,0']);
    expect(tieBreakingRanking(['b', 'a'], [], 'x').ranking).toEqual(['b', 'a']);
  });
});

// Property tests: ballots are full weak orders (every candidate ranked 1..k, ties allowed) over 2–6 candidates.
const names = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
const electorate = fc
  .integer({ min: 2, max: 6 })
  .chain((n) =>
    fc.tuple(
      fc.constant(names.slice(0, n)),
      fc.array(fc.array(fc.integer({ min: 1, max: n }), { minLength: n, maxLength: n }), {
        minLength: 1,
        maxLength: 25,
      }),
    ),
  )
  .map(([candidates, rows]) => ({
    candidates,
    ballots: rows.map((ranks) => Object.fromEntries(candidates.map((c, i) => [c, ranks[i] as number])) as Ballot),
  }));

describe('Schulze method: properties (fast-check)', () => {
  it('a Condorcet winner (beats every other head to head) is the only winner', () => {
    fc.assert(
      fc.property(electorate, ({ candidates, ballots }) => {
        const d = pairwisePreferences(candidates, ballots);
        const winner = candidates.findIndex((_, i) =>
          candidates.every((__, j) => i === j || (d[i] as number[])[j]! > (d[j] as number[])[i]!),
        );
        fc.pre(winner >= 0);
        const result = schulze(candidates, ballots);
        expect(result.tiers[0]).toEqual([candidates[winner]]);
        expect(result.order[0]).toBe(candidates[winner]);
      }),
      { numRuns: 400 },
    );
  });

  it('reversal symmetry: a unique winner does not win when every ballot is reversed', () => {
    fc.assert(
      fc.property(electorate, ({ candidates, ballots }) => {
        const result = schulze(candidates, ballots);
        fc.pre(result.tiers[0]?.length === 1);
        const reversed = ballots.map((b) => Object.fromEntries(Object.entries(b).map(([c, r]) => [c, 100 - (r ?? 0)])));
        const winner = result.tiers[0]?.[0] as string;
        expect(schulze(candidates, reversed).tiers[0]).not.toEqual([winner]);
      }),
      { numRuns: 400 },
    );
  });

  it('the order is a linear extension of the strict Schulze relation, and tiers partition the candidates', () => {
    fc.assert(
      fc.property(electorate, ({ candidates, ballots }) => {
        const result = schulze(candidates, ballots, [...candidates].reverse());
        const at = (c: string) => candidates.indexOf(c);
        const beats = (a: string, b: string) =>
          (result.p[at(a)] as number[])[at(b)]! > (result.p[at(b)] as number[])[at(a)]!;
        for (const [i, a] of result.order.entries())
          for (const b of result.order.slice(i + 1)) expect(beats(b, a)).toBe(false);
        expect(result.tiers.flat().sort()).toEqual([...candidates].sort());
        // Transitive: a beats b and b beats c ⇒ a beats c (Schulze 2011, section 4.1).
        for (const a of candidates)
          for (const b of candidates)
            for (const c of candidates) if (beats(a, b) && beats(b, c)) expect(beats(a, c)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
