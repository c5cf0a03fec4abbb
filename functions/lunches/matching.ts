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

/** Bit `i` set for each child band `i` a household has children in. */
const bandMask = (h: MatchHousehold) =>
  childBands.reduce((m, b, i) => ((h.children[b] ?? 0) > 0 ? m | (1 << i) : m), 0);

/** The children penalty of `pairCost` for two band masks (see `childrenAgeGap`). */
function childPenalty(a: number, b: number): number {
  if (a === 0 || b === 0) return a === 0 && b === 0 ? 0 : 100;
  let gap = Infinity;
  for (let i = 0; i < childBands.length; i++)
    for (let j = 0; j < childBands.length; j++) if ((a >> i) & 1 && (b >> j) & 1) gap = Math.min(gap, Math.abs(i - j));
  return gap * 50;
}

/**
 * The feasible host–guest pairs and their costs as adjacency lists (host index → guest indexes and
 * costs, guests in index order): the hard rules of `brokenRules` and the cost of `pairCost`, computed
 * from per-household bit masks and per-town tables so that 2,500 × 2,500 pairs take milliseconds.
 * Equal to calling `brokenRules` and `pairCost` on every pair (matching.test.ts checks it).
 */
function feasiblePairs(hosts: readonly MatchHousehold[], guests: readonly MatchHousehold[], options: MatchOptions) {
  const bit = new Map<string, number>();
  const mask = (values: readonly string[]) => {
    let m = 0;
    for (const v of values) {
      if (!bit.has(v)) bit.set(v, bit.size);
      const b = bit.get(v)!;
      if (b < 31) m |= 1 << b;
    }
    return m;
  };
  const all = [...hosts, ...guests];
  const lang = all.map((h) => mask(h.languages));
  // More than 31 distinct languages or diets would not fit a mask: then the rules are asked pair by pair.
  const languagesFit = bit.size <= 31;
  bit.clear();
  mask(['allergies']);
  const diet = all.map((h) => mask(h.diets));
  const cook = all.map((h) => mask(h.canCookFor));
  const masksFit = languagesFit && bit.size <= 31;
  const townIndex = new Map<Town, number>();
  for (const h of [...all.map((x) => x.town), options.city]) if (!townIndex.has(h)) townIndex.set(h, townIndex.size);
  const townList = [...townIndex.keys()];
  const km = townList.map((a) => townList.map((b) => distanceKm(a, b)));
  const cityIndex = townIndex.get(options.city)!;
  const bands = all.map(bandMask);
  const penalty = Array.from({ length: 16 }, (_, a) => Array.from({ length: 16 }, (_, b) => childPenalty(a, b)));
  const town = all.map((h) => townIndex.get(h.town)!);
  const H = hosts.length;

  const adjacency: { guests: number[]; costs: number[] }[] = [];
  let maxCost = 0;
  for (let i = 0; i < H; i++) {
    const host = hosts[i]!;
    const guestsOf: number[] = [];
    const costs: number[] = [];
    const hostReachesCity = km[town[i]!]![cityIndex]! <= host.maxTravelKm;
    for (let j = 0; j < guests.length; j++) {
      const guest = guests[j]!;
      const g = H + j;
      const feasible = masksFit
        ? (lang[i]! & lang[g]!) !== 0 &&
          (options.format === 'home'
            ? km[town[i]!]![town[g]!]! <= guest.maxTravelKm
            : hostReachesCity && km[town[g]!]![cityIndex]! <= guest.maxTravelKm) &&
          (diet[g]! & ~cook[i]!) === 0 &&
          (!guest.hasAllergies || (cook[i]! & 1) !== 0) &&
          !((host.hasPets && guest.avoidPets) || (guest.hasPets && host.avoidPets)) &&
          people(guest) <= host.seats
        : brokenRules(host, guest, options).length === 0;
      if (!feasible) continue;
      const cost = Math.round(km[town[i]!]![town[g]!]! * 10) + penalty[bands[i]!]![bands[g]!]!;
      guestsOf.push(j);
      costs.push(cost);
      if (cost > maxCost) maxCost = cost;
    }
    adjacency.push({ guests: guestsOf, costs });
  }
  return { adjacency, maxCost };
}

/**
 * Minimum-cost assignment of every row on a sparse graph: row `i` may take column `j` of its
 * `adjacency[i]` (`guests` holds column indexes, whichever side the columns are) at that cost, or stay unmatched at `unmatchedCost` (its own spare column). The
 * Hungarian method by shortest augmenting paths (Dijkstra with potentials on a binary heap), one row
 * at a time in index order; work grows with the edges a search reaches, not with rows × columns.
 * Returns for each row its column, or -1.
 */
