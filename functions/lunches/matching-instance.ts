import { childBands, diets, type MatchHousehold } from './matching.ts';
import { townNames } from './towns.ts';

/**
 * A fixed pseudo-random set of households for the matcher's benchmark and its pinned test: `count`
 * hosts ids `h0000…`, and as many guests `g0000…`, drawn from one linear congruential sequence
 * (seed 20261123, as bench/matching.bench.mjs has always drawn them), so a size gives the same
 * households on every machine.
 * @param count households per side (hosts and guests each)
 * @returns `{ hosts, guests }`, `count` each
 */
export function randomHouseholds(count: number): { hosts: MatchHousehold[]; guests: MatchHousehold[] } {
  let seed = 20261123;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => random() < p);
  const household = (id: string): MatchHousehold => {
    const languages = some(['sk', 'en', 'uk', 'ru', 'ar'], 0.4);
    return {
      id,
      languages: languages.length ? languages : ['sk'],
      town: pick(townNames),
      maxTravelKm: pick([20, 50, 100, 200]),
      adults: 1 + Math.floor(random() * 3),
      children: Object.fromEntries(childBands.map((b) => [b, random() < 0.3 ? 1 : 0])),
      diets: some(diets, 0.15),
      hasAllergies: random() < 0.1,
      canCookFor: some([...diets, 'allergies'] as const, 0.6),
      seats: 2 + Math.floor(random() * 6),
      hasPets: random() < 0.3,
      avoidPets: random() < 0.1,
    };
  };
  const width = Math.max(3, String(count - 1).length);
  const hosts = Array.from({ length: count }, (_, i) => household(`h${String(i).padStart(width, '0')}`));
  const guests = Array.from({ length: count }, (_, i) => household(`g${String(i).padStart(width, '0')}`));
  return { hosts, guests };
}
