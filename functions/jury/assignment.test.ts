import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssignmentEntry,
  type AssignmentInput,
  type AssignmentJuror,
  type AssignmentResult,
  assignJurors,
  pairPoints,
  type ReadingLevel,
} from './assignment.ts';
import { type Row, solveMip, type Term } from './highs.testing.ts';

const entry = (
  id: string,
  language: string,
  categoryId = 'print',
  summaryLanguages: string[] = [],
): AssignmentEntry => ({
  id,
  language,
  categoryId,
  summaryLanguages,
});
const juror = (
  id: string,
  languages: Record<string, ReadingLevel>,
  expertise: string[] = [],
  cap: number | null = null,
): AssignmentJuror => ({
  id,
  languages: Object.entries(languages).map(([code, level]) => ({ code, level })),
  expertise,
  cap,
});
const input = (over: Partial<AssignmentInput>): AssignmentInput => ({
  entries: [],
  jurors: [],
  conflicts: [],
  kept: [],
  perEntry: 1,
  ...over,
});
const pairs = (result: AssignmentResult): string[] => result.assignments.map((a) => `${a.entryId}:${a.jurorId}`);

describe('pairPoints (match quality × 100)', () => {
  it('adds language points by level and 40 for expertise; a summary counts half', () => {
    const e = entry('e1', 'hu', 'radio', ['en']);
    expect(pairPoints(e, juror('a', { hu: 'native' }, ['radio']))).toBe(100);
    expect(pairPoints(e, juror('a', { hu: 'native' }))).toBe(60);
    expect(pairPoints(e, juror('a', { hu: 'fluent' }))).toBe(45);
    expect(pairPoints(e, juror('a', { hu: 'reading' }, ['radio']))).toBe(65);
    expect(pairPoints(e, juror('a', { en: 'native' }))).toBe(30);
    expect(pairPoints(e, juror('a', { en: 'fluent' }, ['radio']))).toBe(60);
    expect(pairPoints(e, juror('a', { en: 'reading' }))).toBe(10);
    // The better of original and summary: reading Hungarian (25) beats a fluent English summary (20).
    expect(pairPoints(e, juror('a', { hu: 'reading', en: 'fluent' }))).toBe(25);
    expect(pairPoints(e, juror('a', { sk: 'native' }, ['radio']))).toBeNull();
    expect(pairPoints(entry('e2', 'hu'), juror('a', { en: 'native' }))).toBeNull();
  });
});

