// `npm test`: type check, unit and integration tests (node + workers), the build, then the
// browser tests against the built portal in wrangler dev. Every step runs even when an earlier
// one failed (except the browser tests, which need the build); the exit code reports any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEnv, toolEnv } from './env.mjs';
import { runBrowserTests } from './e2e.mjs';

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
function vitest(name, projects, env = {}, files = []) {
  const report = join(reports, `${name.replace(/\W+/g, '-')}.json`);
  const projectArgs = projects.flatMap((p) => ['--project', p]);
  const ok = step(
    name,
    'vitest',
    ['run', ...projectArgs, ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
  );
  if (existsSync(report)) {
    const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += numPassedTests;
    totals.failed += numFailedTests;
  } else if (!ok) totals.failed += 1;
  return ok;
}

// astro check reports .astro files (and what they import); tsc checks every .ts file of the project,
// so an error in a module no page reaches (a service, a script, a test) fails too.
step('type check (.astro)', 'astro', ['check']);
step('type check (.ts)', 'tsc', ['--noEmit', '-p', '.']);
step('format and lint (Biome)', 'biome', ['ci', '.']);
step('imports point one way, no cycles (dependency-cruiser)', 'depcruise', [
  ...['core', 'src', 'functions', 'scripts', 'tests', 'bench'],
  ...['--config', '.dependency-cruiser.cjs'],
]);
vitest('unit and integration tests', ['node', 'workers']);
const built = step('build', 'astro', ['build'], buildEnv);

if (built && !(await runBrowserTests({ step, vitest }))) failures.push('browser tests');

rmSync(reports, { recursive: true, force: true });
if (failures.length > 0) console.error(`\n✘ npm test failed: ${failures.join(', ')}`);
else console.log('\n✔ npm test: every step passed');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
