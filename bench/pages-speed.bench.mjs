// Public on-demand pages against /api/health and a static page, under `wrangler dev` on the built
// portal (dist/) with the demo data: requests/s and p50/p99 latency with autocannon at 16
// connections (issue 20 item 6: each page should answer within 2× /api/health's p50; the edge
// cache, functions/http/edge-cache.ts, is what gets it there). Nothing is asserted about time.
//
//   npm run build && npm run bench:pages-speed
//   BENCH_SECONDS=10 (per target)  BENCH_CONNECTIONS=16  BENCH_PORT=4404
//
// bench/pages-speed.before.json holds the same figures measured on the commit before the edge
// cache and the log lines (fec085c), with this script; BENCH_SAVE_BEFORE=1 rewrites it from this run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { toolEnv } from '../scripts/env.mjs';
import { startServer } from '../scripts/server.mjs';
import { ratio, table, writeSection } from './report.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const port = Number(process.env.BENCH_PORT ?? 4404);
const beforeFile = new URL('./pages-speed.before.json', import.meta.url);

/** What is measured, in this order; `/api/health` is the yardstick. */
const targets = [
  { name: '/api/health', path: '/api/health' },
  { name: 'static page', path: '/en/about/' },
  { name: 'lunch list', path: '/en/lunches/' },
  { name: 'edition page', path: '/en/competition/2027/' },
  { name: 'winners page', path: '/en/competition/2025/winners/' },
];

if (!existsSync('dist/client')) {
  console.error('No build found: run `npm run build` first.');
  process.exit(1);
}

/** Runs a seed step; stops the benchmark when one fails. */
function step(command, args) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: toolEnv });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

const persistTo = mkdtempSync(join(tmpdir(), 'spotlight-pages-speed-'));
let server;
try {
  step('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
  for (const seed of ['seed-competition.ts', 'seed-jury.ts', 'seed-results.ts', 'seed-votes.ts', 'seed-lunches.mjs'])
    step('node', [`scripts/${seed}`, persistTo]);
  server = await startServer({ port, persistTo });

  const rows = [];
  for (const target of targets) {
    const url = `${server.url}${target.path}`;
    const warm = await fetch(url);
    await warm.arrayBuffer();
    if (warm.status !== 200) throw new Error(`${target.path} answered ${warm.status}`);
    const result = await autocannon({ url, connections, duration: seconds });
    rows.push({
      name: target.name,
      path: target.path,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx + result.errors + result.timeouts,
      cache: warm.headers.get('x-edge-cache') ?? '–',
    });
    console.log(`${target.path}: ${rows.at(-1).rps} req/s, p50 ${rows.at(-1).p50} ms`);
  }

  if (process.env.BENCH_SAVE_BEFORE === '1')
    writeFileSync(
      beforeFile,
      `${JSON.stringify({ measured: new Date().toISOString(), seconds, connections, rows }, null, 2)}\n`,
    );
  const before = existsSync(beforeFile) ? JSON.parse(readFileSync(beforeFile, 'utf8')) : null;
  const was = (name) => before?.rows.find((r) => r.name === name);
  const health = rows[0];
  const wasHealth = was(health.name);

  const lines = [
    '## Public pages: speed and the edge cache',
    '',
    `\`wrangler dev\` on the built portal with the demo data, autocannon at ${connections} connections for ${seconds} s per URL ` +
      `(${cpus().length} cores shared with whatever else runs). The target: each on-demand page within 2× \`/api/health\`'s p50. ` +
      '"edge" is the `X-Edge-Cache` answer to the warm-up request (`miss`: rendered and kept; later requests are hits).',
    '',
    table(
      ['URL', 'what', 'edge', 'req/s', 'p50 ms', 'p99 ms', 'p50 ÷ health p50', 'non-2xx/errors'],
      rows.map((r) => [r.path, r.name, r.cache, r.rps, r.p50, r.p99, ratio(r.p50, health.p50), r.non2xx]),
    ),
  ];
  if (before) {
    lines.push(
      '',
      `Before (commit fec085c: no edge cache for the list and edition pages, no log lines; measured ${before.measured.slice(0, 10)} with this script, ${before.connections} connections, ${before.seconds} s):`,
      '',
      table(
        [
          'what',
          'req/s before',
          'req/s now',
          'now ÷ before',
          'p50 before',
          'p50 now',
          'p50 ÷ health p50, before',
          'p50 now ÷ health p50 before',
        ],
        rows.map((r) => {
          const b = was(r.name);
          return [
            r.name,
            b?.rps ?? '–',
            r.rps,
            ratio(r.rps, b?.rps ?? 0),
            b?.p50 ?? '–',
            r.p50,
            ratio(b?.p50 ?? 0, wasHealth?.p50 ?? 0),
            // /api/health does more now (migrations, R2): the pages against the old yardstick too.
            ratio(r.p50, wasHealth?.p50 ?? 0),
          ];
        }),
      ),
    );
  }
  lines.push(
    '',
    'Re-run: `npm run build && npm run bench:pages-speed` (`BENCH_SECONDS`, `BENCH_CONNECTIONS`, `BENCH_PORT`).',
  );
  writeSection('pages-speed', lines.join('\n'));
} finally {
  server?.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