describe('assignJurors, worked by hand', () => {
  it('picks the native expert for a single entry', () => {
    const result = assignJurors(
      input({
        entries: [entry('e1', 'sk', 'print')],
        jurors: [juror('a', { sk: 'fluent' }), juror('b', { sk: 'native' }, ['print'])],
      }),
    );
    expect(result.assignments).toEqual([{ entryId: 'e1', jurorId: 'b', quality: 1 }]);
    expect(result).toMatchObject({ uncovered: [], cost: 0, worstQuality: 1, loadSpread: 1 });
  });

  it('balances loads before match quality: two entries, the weaker juror takes one', () => {
    const result = assignJurors(
      input({
        entries: [entry('e1', 'sk', 'print'), entry('e2', 'sk', 'tv')],
        jurors: [juror('a', { sk: 'native' }, ['print', 'tv']), juror('b', { sk: 'reading' }, ['tv'])],
      }),
    );
    // Either way one entry gets b: e1-b = 25, e2-b = 65, so b takes e2 (cost 0 + 0.35).
    expect(pairs(result)).toEqual(['e1:a', 'e2:b']);
    expect(result).toMatchObject({ cost: 0.35, worstQuality: 0.65, loadSpread: 0 });
  });

  it('among assignments of equal cost, lifts the worst-off entry (max-min fairness)', () => {
    // e1 (sk, print): a 100, b 60. e2 (hu, en summary, tv): a 60, b 20 (fluent English summary).
    // Balanced options: {e1-a, e2-b} costs 0 + 80 and {e1-b, e2-a} costs 40 + 40: equal (0.8); the
    // worst-off entry has 0.2 in the first and 0.6 in the second, so the second is chosen.
    const result = assignJurors(
      input({
        entries: [entry('e1', 'sk', 'print'), entry('e2', 'hu', 'tv', ['en'])],
        jurors: [juror('a', { sk: 'native', hu: 'native' }, ['print']), juror('b', { sk: 'native', en: 'fluent' })],
      }),
    );
    expect(result.assignments).toEqual([
      { entryId: 'e1', jurorId: 'b', quality: 0.6 },
      { entryId: 'e2', jurorId: 'a', quality: 0.6 },
    ]);
    expect(result).toMatchObject({ cost: 0.8, worstQuality: 0.6, loadSpread: 0, uncovered: [] });
  });

  it('never takes a conflicted juror, and says why entries stay short', () => {
    const result = assignJurors(
      input({
        perEntry: 2,
        entries: [entry('e1', 'sk'), entry('e2', 'ro'), entry('e3', 'sk'), entry('e4', 'de')],
        jurors: [juror('a', { sk: 'native', de: 'native' }), juror('b', { sk: 'fluent', de: 'native' }, [], 1)],
        conflicts: [
          { jurorId: 'a', entryId: 'e4' },
          { jurorId: 'b', entryId: 'e1' },
        ],
      }),
    );
    // e1: only a (b in conflict) → allConflicted; e2: nobody reads Romanian → noReader;
    // e3: a, and b (cap 1); e4: a in conflict → b, but b's single place is taken by e3 or e4.
    // Coverage is maximal (4 new pairs: e1-a, e3-a, and b on e3 or e4); balance is equal (a 2, b 1);
    // cost: b on e3 is 55, b on e4 is 40, so b takes e4; e3 then lacks a juror for want of capacity.
    expect(pairs(result)).toEqual(['e1:a', 'e3:a', 'e4:b']);
    expect(result.uncovered).toEqual([
      { entryId: 'e1', missing: 1, reason: 'allConflicted', readers: 2, eligible: 1 },
      { entryId: 'e2', missing: 2, reason: 'noReader', readers: 0, eligible: 0 },
      { entryId: 'e3', missing: 1, reason: 'noCapacity', readers: 2, eligible: 2 },
      { entryId: 'e4', missing: 1, reason: 'allConflicted', readers: 2, eligible: 1 },
    ]);
    expect(result.loads).toEqual([
      { jurorId: 'a', load: 2 },
      { jurorId: 'b', load: 1 },
    ]);
  });

  it('keeps started reviews, counts them in loads and caps, and reports kept pairs that break a rule', () => {
    const result = assignJurors(
      input({
        perEntry: 1,
        entries: [entry('e1', 'sk'), entry('e2', 'sk'), entry('e3', 'sk')],
        jurors: [juror('a', { sk: 'native' }, ['print']), juror('b', { sk: 'reading' }), juror('c', { en: 'native' })],
        conflicts: [{ jurorId: 'a', entryId: 'e1' }],
        kept: [
          { jurorId: 'a', entryId: 'e1' },
          { jurorId: 'a', entryId: 'e1' },
          { jurorId: 'c', entryId: 'e2' },
        ],
      }),
    );
    // e1 and e2 are covered by kept pairs (one conflicted, one unreadable: kept, and reported);
    // loads a 1, c 1, b 0 → e3 goes to b (balance), although a is the better reader.
    expect(result.assignments).toEqual([
      { entryId: 'e1', jurorId: 'a', quality: 1 },
      { entryId: 'e2', jurorId: 'c', quality: 0 },
      { entryId: 'e3', jurorId: 'b', quality: 0.25 },
    ]);
    expect(result.keptIssues).toEqual([
      { entryId: 'e1', jurorId: 'a', reason: 'conflict' },
      { entryId: 'e2', jurorId: 'c', reason: 'noReader' },
    ]);
    expect(result).toMatchObject({ loadSpread: 0, uncovered: [], worstQuality: 0, cost: 1.75 });
  });

  it('refuses an instance too large for exact integer costs', () => {
    const big = input({
      perEntry: 3,
      entries: Array.from({ length: 15_000 }, (_, i) => entry(`e${i}`, 'sk')),
      jurors: [juror('a', { sk: 'native' })],
    });
    expect(() => assignJurors(big)).toThrow(RangeError);
  });

  it('returns nothing to do for no entries, and zero spread for no jurors', () => {
    expect(assignJurors(input({ jurors: [juror('a', { sk: 'native' })] }))).toMatchObject({
      assignments: [],
      uncovered: [],
      cost: 0,
      worstQuality: 0,
      loadSpread: 0,
    });
    expect(assignJurors(input({ entries: [entry('e1', 'sk')], perEntry: 2 })).uncovered).toEqual([
      { entryId: 'e1', missing: 2, reason: 'noReader', readers: 0, eligible: 0 },
    ]);
  });
});

