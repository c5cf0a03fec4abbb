import { type ChildBand, type Cooking, childBands, type Diet } from '../db/schema/lunches.ts';
import { distanceKm, type Town } from './towns.ts';

// Diets and child bands are stored with the household, so the schema declares them; the matcher's users read them here.
export { type ChildBand, type Cooking, childBands, type Diet, diets } from '../db/schema/lunches.ts';

/** What the matcher knows of a household (hosts and guests alike). */
export interface MatchHousehold {
  id: string;
  languages: readonly string[];
  town: Town;
  maxTravelKm: number;
  adults: number;
  children: Partial<Record<ChildBand, number>>;
  diets: readonly Diet[];
  /** Whether the household has food allergies (their details stay in the sign-up). */
  hasAllergies: boolean;
  canCookFor: readonly Cooking[];
  /** Hosts: guests their table seats. */
  seats: number;
  hasPets: boolean;
  avoidPets: boolean;
}

/** The hard rules; a pair breaking any of them is never made. */
export const hardRules = ['language', 'distance', 'diet', 'allergies', 'pets', 'seats'] as const;
export type HardRule = (typeof hardRules)[number];

/** What the matcher needs to know of the day. */
export interface MatchOptions {
  /** `home`: guests travel to the host; `venue`: both travel to the day's town. */
  format: 'home' | 'venue';
  city: Town;
}

/** A proposed host–guest pair with its cost and the reasons shown to coordinators. */
export interface Pair {
  hostId: string;
  guestId: string;
  /** Lower is better: tenths of a kilometre between the families plus the children-age penalty. */
  cost: number;
  reasons: { sharedLanguages: string[]; distanceKm: number; childrenAgeGap: number | null; dietsCovered: Diet[] };
}

/** A household the matcher could not pair, and why. */
export interface Unmatched {
  id: string;
  role: 'host' | 'guest';
  /** The rules that ruled out every partner, or `partnersTaken` when feasible partners went to others. */
  reasons: (HardRule | 'partnersTaken' | 'noPartners')[];
}

/** The matcher's proposal for a day. */
export interface MatchResult {
  pairs: Pair[];
  unmatched: Unmatched[];
}

const bandIndexes = (h: MatchHousehold) => childBands.flatMap((b, i) => ((h.children[b] ?? 0) > 0 ? [i] : []));
const people = (h: MatchHousehold) => h.adults + childBands.reduce((n, b) => n + (h.children[b] ?? 0), 0);

/** The hard rules a host–guest pair breaks (empty: the pair may meet). */
export function brokenRules(host: MatchHousehold, guest: MatchHousehold, options: MatchOptions): HardRule[] {
  const broken: HardRule[] = [];
  if (!host.languages.some((l) => guest.languages.includes(l))) broken.push('language');
  const apart = distanceKm(host.town, guest.town);
  const reachable =
    options.format === 'home'
      ? apart <= guest.maxTravelKm
      : distanceKm(host.town, options.city) <= host.maxTravelKm &&
        distanceKm(guest.town, options.city) <= guest.maxTravelKm;
  if (!reachable) broken.push('distance');
  if (!guest.diets.every((d) => host.canCookFor.includes(d))) broken.push('diet');
  if (guest.hasAllergies && !host.canCookFor.includes('allergies')) broken.push('allergies');
  if ((host.hasPets && guest.avoidPets) || (guest.hasPets && host.avoidPets)) broken.push('pets');
  if (people(guest) > host.seats) broken.push('seats');
  return broken;
}

/** Smallest gap between the families' children's age bands; null when either has none. */
function childrenAgeGap(a: MatchHousehold, b: MatchHousehold): number | null {
  const x = bandIndexes(a);
  const y = bandIndexes(b);
  if (x.length === 0 || y.length === 0) return null;
  return Math.min(...x.flatMap((i) => y.map((j) => Math.abs(i - j))));
}