function assignSparse(
  adjacency: readonly { guests: readonly number[]; costs: readonly number[] }[],
  columns: number,
  unmatchedCost: number,
): number[] {
  const rows = adjacency.length;
  const C = columns + rows; // column `columns + i` is row i's "unmatched"
  const colOf = new Int32Array(rows).fill(-1);
  const rowOf = new Int32Array(C).fill(-1);
  const u = new Float64Array(rows);
  const v = new Float64Array(C);
  const dist = new Float64Array(C).fill(Infinity);
  const pred = new Int32Array(C);
  const done = new Uint8Array(C);
  const touched: number[] = [];
  const finished: number[] = [];
  // A binary heap of (distance, column), stale entries skipped when popped.
  let heapKeys = new Float64Array(1024);
  let heapCols = new Int32Array(1024);
  let size = 0;
  const push = (key: number, col: number) => {
    if (size === heapKeys.length) {
      const k = new Float64Array(size * 2);
      k.set(heapKeys);
      heapKeys = k;
      const c = new Int32Array(size * 2);
      c.set(heapCols);
      heapCols = c;
    }
    let at = size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (heapKeys[parent]! < key || (heapKeys[parent] === key && heapCols[parent]! < col)) break;
      heapKeys[at] = heapKeys[parent]!;
      heapCols[at] = heapCols[parent]!;
      at = parent;
    }
    heapKeys[at] = key;
    heapCols[at] = col;
  };
  const pop = (): number => {
    const top = heapCols[0]!;
    const key = heapKeys[--size]!;
    const col = heapCols[size]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (heapKeys[right]! < heapKeys[child]! ||
          (heapKeys[right] === heapKeys[child] && heapCols[right]! < heapCols[child]!))
      )
        child = right;
      if (key < heapKeys[child]! || (key === heapKeys[child] && col < heapCols[child]!)) break;
      heapKeys[at] = heapKeys[child]!;
      heapCols[at] = heapCols[child]!;
      at = child;
    }
    heapKeys[at] = key;
    heapCols[at] = col;
    return top;
  };
  const relax = (row: number, base: number) => {
    const { guests, costs } = adjacency[row]!;
    const from = base - u[row]!;
    for (let k = 0; k < guests.length; k++) {
      const j = guests[k]!;
      if (done[j]) continue;
      const d = from + costs[k]! - v[j]!;
      if (d < dist[j]!) {
        if (dist[j] === Infinity) touched.push(j);
        dist[j] = d;
        pred[j] = row;
        push(d, j);
      }
    }
    const spare = columns + row;
    const d = base + unmatchedCost - u[row]! - v[spare]!;
    if (d < dist[spare]!) {
      if (dist[spare] === Infinity) touched.push(spare);
      dist[spare] = d;
      pred[spare] = row;
      push(d, spare);
    }
  };

  // Warm start (row reduction): each row's potential is its cheapest edge, and a row whose cheapest
  // edge leads to a free column takes it. The duals stay feasible and every free column keeps
  // potential 0 (columns may stay free), so the searches below keep the result optimal while most
  // rows need none.
  for (let i = 0; i < rows; i++) {
    const a = adjacency[i]!;
    let cheapest = unmatchedCost;
    for (let k = 0; k < a.costs.length; k++) if (a.costs[k]! < cheapest) cheapest = a.costs[k]!;
    u[i] = cheapest;
    for (let k = 0; k < a.guests.length; k++) {
      const j = a.guests[k]!;
      if (rowOf[j] === -1 && a.costs[k] === cheapest) {
        rowOf[j] = i;
        colOf[i] = j;
        break;
      }
    }
  }

  for (let s = 0; s < rows; s++) {
    if (colOf[s] !== -1) continue;
    size = 0;
    relax(s, 0);
    let target = -1;
    while (size > 0) {
      const j = pop();
      if (done[j]) continue;
      done[j] = 1;
      finished.push(j);
      if (rowOf[j] === -1) {
        target = j;
        break;
      }
      relax(rowOf[j]!, dist[j]!);
    }
    // Every row has its own spare column, so a free column is always reached.
    const best = dist[target]!;
    u[s]! += best;
    for (const j of finished) {
      const shift = best - dist[j]!;
      if (j !== target) {
        v[j]! -= shift;
        u[rowOf[j]!]! += shift;
      }
    }
    for (let j = target; ; ) {
      const row = pred[j]!;
      const previous = colOf[row]!;
      rowOf[j] = row;
      colOf[row] = j;
      if (row === s) break;
      j = previous;
    }
    for (const j of touched) {
      dist[j] = Infinity;
      done[j] = 0;
    }
    touched.length = 0;
    finished.length = 0;
  }
  return Array.from(colOf, (j) => (j < columns ? j : -1));
}

