// `npm test`: type check, unit and integration tests (node + workers), the build, then the
// browser tests against the built portal in wrangler dev. Every step runs even when an earlier
// one failed (except the browser tests, which need the build); the exit code reports any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolEnv } from './env.mjs';
import { startServer } from './server.mjs';

const failures = [];
function step(name, command, args, env = {}) {
  console.log(`\n━━ ${name} ━━ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...toolEnv, ...env } });
  if (result.status !== 0) failures.push(name);
  return result.status === 0;
}

step('type check', 'astro', ['check']);
step('unit and integration tests', 'vitest', ['run', '--project', 'node', '--project', 'workers']);
const built = step('build', 'astro', ['build']);

if (built) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`✘ browser tests need Chromium at ${chromium} (Debian: apt-get install chromium; .ci/run does it)`);
    failures.push('browser tests');
  } else {
    const persistTo = mkdtempSync(join(tmpdir(), 'spotlight-e2e-'));
    step('migrations (e2e database)', 'wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
    console.log('\n━━ starting wrangler dev for the browser tests');
    let server;
    try {
      server = await startServer({ port: 4329, persistTo });
      step('browser tests', 'vitest', ['run', '--project', 'e2e'], { E2E_BASE_URL: server.url, CHROMIUM_PATH: chromium });
    } catch (error) {
      console.error(error);
      failures.push('browser tests');
    } finally {
      server?.stop();
      rmSync(persistTo, { recursive: true, force: true });
    }
  }
}

if (failures.length > 0) {
  console.error(`\n✘ npm test failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\n✔ npm test: every step passed');
