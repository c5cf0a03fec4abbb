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
 * The origin the built site's links were made for (Astro's `site`: canonical links, hreflang, the
 * sitemap), read from the built sitemap index; null when there is none or it names no URL.
 * @param {string} [clientDir] the built static site (default `dist/client`)
 * @returns {string | null} e.g. `http://127.0.0.1:4321`
 */
export function builtOrigin(clientDir = join('dist', 'client')) {
  const file = join(clientDir, 'sitemap-index.xml');
  if (!existsSync(file)) return null;
  const loc = /<loc>([^<]+)<\/loc>/.exec(readFileSync(file, 'utf8'))?.[1];
  return loc && URL.canParse(loc) ? new URL(loc).origin : null;
}

/**
 * True when dist/ is missing, older than any source file, built for another wrangler environment
 * (`targetEnvironment` in dist/server/wrangler.json: a staging or production build is never served by
 * `npm start`) or, when `origin` is given, for another origin ({@link builtOrigin}: `npm start` on
 * SPOTLIGHT_PORT needs its pages' links on that port), so it must be built.
 * @param {string} [env] the environment wanted: staging | production; none: the local portal
 * @param {string} [origin] the origin wanted (`http://127.0.0.1:4481`); none: any
 */
export function buildIsStale(env, origin) {
  const file = 'dist/server/wrangler.json';
  if (!existsSync(file)) return true;
  if (JSON.parse(readFileSync(file, 'utf8')).targetEnvironment !== env) return true;
  if (origin !== undefined && builtOrigin() !== origin) return true;
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
