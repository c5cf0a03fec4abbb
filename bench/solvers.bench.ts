// The solvers at 1×, 10× and 100× the demo's size (issue 20, item 8): jury assignment
// (functions/jury/assignment.ts: min-cost flow with fairness passes) and family matching
// (functions/lunches/matching.ts: sparse Hungarian method). Each case runs in a fresh Node process
// (so its memory is its own): the median wall and CPU time of a few runs after a warm-up, the V8
// heap before solving and its peak while solving (from --trace-gc), and the max RSS. Asserts nothing.
//
// Sizes: the demo jury of 2026 is 6 jurors on 12 entries with 2 reviews each (functions/jury/demo-jury.ts);
// the demo lunch days take 26 households together (scripts/seed-lunches.mjs), taken as 50 (25 hosts,
// 25 guests), so 100× is the 5,000 households the issue asks about. Both instances come from the fixed
// pseudo-random generators of bench/assignment.bench.ts and functions/lunches/matching-instance.ts.
//
// `node --experimental-transform-types bench/solvers.bench.ts`; BENCH_QUICK=1: 1× and 10× only, one run.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { assignJurors } from '../functions/jury/assignment.ts';
import { randomHouseholds } from '../functions/lunches/matching-instance.ts';
import { matchHouseholds } from '../functions/lunches/matching.ts';
import { benchInstance } from './assignment.bench.ts';
import { table, writeSection } from './report.mjs';

interface Case {
  solver: 'assignment' | 'matching';
  scale: string;
  /** assignment: entries, jurors, reviews per entry; matching: households per side. */
  size: number[];
}
interface Measured {
  runs: number;
  wallMs: number;
  cpuMs: number;
  /** V8 heap in use before solving (after a full collection), MiB. */
  heapBeforeMiB: number;
  /** Largest V8 heap while solving (from --trace-gc), MiB. */
  peakHeapMiB: number;
  /** The process's max resident set (module loading included), MiB. */
  peakRssMiB: number;
  outcome: string;
}

const quick = process.env.BENCH_QUICK === '1';
const RUNS = quick ? 1 : 5;
/** A case whose single run takes longer than this runs once more at most (the median of what ran). */
const LONG_MS = 5_000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (bytes: number) => bytes / 1024 / 1024;

const all: Case[] = [
  { solver: 'assignment', scale: '1×', size: [12, 6, 2] },
  { solver: 'assignment', scale: '10×', size: [120, 60, 2] },
  { solver: 'assignment', scale: '100×', size: [1200, 600, 2] },
  { solver: 'assignment', scale: 'bench:assignment', size: [2000, 60, 3] },
  { solver: 'matching', scale: '1×', size: [25] },
  { solver: 'matching', scale: '10×', size: [250] },
  { solver: 'matching', scale: '100×', size: [2500] },
];
const cases = all.filter((c) => !quick || c.scale === '1×' || c.scale === '10×');

/** Runs one case in this process and returns its figures (the child side). */
function measure(c: Case): Measured {
  let solve: () => string;
  if (c.solver === 'assignment') {
    const [entries, jurors, perEntry] = c.size as [number, number, number];
    const input = benchInstance({ entries, jurors, perEntry });
    solve = () => {
      const r = assignJurors(input);
      return `${r.assignments.length} reviews assigned, ${r.uncovered.length} entries short, load spread ${r.loadSpread}`;
    };
  } else {
    const { hosts, guests } = randomHouseholds(c.size[0]!);
    solve = () => {
      const r = matchHouseholds(hosts, guests, { format: 'home', city: 'Bratislava' });
      return `${r.pairs.length} pairs, cost ${r.pairs.reduce((s, p) => s + p.cost, 0)}, ${r.unmatched.length} alone`;
    };
  }
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  // The parent reads the heap sizes V8's --trace-gc prints between these marks: the heap only grows
  // between collections, so its largest size before a collection (or at the end) is the peak.
  console.log('SOLVE-START');
  const walls: number[] = [];
  const cpus: number[] = [];
  let outcome = '';
  const warm = performance.now();
  solve(); // warm-up
  const warmMs = performance.now() - warm;
  const runs = warmMs > LONG_MS ? 1 : RUNS;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    outcome = solve();
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const heapEnd = process.memoryUsage().heapUsed;
  console.log('SOLVE-END');
  return {
    runs,
    wallMs: median(walls),
    cpuMs: median(cpus),
    heapBeforeMiB: mib(heapBefore),
    peakHeapMiB: mib(heapEnd),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
    outcome,
  };
}

