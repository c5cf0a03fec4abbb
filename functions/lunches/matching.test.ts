import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  brokenRules,
  childBands,
  diets,
  matchHouseholds,
  pairCost,
  type MatchHousehold,
  type MatchOptions,
} from './matching.ts';
import { townNames } from './towns.ts';

const household = (id: string): fc.Arbitrary<MatchHousehold> =>
  fc.record({
    id: fc.constant(id),
    languages: fc.uniqueArray(fc.constantFrom('sk', 'en', 'uk', 'ar'), { minLength: 1, maxLength: 3 }),
    town: fc.constantFrom(...townNames.slice(0, 8)),
    maxTravelKm: fc.constantFrom(10, 50, 150, 400),
    adults: fc.integer({ min: 1, max: 3 }),
    children: fc.record(
      Object.fromEntries(childBands.map((b) => [b, fc.integer({ min: 0, max: 2 })])) as Record<
        (typeof childBands)[number],
        fc.Arbitrary<number>
      >,
    ),
    diets: fc.uniqueArray(fc.constantFrom(...diets), { maxLength: 2 }),
    hasAllergies: fc.boolean(),
    canCookFor: fc.uniqueArray(fc.constantFrom(...diets, 'allergies' as const), { maxLength: 6 }),
    seats: fc.integer({ min: 0, max: 10 }),
    hasPets: fc.boolean(),
    avoidPets: fc.boolean(),
  });

const households = (prefix: string, max: number) =>
  fc
    .integer({ min: 0, max })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => household(`${prefix}${i}`))));
const options: fc.Arbitrary<MatchOptions> = fc.record({
  format: fc.constantFrom('home' as const, 'venue' as const),
  city: fc.constantFrom(...townNames.slice(0, 8)),
});

/** Best (most pairs, then least cost) over every matching, by exhaustive search. */
function bruteForce(
  hosts: MatchHousehold[],
  guests: MatchHousehold[],
  o: MatchOptions,
): { count: number; cost: number } {
  let best = { count: 0, cost: 0 };
  const go = (i: number, used: Set<number>, count: number, cost: number) => {
    if (i === hosts.length) {
      if (count > best.count || (count === best.count && cost < best.cost)) best = { count, cost };
      return;
    }
    go(i + 1, used, count, cost);
    guests.forEach((g, j) => {
      if (used.has(j) || brokenRules(hosts[i]!, g, o).length > 0) return;
      used.add(j);
      go(i + 1, used, count + 1, cost + pairCost(hosts[i]!, g));
      used.delete(j);
    });
  };
  go(0, new Set(), 0, 0);
  return best;
}

describe('family matching', () => {
  it('every pair keeps every hard rule, and no household is used twice', () => {
    fc.assert(
      fc.property(households('h', 12), households('g', 12), options, (hosts, guests, o) => {
        const { pairs, unmatched } = matchHouseholds(hosts, guests, o);
        const byId = new Map([...hosts, ...guests].map((h) => [h.id, h]));
        for (const p of pairs) expect(brokenRules(byId.get(p.hostId)!, byId.get(p.guestId)!, o)).toEqual([]);
        const ids = [...pairs.flatMap((p) => [p.hostId, p.guestId]), ...unmatched.map((u) => u.id)];
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(hosts.length + guests.length);
      }),
    );
  });

  it('is deterministic, whatever the order of the input', () => {
    fc.assert(
      fc.property(households('h', 10), households('g', 10), options, fc.integer(), (hosts, guests, o, seed) => {
        const shuffle = <T>(xs: T[]) =>
          [...xs].sort(
            (a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 31 + seed) % 7),
          );
        expect(matchHouseholds(shuffle(hosts), shuffle(guests), o)).toEqual(matchHouseholds(hosts, guests, o));
      }),
    );
  });

  it('is optimal on small inputs: as many pairs as possible, then the least cost', () => {
    fc.assert(
      fc.property(households('h', 5), households('g', 5), options, (hosts, guests, o) => {
        const { pairs } = matchHouseholds(hosts, guests, o);
        expect({ count: pairs.length, cost: pairs.reduce((s, p) => s + p.cost, 0) }).toEqual(
          bruteForce(hosts, guests, o),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives each pair its reasons and each unmatched household why', () => {
    const base = {
      maxTravelKm: 50,
      adults: 2,
      children: {},
      diets: [],
      hasAllergies: false,
      canCookFor: [],
      seats: 4,
      hasPets: false,
      avoidPets: false,
    } as const;
    const host: MatchHousehold = {
      ...base,
      id: 'h1',
      languages: ['sk', 'uk'],
      town: 'Bratislava',
      canCookFor: ['halal'],
      children: { '6-11': 1 },
    };
    const guest: MatchHousehold = {
      ...base,
      id: 'g1',
      languages: ['uk'],
      town: 'Senec',
      diets: ['halal'],
      children: { '3-5': 1 },
    };
    const stranger: MatchHousehold = { ...base, id: 'g2', languages: ['ar'], town: 'Košice' };
    const result = matchHouseholds([host], [guest, stranger], { format: 'home', city: 'Bratislava' });
    expect(result.pairs).toEqual([
      {
        hostId: 'h1',
        guestId: 'g1',
        cost: 231 + 50,
        reasons: { sharedLanguages: ['uk'], distanceKm: 23.1, childrenAgeGap: 1, dietsCovered: ['halal'] },
      },
    ]);
    expect(result.unmatched).toEqual([{ id: 'g2', role: 'guest', reasons: ['language', 'distance'] }]);
  });
});
