// REPLACED AT MERGE: this is a simple greedy stand-in for the contract below, so that the jury's
// services and tests can be built in parallel. The branch `jury-assign` owns this file and brings
// the min-cost-flow implementation (optimal cost, max-min fair); the services and their tests rely
// only on the properties both satisfy: never a conflicted juror, only readers of the entry's
// language or its summary translation, caps respected, kept pairs kept, deterministic, and every
// entry short of k jurors explained in `uncovered`.

export type ReadingLevel = 'native' | 'fluent' | 'reading';
/** summaryLanguages: languages of a summary translation the category accepts ([] if none). */
export interface AssignmentEntry {
  id: string;
  language: string;
  categoryId: string;
  summaryLanguages: readonly string[];
}
export interface AssignmentJuror {
  id: string;
  languages: readonly { code: string; level: ReadingLevel }[];
  /** Category ids. */
  expertise: readonly string[];
  cap: number | null;
}
export interface AssignmentInput {
  entries: readonly AssignmentEntry[];
  jurors: readonly AssignmentJuror[];
  conflicts: readonly { jurorId: string; entryId: string }[];
  /** Reviews already started or pinned by hand: always in the result. */
  kept: readonly { jurorId: string; entryId: string }[];
  /** k: jurors per entry. */
  perEntry: number;
}
/** quality in [0,1]. */
export interface Assignment {
  entryId: string;
  jurorId: string;
  quality: number;
}
export interface Uncovered {
  entryId: string;
  missing: number;
  reason: 'noReader' | 'allConflicted' | 'noCapacity';
}
export interface AssignmentResult {
  assignments: Assignment[];
  uncovered: Uncovered[];
  cost: number;
  worstQuality: number;
  loadSpread: number;
}

const levelWeight: Record<ReadingLevel, number> = { native: 1, fluent: 0.85, reading: 0.6 };
/** Reading only the summary translation is worth this share of reading the work itself. */
const SUMMARY_SHARE = 0.5;
/** Without expertise in the entry's category, quality is this share. */
const NON_EXPERT_SHARE = 0.8;

/** How well `juror` can judge `entry`, in [0, 1]; 0 when the juror reads neither the work nor its summary. */
function quality(entry: AssignmentEntry, juror: AssignmentJuror): number {
  let best = 0;
  for (const l of juror.languages) {
    if (l.code === entry.language) best = Math.max(best, levelWeight[l.level]);
    else if (entry.summaryLanguages.includes(l.code)) best = Math.max(best, levelWeight[l.level] * SUMMARY_SHARE);
  }
  return best * (juror.expertise.includes(entry.categoryId) ? 1 : NON_EXPERT_SHARE);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: { id: string }, b: { id: string }) => cmp(a.id, b.id);

/**
 * Gives every entry `perEntry` jurors where it can (greedy: the entries with the fewest possible
 * jurors first; for each, the least-loaded readers, better matches first, then by id). Pure and
 * deterministic. Cost is Σ(1 − quality) over the result; worstQuality the lowest mean quality of
 * an entry that has jurors (1 when none has); loadSpread max − min jurors' loads.
 */
export function assignJurors(input: AssignmentInput): AssignmentResult {
  const k = input.perEntry;
  const entries = [...input.entries].sort(byId);
  const jurors = [...input.jurors].sort(byId);
  const conflicted = new Set(input.conflicts.map((c) => `${c.jurorId}\u0000${c.entryId}`));
  const isConflicted = (j: string, e: string) => conflicted.has(`${j}\u0000${e}`);
  const load = new Map(jurors.map((j) => [j.id, 0]));
  const onEntry = new Map(entries.map((e) => [e.id, new Set<string>()]));
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const jurorById = new Map(jurors.map((j) => [j.id, j]));
  const result: Assignment[] = [];

  for (const pair of [...input.kept].sort((a, b) => cmp(a.entryId, b.entryId) || cmp(a.jurorId, b.jurorId))) {
    const entry = entryById.get(pair.entryId);
    const juror = jurorById.get(pair.jurorId);
    const set = onEntry.get(pair.entryId);
    if (!set || set.has(pair.jurorId)) continue;
    set.add(pair.jurorId);
    load.set(pair.jurorId, (load.get(pair.jurorId) ?? 0) + 1);
    result.push({ entryId: pair.entryId, jurorId: pair.jurorId, quality: entry && juror ? quality(entry, juror) : 0 });
  }

  const candidates = (e: AssignmentEntry) => jurors.filter((j) => quality(e, j) > 0 && !isConflicted(j.id, e.id));
  const order = entries
    .map((e) => ({ e, n: candidates(e).length }))
    .sort((a, b) => a.n - b.n || byId(a.e, b.e))
    .map((x) => x.e);

  const uncovered: Uncovered[] = [];
  for (const entry of order) {
    const set = onEntry.get(entry.id) ?? new Set<string>();
    let missing = Math.max(0, k - set.size);
    const pool = candidates(entry)
      .filter((j) => !set.has(j.id))
      .map((j) => ({ j, q: quality(entry, j) }));
    while (missing > 0) {
      const free = pool.filter(({ j }) => !set.has(j.id) && (j.cap === null || (load.get(j.id) ?? 0) < j.cap));
      free.sort((a, b) => (load.get(a.j.id) ?? 0) - (load.get(b.j.id) ?? 0) || b.q - a.q || byId(a.j, b.j));
      const pick = free[0];
      if (!pick) break;
      set.add(pick.j.id);
      load.set(pick.j.id, (load.get(pick.j.id) ?? 0) + 1);
      result.push({ entryId: entry.id, jurorId: pick.j.id, quality: pick.q });
      missing--;
    }
    if (missing > 0) {
      const readers = jurors.filter((j) => quality(entry, j) > 0);
      const free = readers.filter((j) => !isConflicted(j.id, entry.id) && !set.has(j.id));
      const reason =
        readers.length > 0 && readers.every((j) => isConflicted(j.id, entry.id))
          ? 'allConflicted'
          : free.length > 0
            ? 'noCapacity'
            : 'noReader';
      uncovered.push({ entryId: entry.id, missing, reason });
    }
  }

  result.sort((a, b) => cmp(a.entryId, b.entryId) || cmp(a.jurorId, b.jurorId));
  uncovered.sort((a, b) => cmp(a.entryId, b.entryId));
  const cost = result.reduce((sum, a) => sum + (1 - a.quality), 0);
  const perEntryQuality = new Map<string, number[]>();
  for (const a of result) perEntryQuality.set(a.entryId, [...(perEntryQuality.get(a.entryId) ?? []), a.quality]);
  const means = [...perEntryQuality.values()].map((qs) => qs.reduce((s, q) => s + q, 0) / qs.length);
  const loads = [...load.values()];
  return {
    assignments: result,
    uncovered,
    cost,
    worstQuality: means.length ? Math.min(...means) : 1,
    loadSpread: loads.length ? Math.max(...loads) - Math.min(...loads) : 0,
  };
}