// ---- random small instances ------------------------------------------------------------------

const LANGS = ['sk', 'en', 'ro'] as const;
const CATS = ['print', 'tv'] as const;
const level = fc.constantFrom<ReadingLevel>('native', 'fluent', 'reading');

/** A small instance; kept pairs only among readable, non-conflicted pairs when `cleanKept`. */
const instance = (options: { cleanKept: boolean; maxEntries?: number; maxJurors?: number }) =>
  fc
    .record({
      entries: fc.array(
        fc.record({
          language: fc.constantFrom(...LANGS),
          categoryId: fc.constantFrom(...CATS),
          summaryLanguages: fc.oneof(fc.constant([]), fc.subarray([...LANGS], { maxLength: 1 })),
        }),
        { minLength: 1, maxLength: options.maxEntries ?? 7 },
      ),
      jurors: fc.array(
        fc.record({
          languages: fc.uniqueArray(fc.record({ code: fc.constantFrom(...LANGS), level }), {
            selector: (l) => l.code,
            minLength: 1,
            maxLength: 3,
          }),
          expertise: fc.subarray([...CATS]),
          cap: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 2 }),
        }),
        { minLength: 1, maxLength: options.maxJurors ?? 5 },
      ),
      conflictBits: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
      keptBits: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 64, maxLength: 64 }),
      perEntry: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ entries, jurors, conflictBits, keptBits, perEntry }): AssignmentInput => {
      const es = entries.map((e, i) => ({ id: `e${i}`, ...e }));
      const js = jurors.map((j, i) => ({ id: `j${i}`, ...j }));
      const conflicts: { jurorId: string; entryId: string }[] = [];
      const kept: { jurorId: string; entryId: string }[] = [];
      es.forEach((e, ei) => {
        js.forEach((j, ji) => {
          const bit = (ei * 5 + ji) % 64;
          const isConflict = conflictBits[bit]! && (ei + ji) % 3 === 0;
          if (isConflict) conflicts.push({ jurorId: j.id, entryId: e.id });
          if (keptBits[bit] === 0 && (!options.cleanKept || (!isConflict && pairPoints(e, j) !== null))) {
            kept.push({ jurorId: j.id, entryId: e.id });
          }
        });
      });
      return { entries: es, jurors: js, conflicts, kept, perEntry };
    });

/**
 * Instances where many assignments cost the same: every pair is worth 100, 60 or 20 points (native
 * with or without expertise, or an English summary read fluently, with expertise 60, without 20), so
 * 100 + 20 = 60 + 60 and max-min fairness has real choices to make.
 */
const tieProne = fc
  .record({
    entries: fc.array(fc.record({ language: fc.constantFrom('sk', 'hu'), categoryId: fc.constantFrom(...CATS) }), {
      minLength: 2,
      maxLength: 6,
    }),
    jurors: fc.array(
      fc.record({ native: fc.subarray(['sk', 'hu']), expertise: fc.subarray([...CATS]), cap: fc.constant(null) }),
      { minLength: 2, maxLength: 4 },
    ),
    perEntry: fc.integer({ min: 1, max: 2 }),
  })
  .map(
    ({ entries, jurors, perEntry }): AssignmentInput => ({
      entries: entries.map((e, i) => ({ id: `e${i}`, ...e, summaryLanguages: ['en'] })),
      jurors: jurors.map((j, i) => ({
        id: `j${i}`,
        languages: [
          ...j.native.map((code) => ({ code, level: 'native' as const })),
          { code: 'en', level: 'fluent' as const },
        ],
        expertise: j.expertise,
        cap: j.cap,
      })),
      conflicts: [],
      kept: [],
      perEntry,
    }),
  );

