// The contract of assignJurors that the jury services rely on (properties over 200 seeded random
// instances, and the reasons given for uncovered entries).
import { describe, expect, it } from 'vitest';
import { assignJurors, type AssignmentInput, type ReadingLevel } from './assignment.ts';

/** A small deterministic PRNG (mulberry32), so every instance can be rebuilt from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const languages = ['sk', 'en', 'uk', 'cs', 'de', 'hu', 'pl', 'ro'];
const levels: ReadingLevel[] = ['native', 'fluent', 'reading'];
const categoriesList = ['written', 'video', 'audio'];

/** A random instance: up to 30 entries, 8 jurors, some conflicts, caps and kept pairs. */
function instance(seed: number): AssignmentInput {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const entries = Array.from({ length: 1 + Math.floor(r() * 30) }, (_, i) => ({
    id: `e${String(i).padStart(2, '0')}`,
    language: pick(languages),
    categoryId: pick(categoriesList),
    summaryLanguages: r() < 0.4 ? ['en'] : [],
  }));
  const jurors = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => ({
    id: `j${i}`,
    languages: [...new Set([pick(languages), pick(languages)])].map((code) => ({ code, level: pick(levels) })),
    expertise: r() < 0.5 ? [pick(categoriesList)] : [],
    cap: r() < 0.3 ? Math.floor(r() * 6) : null,
  }));
  const conflicts = entries.flatMap((e) =>
    jurors.filter(() => r() < 0.1).map((j) => ({ jurorId: j.id, entryId: e.id })),
  );
  const conflictSet = new Set(conflicts.map((c) => `${c.jurorId}/${c.entryId}`));
  const kept = entries
    .flatMap((e) => jurors.filter(() => r() < 0.05).map((j) => ({ jurorId: j.id, entryId: e.id })))
    .filter((p) => !conflictSet.has(`${p.jurorId}/${p.entryId}`));
  return { entries, jurors, conflicts, kept, perEntry: 1 + Math.floor(r() * 3) };
}

const reads = (input: AssignmentInput, entryId: string, jurorId: string) => {
  const e = input.entries.find((x) => x.id === entryId)!;
  const j = input.jurors.find((x) => x.id === jurorId)!;
  return j.languages.some((l) => l.code === e.language || e.summaryLanguages.includes(l.code));
};

describe('assignJurors: the contract both implementations keep', () => {
  for (let seed = 1; seed <= 200; seed++) {
    it(`instance ${seed}: no conflicts, only readers, caps, kept pairs, k per entry or explained, deterministic`, () => {
      const input = instance(seed);
      const result = assignJurors(input);
      const conflictSet = new Set(input.conflicts.map((c) => `${c.jurorId}/${c.entryId}`));
      const keptSet = new Set(input.kept.map((c) => `${c.jurorId}/${c.entryId}`));
      const pairs = result.assignments.map((a) => `${a.jurorId}/${a.entryId}`);
      expect(new Set(pairs).size).toBe(pairs.length);
      for (const k of keptSet) expect(pairs).toContain(k);
      for (const a of result.assignments) {
        expect(a.quality).toBeGreaterThanOrEqual(0);
        expect(a.quality).toBeLessThanOrEqual(1);
        if (keptSet.has(`${a.jurorId}/${a.entryId}`)) continue;
        expect(conflictSet.has(`${a.jurorId}/${a.entryId}`)).toBe(false);
        expect(reads(input, a.entryId, a.jurorId)).toBe(true);
      }
      for (const j of input.jurors) {
        const load = result.assignments.filter((a) => a.jurorId === j.id).length;
        const keptLoad = input.kept.filter((p) => p.jurorId === j.id).length;
        if (j.cap !== null) expect(load).toBeLessThanOrEqual(Math.max(j.cap, keptLoad));
      }
      for (const e of input.entries) {
        const have = result.assignments.filter((a) => a.entryId === e.id).length;
        const gap = result.uncovered.find((u) => u.entryId === e.id);
        if (have >= input.perEntry) expect(gap).toBeUndefined();
        else expect(gap?.missing).toBe(input.perEntry - have);
      }
      expect(result.worstQuality).toBeGreaterThanOrEqual(0);
      expect(result.worstQuality).toBeLessThanOrEqual(1);
      expect(assignJurors(input)).toEqual(result);
    });
  }

  it('explains why: nobody reads Romanian; everyone who reads it is in conflict', () => {
    const result = assignJurors({
      entries: [
        { id: 'ro-1', language: 'ro', categoryId: 'written', summaryLanguages: [] },
        { id: 'de-1', language: 'de', categoryId: 'written', summaryLanguages: [] },
      ],
      jurors: [{ id: 'anna', languages: [{ code: 'de', level: 'native' }], expertise: [], cap: null }],
      conflicts: [{ jurorId: 'anna', entryId: 'de-1' }],
      kept: [],
      perEntry: 1,
    });
    expect(result.assignments).toEqual([]);
    expect(result.uncovered).toEqual([
      { entryId: 'de-1', missing: 1, reason: 'allConflicted', readers: 1, eligible: 0 },
      { entryId: 'ro-1', missing: 1, reason: 'noReader', readers: 0, eligible: 0 },
    ]);
  });

  it('a reader of the summary translation may judge where the category accepts one, and not otherwise', () => {
    const juror = { id: 'eva', languages: [{ code: 'en', level: 'native' as const }], expertise: [], cap: null };
    const withSummary = assignJurors({
      entries: [{ id: 'hu-1', language: 'hu', categoryId: 'written', summaryLanguages: ['en'] }],
      jurors: [juror],
      conflicts: [],
      kept: [],
      perEntry: 1,
    });
    expect(withSummary.assignments.map((a) => a.jurorId)).toEqual(['eva']);
    const without = assignJurors({
      entries: [{ id: 'hu-1', language: 'hu', categoryId: 'video', summaryLanguages: [] }],
      jurors: [juror],
      conflicts: [],
      kept: [],
      perEntry: 1,
    });
    expect(without.uncovered).toEqual([{ entryId: 'hu-1', missing: 1, reason: 'noReader', readers: 0, eligible: 0 }]);
  });

  it('a full cap is explained as no capacity', () => {
    const result = assignJurors({
      entries: [
        { id: 'a', language: 'sk', categoryId: 'written', summaryLanguages: [] },
        { id: 'b', language: 'sk', categoryId: 'written', summaryLanguages: [] },
      ],
      jurors: [{ id: 'jan', languages: [{ code: 'sk', level: 'native' }], expertise: [], cap: 1 }],
      conflicts: [],
      kept: [],
      perEntry: 1,
    });
    expect(result.assignments).toHaveLength(1);
    expect(result.uncovered).toHaveLength(1);
    expect(result.uncovered[0]?.reason).toBe('noCapacity');
  });
});