/**
 * Pairs hosts with guests: as many pairs as the hard rules allow, and among those the smallest
 * total preference cost. Deterministic: households are ordered by id before solving.
 * Sparse: only feasible pairs are kept, so 2,500 hosts × 2,500 guests take well under a second.
 */
export function matchHouseholds(
  hostsIn: readonly MatchHousehold[],
  guestsIn: readonly MatchHousehold[],
  options: MatchOptions,
): MatchResult {
  const hosts = [...hostsIn].sort(byId);
  const guests = [...guestsIn].sort(byId);
  const n = Math.max(hosts.length, guests.length);
  const { adjacency, maxCost } = feasiblePairs(hosts, guests, options);
  // Leaving a pair unmade costs more than any set of made pairs, so the most pairs come first.
  const unmade = (maxCost + 1) * (n + 1);
  // The smaller side searches (a row that stays alone searches everything it reaches).
  let rowToCol: number[];
  if (hosts.length <= guests.length) rowToCol = assignSparse(adjacency, guests.length, unmade);
  else {
    const byGuest = guests.map(() => ({ guests: [] as number[], costs: [] as number[] }));
    adjacency.forEach((a, i) => {
      for (let k = 0; k < a.guests.length; k++) {
        byGuest[a.guests[k]!]!.guests.push(i);
        byGuest[a.guests[k]!]!.costs.push(a.costs[k]!);
      }
    });
    rowToCol = new Array<number>(hosts.length).fill(-1);
    const hostOf = assignSparse(byGuest, hosts.length, unmade);
    for (let j = 0; j < hostOf.length; j++) if (hostOf[j]! >= 0) rowToCol[hostOf[j]!] = j;
  }

  const pairs: Pair[] = [];
  const pairedHosts = new Set<number>();
  const pairedGuests = new Set<number>();
  const hasPartner = new Uint8Array(guests.length);
  adjacency.forEach((a, i) => {
    for (const j of a.guests) hasPartner[j] = 1;
    const j = rowToCol[i]!;
    if (j < 0) return;
    const host = hosts[i]!;
    const guest = guests[j]!;
    pairedHosts.add(i);
    pairedGuests.add(j);
    pairs.push({
      hostId: host.id,
      guestId: guest.id,
      cost: a.costs[a.guests.indexOf(j)]!,
      reasons: {
        sharedLanguages: host.languages.filter((l) => guest.languages.includes(l)),
        distanceKm: distanceKm(host.town, guest.town),
        childrenAgeGap: childrenAgeGap(host, guest),
        dietsCovered: [...guest.diets],
      },
    });
  });

  // Why a household stayed alone: its feasible partners went to others, or the rules that ruled
  // every partner out (asked pair by pair only for households with no feasible partner at all).
  const why = (feasible: boolean, rows: () => (readonly HardRule[])[]): Unmatched['reasons'] => {
    if (feasible) return ['partnersTaken'];
    const all = rows();
    if (all.length === 0) return ['noPartners'];
    // Name the rules that failed with every partner; if none did alone, each that played a part.
    const everywhere = hardRules.filter((rule) => all.every((r) => r.includes(rule)));
    return everywhere.length > 0 ? everywhere : hardRules.filter((rule) => all.some((r) => r.includes(rule)));
  };
  const unmatched: Unmatched[] = [
    ...hosts.flatMap((h, i) =>
      pairedHosts.has(i)
        ? []
        : [
            {
              id: h.id,
              role: 'host' as const,
              reasons: why(adjacency[i]!.guests.length > 0, () => guests.map((g) => brokenRules(h, g, options))),
            },
          ],
    ),
    ...guests.flatMap((g, j) =>
      pairedGuests.has(j)
        ? []
        : [
            {
              id: g.id,
              role: 'guest' as const,
              reasons: why(hasPartner[j] === 1, () => hosts.map((h) => brokenRules(h, g, options))),
            },
          ],
    ),
  ];
  return { pairs, unmatched };
}
