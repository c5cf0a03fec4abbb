import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
  'src',
  'content',
  'functions',
  'public',
  'migrations',
  'scripts/astro',
  'scripts/og',
  'astro.config.mjs',
  'wrangler.toml',
  'package.json',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/**
 * True when dist/ is missing, older than any source file, or built for another wrangler environment
 * (`targetEnvironment` in dist/server/wrangler.json: a staging or production build is never served by
 * `npm start`), so it must be built.
 * @param {string} [env] the environment wanted: staging | production; none: the local portal
 */
export function buildIsStale(env) {
  const file = 'dist/server/wrangler.json';
  if (!existsSync(file)) return true;
  if (JSON.parse(readFileSync(file, 'utf8')).targetEnvironment !== env) return true;
  const built = statSync(file).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}
