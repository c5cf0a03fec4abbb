// `npm test`: type check, unit and integration tests (node + workers), the build, then the
// browser tests against the built portal in wrangler dev. Every step runs even when an earlier
// one failed (except the browser tests, which need the build); the exit code reports any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolEnv } from './env.mjs';
import { startServer } from './server.mjs';

const failures = [];
const totals = { passed: 0, failed: 0 };
const reports = mkdtempSync(join(tmpdir(), 'spotlight-reports-'));

function step(name, command, args, env = {}) {
  console.log(`\n━━ ${name} ━━ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...toolEnv, ...env } });
  if (result.status !== 0) failures.push(name);
  return result.status === 0;
}

/** Runs vitest projects, adding their counts to the closing `N passed, N failed` line. */
function vitest(name, projects, env = {}) {
  const report = join(reports, `${name.replace(/\W+/g, '-')}.json`);
  const projectArgs = projects.flatMap((p) => ['--project', p]);
  const ok = step(
    name,
    'vitest',
    ['run', ...projectArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
  );
  if (existsSync(report)) {
    const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += numPassedTests;
    totals.failed += numFailedTests;
  } else if (!ok) totals.failed += 1;
  return ok;
}

step('type check', 'astro', ['check']);
step('format and lint (Biome)', 'biome', ['ci', '.']);
step('imports point one way, no cycles (dependency-cruiser)', 'depcruise', [
  ...['core', 'src', 'functions', 'scripts', 'tests', 'bench'],
  ...['--config', '.dependency-cruiser.cjs'],
]);
vitest('unit and integration tests', ['node', 'workers']);
const built = step('build', 'astro', ['build']);

if (built) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`✘ browser tests need Chromium at ${chromium} (Debian: apt-get install chromium; .ci/run does it)`);
    failures.push('browser tests');
  } else {
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
    step('demo lunch days (e2e database)', 'node', ['scripts/seed-lunches.mjs', persistTo]);
    // One account per journey: the per-address sign-in limit (5 in 15 minutes) holds for tests too.
    for (const email of [
      'e2e-admin@example.org',
      'e2e-leaver@example.org',
      'e2e-passkey@example.org',
      'e2e-uploader@example.org',
      'e2e-manager@example.org',
      'e2e-coordinator@example.org',
      'e2e-librarian@example.org',
    ]) {
      step(`account ${email} (e2e)`, 'node', ['scripts/create-admin.mjs', email, '--persist-to', persistTo]);
    }
    console.log('\n━━ starting wrangler dev for the browser tests');
    let server;
    try {
      server = await startServer({ port: Number(process.env.E2E_PORT ?? 4329), persistTo });
      vitest('browser tests', ['e2e'], { E2E_BASE_URL: server.url, CHROMIUM_PATH: chromium });
    } catch (error) {
      console.error(error);
      failures.push('browser tests');
    } finally {
      server?.stop();
      rmSync(persistTo, { recursive: true, force: true });
    }
  }
}

rmSync(reports, { recursive: true, force: true });
if (failures.length > 0) console.error(`\n✘ npm test failed: ${failures.join(', ')}`);
else console.log('\n✔ npm test: every step passed');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
