// `npm run build`: `astro build` with the project's build environment (scripts/env.mjs `buildEnv`:
// the V8 heap limit and the bundler's memory given back at once, which keep a large build's memory in bounds). Extra arguments go to Astro.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildEnv, toolEnv } from './env.mjs';

const astro = fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url));
const result = spawnSync(process.execPath, [astro, 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...toolEnv, ...buildEnv },
});
process.exit(result.status ?? 1);
