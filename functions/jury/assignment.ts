// Automatic jury assignment (issue 12, item 4): a pure function of the round's entries, jurors,
// conflicts and kept pairs. No I/O; the jury services read the data, call `assignJurors` and store
// what it returns.
import { bipartiteMinCostFlow } from './min-cost-flow.ts';

/** How well a juror reads a language, best first. */
export type ReadingLevel = 'native' | 'fluent' | 'reading';

export interface AssignmentEntry {
  id: string;
  /** Language of the entry itself (ISO 639-1, e.g. `ro`). */
  language: string;
  categoryId: string;
  /** Languages of a summary translation the category accepts ([] if none). */
  summaryLanguages: readonly string[];
}

export interface AssignmentJuror {
  id: string;
  languages: readonly { code: string; level: ReadingLevel }[];
  /** Category ids the juror is an expert in. */
  expertise: readonly string[];
  /** Most entries the juror takes in this round (kept pairs included); null = no cap. */
  cap: number | null;
}

export interface AssignmentInput {
  entries: readonly AssignmentEntry[];
  jurors: readonly AssignmentJuror[];
  conflicts: readonly { jurorId: string; entryId: string }[];
  /** Reviews already started or pinned by hand: always in the result, and counted in loads and caps. */
  kept: readonly { jurorId: string; entryId: string }[];
  /** k: jurors each entry should have. */
  perEntry: number;
}

/** One juror on one entry; `quality` in [0, 1] is {@link pairQuality}. */
export interface Assignment {
  entryId: string;
  jurorId: string;
  quality: number;
}

/**
 * An entry left with fewer than k jurors, and why:
 * - `noReader`: fewer than k jurors (kept ones included) read its language or an accepted summary;
 * - `allConflicted`: enough read it, but too few of those are free of conflict with it;
 * - `noCapacity`: enough readers without conflict, but their caps (or the other entries that only
 *   they can read) leave no room.
 */
export interface Uncovered {
  entryId: string;
  missing: number;
  reason: 'noReader' | 'allConflicted' | 'noCapacity';
  /** Jurors who read the entry (its language or an accepted summary). */
  readers?: number;
  /** Of those, jurors without a conflict with it. */
  eligible?: number;
}

/** A kept pair that breaks a rule; it is kept all the same (the caller decides), and reported. */
export interface KeptIssue {
  entryId: string;
  jurorId: string;
  reason: 'conflict' | 'noReader' | 'unknown';
}

export interface AssignmentResult {
  /** Kept and new pairs, sorted by entry id, then juror id. */
  assignments: Assignment[];
  /** Entries with fewer than k jurors, sorted by entry id. */
  uncovered: Uncovered[];
  /** Σ (1 − quality) over all assignments: the match cost that was minimised (second to balance). */
  cost: number;
  /** The worst-off covered entry's quality: min over entries with a juror of their weakest pair (0 if none). */
  worstQuality: number;
  /** Largest minus smallest load over all jurors, kept pairs included (0 without jurors). */
  loadSpread: number;
  /** Entries per juror, kept pairs included, sorted by juror id. */
  loads?: { jurorId: string; load: number }[];
  /** Kept pairs that are conflicted, unreadable or name an unknown entry or juror. */
  keptIssues?: KeptIssue[];
  /** Σ load² over jurors: the balance that was minimised first (smaller is more even). */
  loadSquares?: number;
  /** Min-cost flows solved: 1, plus the fairness thresholds that passed the quick coverage check. */
  solves?: number;
}

/** Points for reading the entry's own language, by level. */
export const languagePoints: Readonly<Record<ReadingLevel, number>> = { native: 60, fluent: 45, reading: 25 };
/** Points for reading only an accepted summary translation, by level (half of the above, rounded down to tens). */
export const summaryPoints: Readonly<Record<ReadingLevel, number>> = { native: 30, fluent: 20, reading: 10 };
/** Points for expertise in the entry's category. */
export const expertisePoints = 40;

/**
 * A pair's match quality in integer points 0…100, or null when the juror cannot read the entry.
 * Points = language + expertise: the best of `languagePoints[level]` for the entry's own language
 * and `summaryPoints[level]` for any accepted summary language (native 60 / fluent 45 / reading 25
 * for the original; 30 / 20 / 10 for a summary only), plus 40 if the juror is an expert in the
 * entry's category. So a native expert is 100, a native non-expert 60, an expert who reads only the
 * summary at reading level 50. Quality = points / 100. Conflicts are not looked at here.
 */
