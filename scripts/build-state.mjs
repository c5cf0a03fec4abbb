import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Where a running local portal notes that it serves dist/ (one file per process: `<pid>`). */
const SERVING_DIR = join('node_modules', '.cache', 'spotlight-serving');

/**
 * Notes that this process serves dist/ (scripts/start.mjs), until it exits, so a command that would
 * rebuild dist/ under it (npm run deploy:check) can refuse instead of leaving it answering 404.
 */
export function markServing() {
  mkdirSync(SERVING_DIR, { recursive: true });
  const mark = join(SERVING_DIR, String(process.pid));
  writeFileSync(mark, `${new Date().toISOString()}\n`);
  process.on('exit', () => rmSync(mark, { force: true }));
}

/** The ids of running processes that serve dist/ (marks of processes that are gone are removed). */
export function servingPids() {
  if (!existsSync(SERVING_DIR)) return [];
  return readdirSync(SERVING_DIR)
    .map(Number)
    .filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        rmSync(join(SERVING_DIR, String(pid)), { force: true });
        return false;
      }
    });
}