const caseArg = process.argv.indexOf('--case');
if (caseArg >= 0) {
  // Child: one case, its figures as one JSON line.
  console.log(JSON.stringify(measure(JSON.parse(process.argv[caseArg + 1]!) as Case)));
} else {
  const rows: (string | number)[][] = [];
  for (const c of cases) {
    const child = spawnSync(
      process.execPath,
      [
        '--experimental-transform-types',
        '--no-warnings',
        '--expose-gc',
        '--trace-gc',
        new URL(import.meta.url).pathname,
        '--case',
        JSON.stringify(c),
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const line = child.stdout.split('\n').findLast((l) => l.startsWith('{')) ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.error(`${c.solver} ${c.scale} failed:\n${child.stdout}${child.stderr}`);
      rows.push([c.solver, c.scale, c.size.join(' × '), '–', '–', '–', '–', '–', '–', 'failed']);
      continue;
    }
    const m = JSON.parse(line) as Measured;
    const lines = child.stdout.split('\n');
    const during = lines.slice(lines.indexOf('SOLVE-START'), lines.indexOf('SOLVE-END'));
    for (const l of during) {
      const before = /: (?:Scavenge|Mark-Compact|Minor Mark-Sweep|Mark-Sweep)[^\d]*([\d.]+) \([\d.]+\) ->/.exec(l)?.[1];
      // --trace-gc prints MB of 10^6 bytes.
      if (before) m.peakHeapMiB = Math.max(m.peakHeapMiB, (Number(before) * 1e6) / 1024 / 1024);
    }
    const size =
      c.solver === 'assignment'
        ? `${c.size[0]} entries × ${c.size[1]} jurors × ${c.size[2]}`
        : `${c.size[0]! * 2} households (${c.size[0]} + ${c.size[0]})`;
    const row = [
      c.solver,
      c.scale,
      size,
      m.wallMs.toFixed(1),
      m.cpuMs.toFixed(1),
      String(m.runs),
      m.heapBeforeMiB.toFixed(0),
      m.peakHeapMiB.toFixed(0),
      m.peakRssMiB.toFixed(0),
      m.outcome,
    ];
    console.log(row.join(' | '));
    rows.push(row);
  }
  const five = rows.find((r) => r[0] === 'matching' && r[1] === '100×');
  writeSection(
    'solvers',
    `## Solvers

\`node --experimental-transform-types bench/solvers.bench.ts\`: jury assignment (\`functions/jury/assignment.ts\`) and
family matching (\`functions/lunches/matching.ts\`) at 1×, 10× and 100× the demo's size — the demo jury is 6 jurors on
12 entries with 2 reviews each (both scaled), the demo lunch days take 26 households together (taken as 50) — plus
\`npm run bench:assignment\`'s instance. Each case in a fresh Node process: median of ${RUNS} run(s) after a warm-up
(one run when the warm-up took over ${LONG_MS / 1000} s), wall and CPU time (CPU time is what the machine's other work
does not inflate). Memory: the V8 heap in use with the instance built (after a full collection), the largest heap
while solving (the heap sizes \`--trace-gc\` prints before each collection, and at the end), and the process's max
RSS (module loading included).

${table(['solver', 'scale', 'size', 'wall ms', 'CPU ms', 'runs', 'heap before MiB', 'peak heap MiB', 'max RSS MiB', 'result'], rows)}
${five ? `\nMatching 5,000 households: ${five[3]} ms wall, ${five[4]} ms CPU (the issue's bound: 1 s).` : ''}
`,
  );
}
