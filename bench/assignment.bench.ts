// `npm run bench:assignment`: the automatic jury assignment (functions/jury/assignment.ts) on
// 2,000 entries × 60 jurors × 3 reviews, 5 % of pairs in conflict, 8 languages, drawn from a fixed
// pseudo-random sequence. Prints time, cost, the worst-off entry's quality and the load spread, and
// the same for a bare baseline on the same instance in the same run: a greedy pass that gives each
// entry, in id order, the k least-loaded eligible jurors (best quality, then id, breaking ties).
// Asserts nothing.
import { performance } from 'node:perf_hooks';
import {
  type AssignmentInput,
  type AssignmentJuror,
  type AssignmentResult,
  assignJurors,
  pairPoints,
  type ReadingLevel,
} from '../functions/jury/assignment.ts';

const ENTRIES = 2000;
const JURORS = 60;
const K = 3;
const CONFLICT_RATE = 0.05;
const LANGUAGES = ['sk', 'en', 'uk', 'cs', 'de', 'hu', 'pl', 'ro'] as const;
const CATEGORIES = ['print', 'online', 'radio', 'tv', 'student'] as const;
/** Categories that accept an English summary translation. */
const SUMMARY_EN = new Set(['online', 'student']);

/** mulberry32: a small seeded generator with exact 32-bit integer steps. */
let seed = 20261129;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The bench's instance: `entries` entries, `jurors` jurors, `perEntry` reviews each, 5 % of pairs in
 * conflict, drawn from the fixed sequence (defaults: 2,000 × 60 × 3, this file's own run; the solvers
 * bench scales them). The sequence restarts with each call, so equal sizes give equal instances.
 */
export function benchInstance({
  entries: entryCount = ENTRIES,
  jurors: jurorCount = JURORS,
  perEntry = K,
} = {}): AssignmentInput {
  seed = 20261129;
  // Each juror: a native language (every language has at least five native readers), often fluent
  // English, sometimes a third language read at a lower level; one or two categories of expertise.
  const jurors: AssignmentJuror[] = [];
  for (let j = 0; j < jurorCount; j++) {
    const native = LANGUAGES[j % LANGUAGES.length]!;
    const languages: { code: string; level: ReadingLevel }[] = [{ code: native, level: 'native' }];
    if (native !== 'en' && random() < 0.7) languages.push({ code: 'en', level: 'fluent' });
    if (random() < 0.5) {
      const other = pick(LANGUAGES);
      if (!languages.some((l) => l.code === other)) languages.push({ code: other, level: pick(['fluent', 'reading']) });
    }
    const expertise = [pick(CATEGORIES)];
    if (random() < 0.4) expertise.push(pick(CATEGORIES));
    jurors.push({
      id: `j${pad(j, Math.max(2, String(jurorCount - 1).length))}`,
      languages,
      expertise: [...new Set(expertise)],
      cap: null,
    });
  }
  const entries = Array.from({ length: entryCount }, (_, e) => {
    const categoryId = pick(CATEGORIES);
    return {
      id: `e${pad(e, Math.max(4, String(entryCount - 1).length))}`,
      language: pick(LANGUAGES),
      categoryId,
      summaryLanguages: SUMMARY_EN.has(categoryId) ? ['en'] : [],
    };
  });
  const conflicts: { jurorId: string; entryId: string }[] = [];
  for (const entry of entries) {
    for (const juror of jurors) if (random() < CONFLICT_RATE) conflicts.push({ jurorId: juror.id, entryId: entry.id });
  }
  return { entries, jurors, conflicts, kept: [], perEntry };
}

