import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** True when dist/ is missing or older than any source file, so `npm start` must build. */
export function buildIsStale() {
  const built = existsSync('dist/server/wrangler.json') ? statSync('dist/server/wrangler.json').mtimeMs : 0;
  return built === 0 || SOURCES.some((s) => newest(s) > built);
}