describe('assignJurors, properties (fast-check)', () => {
  it('never conflicted, only readers, k or explained, caps kept, kept pairs kept, no pair twice', () => {
    fc.assert(
      fc.property(instance({ cleanKept: true }), (inp) => {
        const result = assignJurors(inp);
        const conflicted = new Set(inp.conflicts.map((c) => `${c.entryId}:${c.jurorId}`));
        const entries = new Map(inp.entries.map((e) => [e.id, e]));
        const jurors = new Map(inp.jurors.map((j) => [j.id, j]));
        const got = pairs(result);
        expect(new Set(got).size).toBe(got.length);
        for (const a of result.assignments) {
          expect(conflicted.has(`${a.entryId}:${a.jurorId}`)).toBe(false);
          const points = pairPoints(entries.get(a.entryId)!, jurors.get(a.jurorId)!);
          expect(points).not.toBeNull();
          expect(a.quality).toBe(points! / 100);
        }
        for (const k of inp.kept) expect(got).toContain(`${k.entryId}:${k.jurorId}`);
        const uncovered = new Map(result.uncovered.map((u) => [u.entryId, u]));
        for (const e of inp.entries) {
          const count = result.assignments.filter((a) => a.entryId === e.id).length;
          if (count >= inp.perEntry) expect(uncovered.has(e.id)).toBe(false);
          else expect(uncovered.get(e.id)).toMatchObject({ missing: inp.perEntry - count });
        }
        for (const u of result.uncovered) {
          if (u.reason === 'noReader') expect(u.readers).toBeLessThan(inp.perEntry);
          if (u.reason === 'allConflicted') expect(u.eligible).toBeLessThan(inp.perEntry);
          if (u.reason === 'noCapacity') expect(u.eligible).toBeGreaterThanOrEqual(inp.perEntry);
        }
        for (const j of inp.jurors) {
          const load = result.assignments.filter((a) => a.jurorId === j.id).length;
          const keptLoad = inp.kept.filter((k) => k.jurorId === j.id).length;
          if (j.cap !== null) expect(load).toBeLessThanOrEqual(Math.max(j.cap, keptLoad));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loads differ by at most one when nothing stands in the way (uncapped, all read all, no conflicts)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 3 }),
        (entryCount, jurorCount, k) => {
          const result = assignJurors(
            input({
              perEntry: k,
              entries: Array.from({ length: entryCount }, (_, i) => entry(`e${i}`, LANGS[i % 3]!, CATS[i % 2])),
              jurors: Array.from({ length: jurorCount }, (_, i) =>
                juror(`j${i}`, { sk: 'native', en: 'fluent', ro: 'reading' }, i % 2 ? ['tv'] : []),
              ),
            }),
          );
          expect(result.loadSpread).toBeLessThanOrEqual(1);
          expect(result.assignments.length).toBe(entryCount * Math.min(k, jurorCount));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is deterministic: the same input in any order gives the same result', () => {
    fc.assert(
      fc.property(
        instance({ cleanKept: false }).chain((inp) =>
          fc.record({
            inp: fc.constant(inp),
            shuffled: fc.record({
              entries: fc.shuffledSubarray([...inp.entries], { minLength: inp.entries.length }),
              jurors: fc.shuffledSubarray([...inp.jurors], { minLength: inp.jurors.length }),
              conflicts: fc.shuffledSubarray([...inp.conflicts], { minLength: inp.conflicts.length }),
              kept: fc.shuffledSubarray([...inp.kept], { minLength: inp.kept.length }),
              perEntry: fc.constant(inp.perEntry),
            }),
          }),
        ),
        ({ inp, shuffled }) => {
          expect(assignJurors(shuffled)).toEqual(assignJurors(inp));
        },
      ),
      { numRuns: 150 },
    );
  });
});

// ---- optimality against an independent solver ------------------------------------------------

/**
 * The same assignment as a MIP for HiGHS, solved lexicographically in stages: most new pairs, then
 * least Σ over jurors of (their load units' positions, i.e. Σ ℓ² up to a constant), then least
 * Σ (100 − points). Only pairs with points ≥ `threshold` may be chosen. Returns the three optima.
 * Written from the issue's rules, not from assignment.ts: only `pairPoints` (the definition of
 * quality) is shared.
 */
async function highsOptimum(
  inp: AssignmentInput,
  threshold: number,
): Promise<{ pairs: number; balance: number; cost: number }> {
  const k = inp.perEntry;
  const conflicted = new Set(inp.conflicts.map((c) => `${c.entryId}:${c.jurorId}`));
  const kept = new Set(inp.kept.map((c) => `${c.entryId}:${c.jurorId}`));
  const keptOf = (id: string, side: 'entryId' | 'jurorId') =>
    [...kept].filter((p) => p.split(':')[side === 'entryId' ? 0 : 1] === id).length;
  const x: { name: string; e: string; j: string; points: number }[] = [];
  const need = new Map(inp.entries.map((e) => [e.id, Math.max(0, k - keptOf(e.id, 'entryId'))]));
  for (const e of inp.entries) {
    for (const j of inp.jurors) {
      const points = pairPoints(e, j);
      const key = `${e.id}:${j.id}`;
      if (points === null || points < threshold || conflicted.has(key) || kept.has(key) || need.get(e.id) === 0)
        continue;
      x.push({ name: `x_${e.id}_${j.id}`, e: e.id, j: j.id, points });
    }
  }
  const wanted = [...need.values()].reduce((a, b) => a + b, 0);
  const y: { name: string; j: string; position: number }[] = [];
  for (const j of inp.jurors) {
    const keptLoad = keptOf(j.id, 'jurorId');
    const units = Math.min(wanted, j.cap === null ? wanted : Math.max(0, j.cap - keptLoad));
    for (let u = 1; u <= units; u++) y.push({ name: `y_${j.id}_${u}`, j: j.id, position: keptLoad + u });
  }
  const rows: Row[] = [
    ...inp.entries.map((e) => ({
      terms: x.filter((v) => v.e === e.id).map((v): Term => [1, v.name]),
      sense: '<=' as const,
      rhs: need.get(e.id)!,
    })),
    ...inp.jurors.map((j) => ({
      terms: [
        ...x.filter((v) => v.j === j.id).map((v): Term => [1, v.name]),
        ...y.filter((v) => v.j === j.id).map((v): Term => [-1, v.name]),
      ],
      sense: '=' as const,
      rhs: 0,
    })),
  ];
  const binary = [...x.map((v) => v.name), ...y.map((v) => v.name)];
  const count: Term[] = x.map((v) => [1, v.name]);
  const balance: Term[] = y.map((v) => [v.position, v.name]);
  const cost: Term[] = x.map((v) => [100 - v.points, v.name]);
  const pairsMax = Math.round((await solveMip({ sense: 'Maximize', objective: count, rows, binary })) ?? 0);
  rows.push({ terms: count, sense: '=', rhs: pairsMax });
  const balanceMin = Math.round((await solveMip({ sense: 'Minimize', objective: balance, rows, binary })) ?? 0);
  rows.push({ terms: balance, sense: '<=', rhs: balanceMin });
  const costMin = Math.round((await solveMip({ sense: 'Minimize', objective: cost, rows, binary })) ?? 0);
  return { pairs: pairsMax, balance: balanceMin, cost: costMin };
}

/** The same three figures for our result. */
function ours(inp: AssignmentInput, result: AssignmentResult): { pairs: number; balance: number; cost: number } {
  const kept = new Set(inp.kept.map((c) => `${c.entryId}:${c.jurorId}`));
  const fresh = result.assignments.filter((a) => !kept.has(`${a.entryId}:${a.jurorId}`));
  let balance = 0;
  for (const j of inp.jurors) {
    const keptLoad = [...kept].filter((p) => p.endsWith(`:${j.id}`)).length;
    const load = fresh.filter((a) => a.jurorId === j.id).length;
    for (let u = 1; u <= load; u++) balance += keptLoad + u;
  }
  return {
    pairs: fresh.length,
    balance,
    cost: fresh.reduce((s, a) => s + 100 - Math.round(a.quality * 100), 0),
  };
}

describe('assignJurors is optimal (cross-checked with the HiGHS MIP solver)', () => {
  /** Checks one instance against HiGHS; returns whether the fairness stage had something to check. */
  const crossCheck = async (inp: AssignmentInput): Promise<boolean> => {
    const result = assignJurors(inp);
    const mine = ours(inp, result);
    expect(mine).toEqual(await highsOptimum(inp, 0));
    // Fairness: no assignment using only pairs better than our weakest new pair is as good on 1–3.
    const kept = new Set(inp.kept.map((c) => `${c.entryId}:${c.jurorId}`));
    const fresh = result.assignments.filter((a) => !kept.has(`${a.entryId}:${a.jurorId}`));
    if (fresh.length === 0) return false;
    const weakest = Math.min(...fresh.map((a) => Math.round(a.quality * 100)));
    const better = await highsOptimum(inp, weakest + 1);
    const asGood = better.pairs === mine.pairs && better.balance === mine.balance && better.cost === mine.cost;
    expect(asGood).toBe(false);
    return true;
  };

  it('has the most pairs, the most even loads, the least cost, and the best worst pair among those', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(instance({ cleanKept: false, maxEntries: 6, maxJurors: 4 }), async (inp) => {
        if (await crossCheck(inp)) checked++;
      }),
      { numRuns: 40 },
    );
    expect(checked).toBeGreaterThan(20);
  }, 120_000);

  it('is max-min fair on instances full of equal-cost choices', async () => {
    await fc.assert(
      fc.asyncProperty(tieProne, async (inp) => {
        await crossCheck(inp);
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