/** The bare baseline: greedy, least-loaded eligible jurors first. */
function greedy(input: AssignmentInput): AssignmentResult {
  const conflicted = new Set(input.conflicts.map((c) => `${c.entryId}|${c.jurorId}`));
  const load = new Map(input.jurors.map((j) => [j.id, 0]));
  const assignments: AssignmentResult['assignments'] = [];
  const uncovered: AssignmentResult['uncovered'] = [];
  for (const entry of input.entries) {
    const options = input.jurors
      .filter((j) => !conflicted.has(`${entry.id}|${j.id}`) && (j.cap === null || load.get(j.id)! < j.cap))
      .map((j) => ({ j, points: pairPoints(entry, j) }))
      .filter((o): o is { j: AssignmentJuror; points: number } => o.points !== null)
      .sort((a, b) => load.get(a.j.id)! - load.get(b.j.id)! || b.points - a.points || (a.j.id < b.j.id ? -1 : 1))
      .slice(0, input.perEntry);
    for (const o of options) {
      load.set(o.j.id, load.get(o.j.id)! + 1);
      assignments.push({ entryId: entry.id, jurorId: o.j.id, quality: o.points / 100 });
    }
    if (options.length < input.perEntry)
      uncovered.push({ entryId: entry.id, missing: input.perEntry - options.length, reason: 'noCapacity' });
  }
  const weakest = new Map<string, number>();
  for (const a of assignments) weakest.set(a.entryId, Math.min(weakest.get(a.entryId) ?? 1, a.quality));
  const loads = [...load.values()];
  return {
    assignments,
    uncovered,
    cost: assignments.reduce((s, a) => s + Math.round(100 - a.quality * 100), 0) / 100,
    worstQuality: Math.min(...weakest.values()),
    loadSpread: Math.max(...loads) - Math.min(...loads),
  };
}

/** Wall-clock and CPU time of one run (CPU time is what the machine's other work does not inflate). */
function timed<T>(run: () => T): { result: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

const RUNS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (import.meta.main) {
  const input = benchInstance();
  const readers = input.entries.map((e) => input.jurors.filter((j) => pairPoints(e, j) !== null).length);
  console.log(
    `assignment: ${ENTRIES} entries × ${JURORS} jurors × ${K} reviews, ${input.conflicts.length} conflicts ` +
      `(${((100 * input.conflicts.length) / (ENTRIES * JURORS)).toFixed(1)} %), ${LANGUAGES.length} languages, ` +
      `readers per entry ${Math.min(...readers)}–${Math.max(...readers)}; median of ${RUNS} runs after a warm-up`,
  );
  greedy(input);
  assignJurors(input);
  const base = Array.from({ length: RUNS }, () => timed(() => greedy(input)));
  const ours = Array.from({ length: RUNS }, () => timed(() => assignJurors(input)));
  const report = (name: string, runs: ReturnType<typeof timed<AssignmentResult>>[]) => {
    const r = runs[0]!.result;
    const ms = median(runs.map((x) => x.ms));
    const cpuMs = median(runs.map((x) => x.cpuMs));
    console.log(
      `${name.padEnd(24)} wall ${ms.toFixed(0).padStart(5)} ms  cpu ${cpuMs.toFixed(0).padStart(5)} ms  ` +
        `pairs ${r.assignments.length}  uncovered ${r.uncovered.length}  cost ${r.cost.toFixed(2)}  ` +
        `worst-off quality ${r.worstQuality.toFixed(2)}  load spread ${r.loadSpread}  ` +
        `mean quality ${(r.assignments.reduce((s, a) => s + a.quality, 0) / r.assignments.length).toFixed(3)}` +
        (r.solves ? `  flows solved ${r.solves}` : ''),
    );
    return { ms, cpuMs, cost: r.cost };
  };
  const a = report('min-cost flow + fairness', ours);
  const b = report('greedy baseline', base);
  console.log(
    `ratio: wall ×${(a.ms / b.ms).toFixed(1)}, cpu ×${(a.cpuMs / b.cpuMs).toFixed(1)} the baseline's time; ` +
      `cost ${((100 * a.cost) / b.cost).toFixed(1)} % of the baseline's (target: ≤ 1000 ms wall on this 2-core machine)`,
  );
}
