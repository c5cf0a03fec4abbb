// The Schulze method, pure: the pairwise preferences of ranked ballots, the strongest paths between
// every two candidates (a widest-path variant of Floyd–Warshall), the order they give, with its ties
// and how they are broken. No I/O.
//
// Source: Markus Schulze, "A new monotonic, clone-independent, reversal symmetric, and
// Condorcet-consistent single-winner election method", Social Choice and Welfare 36 (2011) 267–303
// (section 2: d and p by winning votes; section 2.3: the Floyd–Warshall computation; section 5: the
// tie-breaking ranking of the candidates, TBRC); and the worked example of the Wikipedia article
// "Schulze method" (45 voters, candidates A–E, result E > A > C > B > D), which schulze.test.ts checks
// table by table.

/**
 * One juror's ballot: for each candidate ON the ballot, its rank (1 = best; equal ranks are ties;
 * any positive integers, only their order counts) or null (on the ballot but not ranked: below every
 * ranked candidate of that ballot, tied with the other unranked ones — Schulze's convention).
 * A candidate that is NOT a key (a juror in conflict with it, or not given it) is not compared
 * with anything on that ballot: the ballot expresses no preference for or against it.
 */
export type Ballot = Readonly<Record<string, number | null>>;

/** One step of building the order: who was unbeaten among those left, and who took the place. */
export interface SchulzeStep {
  /** 1-based place in the order. */
  place: number;
  /** Candidates left that no candidate left beats (by strongest paths); more than one: a tie. */
  unbeaten: string[];
  /** The candidate placed: the only unbeaten one, or the first of them in the tie-breaking ranking. */
  chosen: string;
}

/** The whole count: tables indexed like `candidates`, the order with ties, and the tie-breaks. */
export interface SchulzeResult {
  /** The candidates, in the order given (the tables' rows and columns). */
  candidates: string[];
  /** Ballots counted. */
  ballots: number;
  /** d[i][j]: ballots that strictly prefer candidate i to candidate j (d[i][i] = 0). */
  d: number[][];
  /** p[i][j]: strength of the strongest path from i to j, by winning votes (p[i][i] = 0). */
  p: number[][];
  /**
   * The order with ties: groups, best first; a group is every candidate no remaining one beats,
   * removed together (candidates in one group are tied: p[a][b] = p[b][a]).
   */
  tiers: string[][];
  /** One linear order, best first: the tiers' ties broken by `tieBreak` (see `steps`). */
  order: string[];
  /** How `order` was built, place by place. */
  steps: SchulzeStep[];
}

/** Whether `ballot` strictly prefers `a` to `b` (both on it; unranked below every ranked one). */
export function prefers(ballot: Ballot, a: string, b: string): boolean {
  if (!(a in ballot) || !(b in ballot)) return false;
  const ra = ballot[a] ?? Number.POSITIVE_INFINITY;
  const rb = ballot[b] ?? Number.POSITIVE_INFINITY;
  return ra < rb;
}

/**
 * The pairwise-preference matrix: d[i][j] = how many ballots strictly prefer candidates[i] to
 * candidates[j]. O(ballots × n²).
 */
export function pairwisePreferences(candidates: readonly string[], ballots: readonly Ballot[]): number[][] {
  const n = candidates.length;
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const ballot of ballots)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (i !== j && prefers(ballot, candidates[i] as string, candidates[j] as string)) (d[i] as number[])[j]! += 1;
  return d;
}

/**
 * The strongest-path matrix from `d` (Schulze 2011, section 2.3): a link i → j has strength
 * d[i][j] when d[i][j] > d[j][i] (winning votes), else none (0); a path is as strong as its weakest
 * link; p[i][j] is the strongest path's strength. Floyd–Warshall's widest-path variant, O(n³).
 */
export function strongestPaths(d: readonly (readonly number[])[]): number[][] {
  const n = d.length;
  const at = (m: readonly (readonly number[])[], i: number, j: number) => (m[i] as readonly number[])[j] as number;
  const p = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i !== j && at(d, i, j) > at(d, j, i) ? at(d, i, j) : 0)),
  );
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      for (let k = 0; k < n; k++) {
        if (k === i || k === j) continue;
        const via = Math.min(at(p, j, i), at(p, i, k));
        if (via > at(p, j, k)) (p[j] as number[])[k] = via;
      }
    }
  return p;
}

