// `npm run bench`: every benchmark, one after another, then BENCHMARKS.md — the machine, one section
// per benchmark (each leaves it in bench/results/<name>.md through bench/report.mjs) in a fixed order,
// and how to reproduce the run. Asserts nothing about time: a benchmark's own correctness checks (the
// soak's) make the run exit non-zero after BENCHMARKS.md is written.
//
// Env: BENCH_QUICK=1 shrinks every benchmark for a smoke run (see `quickEnv` below); BENCH_ONLY=soak,solvers
// runs only those (the others are marked "not run"). A benchmark file missing on this branch is skipped
// with a line saying so (they arrive from other branches).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { buildIsStale } from '../scripts/build-state.mjs';
import { toolEnv } from '../scripts/env.mjs';
import { resultsDir } from './report.mjs';

/**
 * The benchmarks `npm run bench` runs, in this order, each leaving the section `name`. `quickEnv`
 * is what BENCH_QUICK=1 sets (unless the variable is already set); `env` documents the knobs.
 * @type {{ name: string; file: string; title: string; env: string; quickEnv: Record<string, string> }[]}
 */
export const benchmarks = [
  {
    name: 'build',
    file: 'bench/build.bench.mjs',
    title: 'Build: Spotlight against a bare Astro 7 build of the same MDX',
    env: 'BENCH_BUILD_SIZES (default 100,1000; add 3000), BENCH_BUILD_TARGETS (quick mode: sizes 100)',
    quickEnv: { BENCH_BUILD_SIZES: '100' },
  },
  {
    name: 'api',
    file: 'bench/api.bench.ts',
    title: 'API: write and read endpoints against bare Hono',
    env: 'see the file’s header (quick mode passes BENCH_QUICK=1 and BENCH_SECONDS=2)',
    quickEnv: { BENCH_SECONDS: '2' },
  },
  {
    name: 'pages-speed',
    file: 'bench/pages-speed.bench.mjs',
    title: 'Public on-demand pages under wrangler dev',
    env: 'see the file’s header (quick mode passes BENCH_QUICK=1 and BENCH_SECONDS=2)',
    quickEnv: { BENCH_SECONDS: '2' },
  },
  {
    name: 'soak',
    file: 'bench/soak.mjs',
    title: 'Soak and crash',
    env: 'SOAK_SECONDS (default 60), SOAK_CONNECTIONS (64), SOAK_PORT (4407)',
    quickEnv: { SOAK_SECONDS: '10' },
  },
  {
    name: 'solvers',
    file: 'bench/solvers.bench.ts',
    title: 'Solvers at 1×, 10×, 100× the demo',
    env: 'BENCH_QUICK=1 (1× and 10× only, one run)',
    quickEnv: {},
  },
  {
    name: 'pages',
    file: 'bench/pages.bench.mjs',
    title: 'Pages: weight and Lighthouse on every template',
    env: 'PAGES_LIGHTHOUSE (all, none, or N: the first N templates), PAGES_PORT (4407)',
    quickEnv: { PAGES_LIGHTHOUSE: '2' },
  },
];

/**
 * Files in bench/ that `npm run bench` does not run, and why. scripts/bench-runner.test.ts fails
 * when a file in bench/ is in neither list, so a new benchmark cannot be forgotten.
 */
export const notRun = {
  'bench/report.mjs': 'the helpers every benchmark shares (tables, sections)',
  'bench/run.mjs': 'this runner',
  'bench/page-templates.mjs': 'the pages bench’s list of templates and the URL measured for each',
  'bench/assignment.bench.ts': 'its instance is a row of the solvers bench; `npm run bench:assignment` runs it alone',
  'bench/matching.bench.mjs': 'the solvers bench measures the matcher at 50, 500 and 5,000 households',
  'bench/api-seed.ts': 'the api bench’s seeding (demo data, entrants, jurors, a lunch day)',
  'bench/api-bare.ts': 'the api bench’s bare Hono endpoints (one statement each)',
  'bench/d1/worker.ts': 'the Worker the api bench starts under wrangler dev to measure D1',
  'bench/sign-in-timing.bench.ts':
    'a security check (S02: known and unknown addresses answer alike), not a speed figure',
  'bench/proxy-stall.mjs':
    "a probe of wrangler dev's proxy (why the soak's writes can get 500 under a starved CPU): it freezes a workerd on purpose",
};

/** How a benchmark file is started: TypeScript through Node's type stripping. */
export const command = (file) =>
  file.endsWith('.ts') ? ['node', ['--experimental-transform-types', '--no-warnings', file]] : ['node', [file]];

const sh = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8' }).stdout?.trim() ?? '';