export function pairPoints(entry: AssignmentEntry, juror: AssignmentJuror): number | null {
  let language = -1;
  for (const { code, level } of juror.languages) {
    if (code === entry.language) language = Math.max(language, languagePoints[level]);
    else if (entry.summaryLanguages.includes(code)) language = Math.max(language, summaryPoints[level]);
  }
  if (language < 0) return null;
  return language + (juror.expertise.includes(entry.categoryId) ? expertisePoints : 0);
}

/** {@link pairPoints} as a quality in [0, 1] (0 when the juror cannot read the entry). */
export function pairQuality(entry: AssignmentEntry, juror: AssignmentJuror): number {
  return (pairPoints(entry, juror) ?? 0) / 100;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const pairKey = (entryId: string, jurorId: string): string => `${entryId}\u0000${jurorId}`;

/** A candidate pair that the flow may choose. */
interface Candidate {
  entry: number;
  juror: number;
  points: number;
}

/** The network for one solve: arcs, and which arc index is which candidate. */
interface Solve {
  flow: number;
  cost: number;
  chosen: Candidate[];
}

/**
 * Assigns k jurors to every entry. Pure and deterministic: inputs are sorted by id first, so their
 * order does not matter, and every tie is broken by id.
 *
 * Hard rules: a new pair is never conflicted and the juror reads the entry's language or one of its
 * accepted summary languages; caps (kept pairs included) are never exceeded by new pairs; kept pairs
 * are always in the result, each counted once.
 *
 * Objectives, lexicographically:
 *  1. coverage: as many new pairs as the rules allow (a maximum flow);
 *  2. balance: least Σ load² over jurors, kept pairs included — whenever an assignment with
 *     max − min load ≤ 1 exists, this finds one (those loads are the unique minimiser of Σ load² for
 *     the total); otherwise the loads are as even as the languages, conflicts and caps allow;
 *  3. match cost: least Σ (100 − points) — prefers native readers and experts ({@link pairPoints});
 *  4. max-min fairness: among assignments optimal for 1–3, the weakest pair of the worst-off entry is
 *     as good as it can be.
 *  1–3 are one min-cost flow (source → entry, capacity k − kept; entry → juror, capacity 1, cost
 *  100 − points; juror → sink, one unit arc per extra load ℓ with convex cost B·ℓ, B = 100·(new pairs
 *  wanted) + 1 so balance outranks any difference in match cost, and B·ℓ summed over a juror's extra
 *  loads is Σ ℓ² up to terms fixed by the total); the flow is maximal and of least cost among maximal
 *  flows (successive shortest paths with potentials: `bipartiteMinCostFlow` in ./min-cost-flow.ts).
 *  4 follows PeerReview4All (Stelmakh, Shah & Singh, "PeerReview4All: Fair and Accurate Reviewer
 *  Assignment in Peer Review", ALT 2019 / JMLR 2021) and OpenReview's FairFlow (Kobren, Saha &
 *  McCallum, "Paper Matching with Local Fairness Constraints", KDD 2019): threshold the allowed pairs.
 *  We binary-search the largest point value t such that the same min-cost flow over only the pairs
 *  with points ≥ t still reaches the same coverage and the same cost (1–3 unchanged), and return that
 *  flow. An entry's quality is its weakest pair's: maximising the minimum of per-entry *sums*, as
 *  PeerReview4All does, is NP-hard (it approximates it); the weakest-pair form is solved exactly.
 *  Kept pairs are outside the choice and do not take part in the threshold. The threshold is found
 *  lexicographically after cost (the issue's "among optimal assignments"), not before it as in
 *  PeerReview4All, where fairness comes first.
 *
 * Shapes: ids unique within entries and within jurors; `perEntry` k ≥ 0; caps null or ≥ 0. A kept pair
 * that is conflicted or unreadable stays (the caller decides) and is listed in `keptIssues`.
 * @throws RangeError when the instance is so large that its costs could pass 2⁵³ and stop being exact:
 * from about 12,000 entries × k = 3 when jurors read every entry (the bench's 2,000 stay below 2⁴⁷);
 * a caller error, not an HTTP error.
 * Cost: one flow, plus at most ⌈log₂ 12⌉ more for the threshold (12 point values), each
 * O(units · jurors²); 2,000 entries × 60 jurors × k = 3 take about 0.4–0.5 s on this machine
 * (bench/assignment.bench.ts).
 */
export function assignJurors(input: AssignmentInput): AssignmentResult {
  const k = Math.max(0, Math.floor(input.perEntry));
  const entries = [...input.entries].sort(byId);
  const jurors = [...input.jurors].sort(byId);
  const entryIndex = new Map(entries.map((e, i) => [e.id, i]));
  const jurorIndex = new Map(jurors.map((j, i) => [j.id, i]));
  const conflicted = new Set(input.conflicts.map((c) => pairKey(c.entryId, c.jurorId)));

  // Kept pairs: deduplicated, sorted; counted per entry and per juror.
  const keptSeen = new Set<string>();
  const kept: { entryId: string; jurorId: string }[] = [];
  for (const p of input.kept) {
    const key = pairKey(p.entryId, p.jurorId);
    if (keptSeen.has(key)) continue;
    keptSeen.add(key);
    kept.push({ entryId: p.entryId, jurorId: p.jurorId });
  }
  kept.sort((a, b) => (a.entryId !== b.entryId ? (a.entryId < b.entryId ? -1 : 1) : a.jurorId < b.jurorId ? -1 : 1));
  const keptOfEntry = new Int32Array(entries.length);
  const keptOfJuror = new Int32Array(jurors.length);
  const assignments: Assignment[] = [];
  const keptIssues: KeptIssue[] = [];
  for (const p of kept) {
    const e = entryIndex.get(p.entryId);
    const j = jurorIndex.get(p.jurorId);
    if (e !== undefined) keptOfEntry[e]!++;
    if (j !== undefined) keptOfJuror[j]!++;
    const points = e !== undefined && j !== undefined ? pairPoints(entries[e]!, jurors[j]!) : null;
    if (e === undefined || j === undefined) keptIssues.push({ ...p, reason: 'unknown' });
    else if (conflicted.has(pairKey(p.entryId, p.jurorId))) keptIssues.push({ ...p, reason: 'conflict' });
    else if (points === null) keptIssues.push({ ...p, reason: 'noReader' });
    assignments.push({ ...p, quality: (points ?? 0) / 100 });
  }

  // Candidates: readable, not conflicted, not already kept. Per entry in juror-id order.
  const candidates: Candidate[] = [];
  const readers = new Int32Array(entries.length);
  const eligible = new Int32Array(entries.length);
  const keptReadable = new Int32Array(entries.length); // kept pairs whose juror reads the entry
  const keptEligible = new Int32Array(entries.length);
  const candidatesOfJuror = new Int32Array(jurors.length);
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    for (let j = 0; j < jurors.length; j++) {
      const juror = jurors[j]!;
      const points = pairPoints(entry, juror);
      if (points === null) continue;
      readers[e]!++;
      const key = pairKey(entry.id, juror.id);
      const isConflicted = conflicted.has(key);
      if (!isConflicted) eligible[e]!++;
      if (keptSeen.has(key)) {
        keptReadable[e]!++;
        if (!isConflicted) keptEligible[e]!++;
        continue;
      }
      if (isConflicted) continue;
      candidates.push({ entry: e, juror: j, points });
      candidatesOfJuror[j]!++;
    }
  }

  const need = Array.from(entries, (_, e) => Math.max(0, k - keptOfEntry[e]!));
  const wanted = need.reduce((a, b) => a + b, 0);
  const room = Array.from(jurors, (juror, j) => {
    const free = juror.cap === null ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(juror.cap) - keptOfJuror[j]!);
    return Math.min(free, candidatesOfJuror[j]!, wanted);
  });
  const B = 100 * wanted + 1;
  // Costs, totals and potentials stay exact integers below 2^53 (the bench instance uses ~2^45).
  const largestUnit = Math.max(0, ...jurors.map((_, j) => B * (keptOfJuror[j]! + room[j]!)));
  if ((largestUnit + 100) * (wanted + 1) * 4 > Number.MAX_SAFE_INTEGER) {
    throw new RangeError('assignJurors: too large for exact integer costs');
  }

  const solve = (threshold: number): Solve => {
    const usable = candidates.filter((c) => c.points >= threshold && need[c.entry]! > 0);
    const result = bipartiteMinCostFlow({
      supply: need,
      rightCount: jurors.length,
      pairs: usable.map((c) => ({ left: c.entry, right: c.juror, cost: 100 - c.points })),
      rightCapacity: room,
      unitCost: (j, u) => B * (keptOfJuror[j]! + u),
    });
    return { flow: result.flow, cost: result.cost, chosen: usable.filter((_, i) => result.used[i]) };
  };

  let best = solve(0);
  let solves = 1;
  if (best.chosen.length > 0) {
    // Max-min fairness: the largest threshold keeping coverage and cost (monotone in the threshold).
    const floor = Math.min(...best.chosen.map((c) => c.points));
    const levels = [...new Set(candidates.map((c) => c.points).filter((p) => p > floor))].sort((a, b) => a - b);
    let lo = -1;
    let hi = levels.length;
    // A quick necessary condition first: entries must still have enough candidates at the threshold
    // to reach the same coverage (Σ min(need, candidates ≥ t)); only then is the flow solved.
    const reachable = (threshold: number): boolean => {
      const count = new Int32Array(entries.length);
      for (const c of candidates) if (c.points >= threshold) count[c.entry]!++;
      let total = 0;
      for (let e = 0; e < entries.length; e++) total += Math.min(need[e]!, count[e]!);
      return total >= best.flow;
    };
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      const attempt = reachable(levels[mid]!) ? solve(levels[mid]!) : null;
      if (attempt) solves++;
      if (attempt && attempt.flow === best.flow && attempt.cost === best.cost) {
        best = attempt;
        lo = mid;
      } else hi = mid;
    }
  }

  for (const c of best.chosen) {
    assignments.push({ entryId: entries[c.entry]!.id, jurorId: jurors[c.juror]!.id, quality: c.points / 100 });
  }
  assignments.sort((a, b) =>
    a.entryId !== b.entryId ? (a.entryId < b.entryId ? -1 : 1) : a.jurorId < b.jurorId ? -1 : 1,
  );

  // Coverage and its explanation.
  const count = new Int32Array(entries.length);
  const weakest = new Float64Array(entries.length).fill(Number.POSITIVE_INFINITY);
  const load = new Int32Array(jurors.length);
  let costPoints = 0;
  for (const a of assignments) {
    const e = entryIndex.get(a.entryId);
    const j = jurorIndex.get(a.jurorId);
    costPoints += 100 - Math.round(a.quality * 100);
    if (e !== undefined) {
      count[e]!++;
      weakest[e] = Math.min(weakest[e]!, a.quality);
    }
    if (j !== undefined) load[j]!++;
  }
  const uncovered: Uncovered[] = [];
  for (let e = 0; e < entries.length; e++) {
    const missing = k - count[e]!;
    if (missing <= 0) continue;
    // Jurors the entry could have at most: kept ones plus readers (plus readers without conflict).
    const keptOther = keptOfEntry[e]! - keptReadable[e]!;
    const reason: Uncovered['reason'] =
      keptOther + readers[e]! < k
        ? 'noReader'
        : keptOfEntry[e]! - keptEligible[e]! + eligible[e]! < k
          ? 'allConflicted'
          : 'noCapacity';
    uncovered.push({ entryId: entries[e]!.id, missing, reason, readers: readers[e]!, eligible: eligible[e]! });
  }

  let worst = Number.POSITIVE_INFINITY;
  for (let e = 0; e < entries.length; e++) if (count[e]! > 0) worst = Math.min(worst, weakest[e]!);
  const loads = jurors.map((juror, j) => ({ jurorId: juror.id, load: load[j]! }));
  const loadValues = loads.map((l) => l.load);
  return {
    assignments,
    uncovered,
    cost: costPoints / 100,
    worstQuality: Number.isFinite(worst) ? worst : 0,
    loadSpread: loadValues.length ? Math.max(...loadValues) - Math.min(...loadValues) : 0,
    loads,
    keptIssues,
    loadSquares: loadValues.reduce((s, l) => s + l * l, 0),
    solves,
  };
}