/** A small seeded generator (FNV-1a of the seed, then mulberry32): the same seed, the same numbers. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The tie-breaking ranking of the candidates (after Schulze 2011, section 5): the ballots are taken
 * in a random order fixed by `seed` (Fisher–Yates with `seededRandom`); starting from all candidates
 * tied, each ballot in turn splits every group of still-tied candidates that it lists completely by
 * its own ranks (a ballot missing one of them — a conflict — leaves that group as it is). Candidates
 * no ballot separates keep the order given (`candidates`: entry number). Returns all candidates,
 * best first. Also returns the order in which ballots were read (indexes into `ballots`).
 */
export function tieBreakingRanking(
  candidates: readonly string[],
  ballots: readonly Ballot[],
  seed: string,
): { ranking: string[]; ballotOrder: number[] } {
  const random = seededRandom(seed);
  const ballotOrder = ballots.map((_, i) => i);
  for (let i = ballotOrder.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ballotOrder[i], ballotOrder[j]] = [ballotOrder[j] as number, ballotOrder[i] as number];
  }
  let groups: string[][] = candidates.length ? [[...candidates]] : [];
  for (const index of ballotOrder) {
    const ballot = ballots[index] as Ballot;
    groups = groups.flatMap((group) => {
      if (group.length < 2 || group.some((c) => !(c in ballot))) return [group];
      const key = (c: string) => ballot[c] ?? Number.POSITIVE_INFINITY;
      const sorted = [...group].sort((a, b) => key(a) - key(b)); // stable: entry number within a rank
      const split: string[][] = [];
      for (const c of sorted) {
        const last = split.at(-1);
        if (last && key(last[0] as string) === key(c)) last.push(c);
        else split.push([c]);
      }
      return split;
    });
  }
  return { ranking: groups.flat(), ballotOrder };
}

/**
 * Counts `ballots` over `candidates` by the Schulze method.
 * `candidates`: ids in a fixed order (the tables follow it; give entry-number order).
 * `tieBreak`: a complete ranking of the candidates used only to break ties (best first; e.g.
 * `tieBreakingRanking(...).ranking`); defaults to `candidates` itself (entry number).
 * Returns d, p, the tiers (order with ties) and a linear order whose every step is explained: at
 * each place the unbeaten candidates among those left; several of them are a tie, and the first of
 * them in `tieBreak` takes the place (Schulze 2011, section 5: this keeps every strict Schulze
 * preference). Candidates on no ballot simply have zero preferences for and against them.
 */
export function schulze(
  candidates: readonly string[],
  ballots: readonly Ballot[],
  tieBreak: readonly string[] = candidates,
): SchulzeResult {
  const d = pairwisePreferences(candidates, ballots);
  const p = strongestPaths(d);
  const n = candidates.length;
  const beats = (i: number, j: number) => (p[i] as number[])[j]! > (p[j] as number[])[i]!;
  const unbeatenAmong = (left: readonly number[]) => left.filter((j) => !left.some((i) => i !== j && beats(i, j)));

  const tiers: string[][] = [];
  let left = candidates.map((_, i) => i);
  while (left.length) {
    const top = unbeatenAmong(left);
    tiers.push(top.map((i) => candidates[i] as string));
    left = left.filter((i) => !top.includes(i));
  }

  const tieRank = new Map(tieBreak.map((c, i) => [c, i]));
  const rankOf = (i: number) => tieRank.get(candidates[i] as string) ?? n + i;
  const steps: SchulzeStep[] = [];
  left = candidates.map((_, i) => i);
  while (left.length) {
    const top = unbeatenAmong(left);
    const chosen = [...top].sort((a, b) => rankOf(a) - rankOf(b))[0] as number;
    steps.push({
      place: steps.length + 1,
      unbeaten: top.map((i) => candidates[i] as string),
      chosen: candidates[chosen] as string,
    });
    left = left.filter((i) => i !== chosen);
  }
  return {
    candidates: [...candidates],
    ballots: ballots.length,
    d,
    p,
    tiers,
    order: steps.map((s) => s.chosen),
    steps,
  };
}