/** The commit the run starts from (read before any benchmark runs). */
const startCommit = () => {
  const dirty = sh('git', ['status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes)' : '';
  return `${sh('git', ['rev-parse', '--short', 'HEAD'])}${dirty}, branch ${sh('git', ['rev-parse', '--abbrev-ref', 'HEAD'])}`;
};

/** The machine and the code the run measured, as Markdown lines. */
function machine(started, commit) {
  const cpu = cpus();
  const os = existsSync('/etc/os-release')
    ? (/^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '')
    : '';
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} cores`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${os ? `${os}, ` : ''}${type()} ${release()}`,
    `- Node: ${process.version}`,
    `- Date: ${started.toISOString().replace(/\.\d+Z$/, 'Z')} (run took ${Math.round((Date.now() - started.getTime()) / 60_000)} min)`,
    `- Commit: ${commit} when the run started`,
    `- Load average at the end (1, 5, 15 min): ${load} — the machine may be shared; CPU times, where given, are less affected than wall times`,
  ].join('\n');
}

if (import.meta.main) {
  const quick = process.env.BENCH_QUICK === '1';
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const started = new Date();
  const commit = startCommit();
  const outcome = new Map();
  for (const bench of benchmarks) {
    if (only && !only.includes(bench.name)) {
      outcome.set(bench.name, 'not run (BENCH_ONLY)');
      continue;
    }
    if (!existsSync(bench.file)) {
      console.log(`\n— ${bench.name}: skipped, ${bench.file} does not exist on this branch yet`);
      outcome.set(bench.name, `not run: \`${bench.file}\` does not exist on this branch`);
      continue;
    }
    // The pages benchmarks read the built site (a fresh clone has none): build first when a source
    // changed, as `npm run build` does.
    if ((bench.name === 'pages' || bench.name === 'pages-speed') && buildIsStale()) {
      console.log(`\n— building the site for the ${bench.name} benchmark (npm run build)`);
      spawnSync('npm', ['run', 'build'], { env: toolEnv, stdio: 'inherit' });
    }
    const env = { ...toolEnv };
    if (quick) for (const [k, v] of Object.entries(bench.quickEnv)) env[k] ??= v;
    const [cmd, args] = command(bench.file);
    console.log(`\n— ${bench.name}: ${cmd} ${args.join(' ')}${quick ? ' (quick)' : ''}`);
    const t0 = Date.now();
    const result = spawnSync(cmd, args, { env, stdio: 'inherit' });
    const minutes = ((Date.now() - t0) / 60_000).toFixed(1);
    const section = join(resultsDir, `${bench.name}.md`);
    const fresh = existsSync(section) && statSync(section).mtimeMs >= t0;
    const status = result.status === 0 ? 'ok' : `exit ${result.status ?? result.signal}`;
    console.log(`— ${bench.name}: ${status} in ${minutes} min${fresh ? '' : ' (wrote no section)'}`);
    outcome.set(
      bench.name,
      fresh ? { file: section, status, minutes } : `ran (${status}, ${minutes} min) but wrote no section`,
    );
  }

  const sections = benchmarks.map((bench) => {
    const o = outcome.get(bench.name);
    if (typeof o === 'string') return `## ${bench.title}\n\n_${o}._`;
    const text = readFileSync(o.file, 'utf8').trim();
    const note = o.status === 'ok' ? '' : `\n\n**This benchmark ended with ${o.status}** (see its checks above).`;
    return `${text}${note}\n\n_(${o.minutes} min)_`;
  });
  const reproduce = benchmarks
    .map((b) => `| ${b.name} | \`${command(b.file).flat().join(' ')}\` | ${b.env} |`)
    .join('\n');
  const markdown = `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs)${quick ? ' in **quick mode** (BENCH_QUICK=1: every benchmark shrunk for a smoke run — these figures are not the real ones)' : ''}: every benchmark one after another on one machine, each against its bare baseline in the same run where it has one. Figures, not verdicts: nothing here is asserted about time.

## The machine

${machine(started, commit)}

${sections.join('\n\n')}

## How to reproduce

\`\`\`sh
npm run bench                      # everything, then this file
BENCH_QUICK=1 npm run bench        # a smoke run: every benchmark shrunk (minutes, not an hour)
BENCH_ONLY=soak,solvers npm run bench   # only some (the others are marked "not run")
\`\`\`

One benchmark alone, and the variables that shorten or lengthen it:

| benchmark | command | variables |
| --- | --- | --- |
${reproduce}

Benchmarks start their own servers on loopback ports and throwaway data directories; nothing of \`.data/\` is touched.
Run them on an otherwise idle machine for figures worth comparing; on a shared one, compare CPU times and ratios.
`;
  writeFileSync('BENCHMARKS.md', markdown);
  // Laid out as `biome ci` wants Markdown (tables padded), so the committed file passes the lint.
  spawnSync('biome', ['format', '--write', 'BENCHMARKS.md'], { env: toolEnv, stdio: 'ignore' });
  console.log('\nBENCHMARKS.md written.');
  const failed = [...outcome.values()].filter((o) => typeof o === 'object' && o.status !== 'ok');
  process.exit(failed.length ? 1 : 0);
}