/** The preference cost of a feasible pair: nearer families and children of similar ages cost less. */
export function pairCost(host: MatchHousehold, guest: MatchHousehold): number {
  const gap = childrenAgeGap(host, guest);
  const onlyOneHasChildren = gap === null && bandIndexes(host).length + bandIndexes(guest).length > 0;
  const childPenalty = gap !== null ? gap * 50 : onlyOneHasChildren ? 100 : 0;
  return Math.round(distanceKm(host.town, guest.town) * 10) + childPenalty;
}

/**
 * Minimum-cost assignment on a square matrix (Hungarian algorithm with potentials, O(n³)).
 * Returns for each row the column assigned. Ties resolve by index order, so equal input gives
 * equal output.
 */
export function assign(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0); // p[j]: row assigned to column j (1-based)
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j]! > 0) rowToCol[p[j]! - 1] = j - 1;
  return rowToCol;
}

const byId = (a: MatchHousehold, b: MatchHousehold) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Pairs hosts with guests: as many pairs as the hard rules allow, and among those the smallest
 * total preference cost. Deterministic: households are ordered by id before solving.
 */
export function matchHouseholds(
  hostsIn: readonly MatchHousehold[],
  guestsIn: readonly MatchHousehold[],
  options: MatchOptions,
): MatchResult {
  const hosts = [...hostsIn].sort(byId);
  const guests = [...guestsIn].sort(byId);
  const n = Math.max(hosts.length, guests.length);
  const broken = hosts.map((h) => guests.map((g) => brokenRules(h, g, options)));
  const feasibleCost = hosts.map((h, i) => guests.map((g, j) => (broken[i]![j]!.length === 0 ? pairCost(h, g) : null)));
  const maxCost = Math.max(0, ...feasibleCost.flat().filter((c): c is number => c !== null));
  // Leaving a pair unmade costs more than any set of made pairs, so the most pairs come first.
  const unmade = (maxCost + 1) * (n + 1);
  const matrix = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => feasibleCost[i]?.[j] ?? unmade),
  );
  const rowToCol = n === 0 ? [] : assign(matrix);

  const pairs: Pair[] = [];
  const pairedHosts = new Set<number>();
  const pairedGuests = new Set<number>();
  rowToCol.forEach((j, i) => {
    const cost = feasibleCost[i]?.[j];
    if (cost === undefined || cost === null) return;
    const host = hosts[i]!;
    const guest = guests[j]!;
    pairedHosts.add(i);
    pairedGuests.add(j);
    pairs.push({
      hostId: host.id,
      guestId: guest.id,
      cost,
      reasons: {
        sharedLanguages: host.languages.filter((l) => guest.languages.includes(l)),
        distanceKm: distanceKm(host.town, guest.town),
        childrenAgeGap: childrenAgeGap(host, guest),
        dietsCovered: [...guest.diets],
      },
    });
  });

  const why = (rows: (readonly HardRule[])[]): Unmatched['reasons'] => {
    if (rows.length === 0) return ['noPartners'];
    if (rows.some((r) => r.length === 0)) return ['partnersTaken'];
    // Name the rules that failed with every partner; if none did alone, each that played a part.
    const everywhere = hardRules.filter((rule) => rows.every((r) => r.includes(rule)));
    return everywhere.length > 0 ? everywhere : hardRules.filter((rule) => rows.some((r) => r.includes(rule)));
  };
  const unmatched: Unmatched[] = [
    ...hosts.flatMap((h, i) =>
      pairedHosts.has(i) ? [] : [{ id: h.id, role: 'host' as const, reasons: why(broken[i]!) }],
    ),
    ...guests.flatMap((g, j) =>
      pairedGuests.has(j) ? [] : [{ id: g.id, role: 'guest' as const, reasons: why(broken.map((r) => r[j]!)) }],
    ),
  ];
  return { pairs, unmatched };
}
