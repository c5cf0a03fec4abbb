// The browser tests against the built portal (dist/): a fresh local D1 database and R2 bucket
// with the demo data and test accounts, `wrangler dev`, then vitest's e2e project. `npm test`
// runs it for every journey; `npm run test:e2e -- tests/e2e/lunches.test.ts` runs some (after
// `npm run build`). E2E_PORT picks the port (default 4329), so parallel runs do not meet.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildEnv, toolEnv } from './env.mjs';
import { startServer } from './server.mjs';

/** One account per journey: the per-address sign-in limit (5 in 15 minutes) holds for tests too. */
const ACCOUNTS = [
  'e2e-admin@example.org',
  'e2e-leaver@example.org',
  'e2e-passkey@example.org',
  'e2e-uploader@example.org',
  'e2e-manager@example.org',
  'e2e-coordinator@example.org',
  'e2e-librarian@example.org',
  'e2e-crawler@example.org',
  'e2e-jury-manager@example.org',
  'e2e-publisher@example.org',
  'e2e-results-manager@example.org',
  'e2e-ballot-manager@example.org',
  'e2e-jury-conflicts@example.org',
  'e2e-votes-manager@example.org',
  'e2e-phone@example.org',
];

/**
 * Seeds a throwaway database, starts the portal and runs the e2e project (all files, or `files`).
 * `step(name, command, args, env)` runs a command and records a failure; `vitest(name, projects,
 * env, files)` runs vitest and counts its tests. Returns false when something could not start.
 */
export async function runBrowserTests({ step, vitest, files = [] }) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`✘ browser tests need Chromium at ${chromium} (Debian: apt-get install chromium; .ci/run does it)`);
    return false;
  }
  const persistTo = mkdtempSync(join(tmpdir(), 'spotlight-e2e-'));
  step('migrations (e2e database)', 'wrangler', [
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    '--persist-to',
    persistTo,
  ]);
  step('demo media (e2e bucket)', 'node', ['scripts/seed.mjs', persistTo]);
  step('demo competition (e2e database)', 'node', ['scripts/seed-competition.ts', persistTo]);
  step('demo jury (e2e database)', 'node', ['scripts/seed-jury.ts', persistTo]);
  step('demo results (e2e database)', 'node', ['scripts/seed-results.ts', persistTo]);
  step("demo people's choice (e2e database)", 'node', ['scripts/seed-votes.ts', persistTo]);
  step('demo lunch days (e2e database)', 'node', ['scripts/seed-lunches.mjs', persistTo, '--places=60']);
  for (const email of ACCOUNTS) {
    step(`account ${email} (e2e)`, 'node', ['scripts/create-admin.mjs', email, '--persist-to', persistTo]);
  }
  console.log('\n━━ starting wrangler dev for the browser tests');
  let server;
  try {
    server = await startServer({ port: Number(process.env.E2E_PORT ?? 4329), persistTo });
    // E2E_PERSIST_TO: the local D1 database's folder, read by the no-GET-changes-state crawl.
    vitest(
      'browser tests',
      ['e2e'],
      { E2E_BASE_URL: server.url, CHROMIUM_PATH: chromium, E2E_PERSIST_TO: persistTo },
      files,
    );
    return true;
  } catch (error) {
    console.error(error);
    return false;
  } finally {
    server?.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

// Run directly: the named e2e files (or all) against the current dist/.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let failed = false;
  const step = (name, command, args, env = {}) => {
    console.log(`\n━━ ${name} ━━ ${command} ${args.join(' ')}`);
    const ok = spawnSync(command, args, { stdio: 'inherit', env: { ...toolEnv, ...env } }).status === 0;
    if (!ok) failed = true;
    return ok;
  };
  const vitest = (name, projects, env, files) =>
    step(name, 'vitest', ['run', ...projects.flatMap((p) => ['--project', p]), ...files], env);
  if (!existsSync('dist')) step('build', 'astro', ['build'], buildEnv);
  const started = await runBrowserTests({ step, vitest, files: process.argv.slice(2) });
  process.exit(started && !failed ? 0 : 1);
}
