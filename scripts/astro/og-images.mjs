// @ts-check
import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { organisation } from '../../core/organisation.ts';
import { locales } from '../../core/locales.ts';

/** @type {(html: string, property: string) => string | undefined} */
const meta = (html, property) => new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1];

/** @type {(s: string) => string} */
const decode = (s) =>
  s
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');

/**
 * The images the built pages name: one job per image path (`og:image`), with what it is drawn
 * from. Only pages with a section (`article:section`) and the locales' home pages draw one; the
 * other pages share their locale's.
 * @param {string} root the built site's folder (absolute path)
 * @returns {Promise<{ target: string; page: import('../og/og-image.mjs').OgPage }[]>}
 */
export async function ogImageJobs(root) {
  const pages = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html')).sort();
  const home = new RegExp(`^/(${locales.join('|')})/index\\.html$`);
  // The pages' heads (the meta tags are there), read 16 files at a time: one at a time, a build of
  // 3,000 stories spent ~2 s waiting on reads. Only the heads are decoded and kept.
  /** @type {string[]} */
  const heads = new Array(pages.length);
  let next = 0;
  const reader = async () => {
    for (let i = next++; i < pages.length; i = next++) {
      const bytes = await readFile(join(root, /** @type {string} */ (pages[i])));
      const end = bytes.indexOf('</head>');
      heads[i] = bytes.toString('utf8', 0, end === -1 ? bytes.length : end);
    }
  };
  await Promise.all(Array.from({ length: 16 }, reader));
  /** @type {Map<string, { target: string; page: import('../og/og-image.mjs').OgPage }>} */
  const jobs = new Map();
  for (const [i, page] of pages.entries()) {
    const html = heads[i] ?? '';
    const image = meta(html, 'og:image');
    if (!image) continue;
    const path = new URL(image).pathname;
    const section = meta(html, 'article:section');
    if (jobs.has(path) || !(section !== undefined || home.test(`/${page}`))) continue;
    jobs.set(path, {
      target: join(root, path),
      page: {
        title: decode(meta(html, 'og:title') ?? organisation.name),
        kicker: decode(section ?? meta(html, 'og:description')?.split(/[.:]/)[0] ?? ''),
        site: organisation.name,
        ...organisation.colours,
      },
    });
  }
  return [...jobs.values()];
}

/** Where images are kept between builds: under Astro's cacheDir (default node_modules/.astro/). */
let cacheFolder = '';
/** The project's folder (Astro's root). */
let rootFolder = '';

/**
 * The child process drawing guessed images early (scripts/og/og-early.mjs), and a promise of its
 * exit (or failure): how many images it drew.
 * @type {{ child: import('node:child_process').ChildProcess; done: Promise<number> } | undefined}
 */
let early;

/**
 * Starts drawing the article pages' images in a child process at a lower priority (nice 10), so
 * it takes the core Vite's bundling and Astro's rendering leave idle rather than theirs.
 * SPOTLIGHT_OG_EARLY=0 turns it off (every image is then drawn after the build, as before).
 */
function startEarlyDrawing() {
  if (process.env.SPOTLIGHT_OG_EARLY === '0') return;
  const script = fileURLToPath(new URL('../og/og-early.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, rootFolder, cacheFolder], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    if (child.pid) setPriority(child.pid, 10);
  } catch {
    // Not allowed here: it still runs, at the same priority.
  }
  // The child writes one "+" per image drawn, so the count survives its being stopped.
  let drawn = 0;
  child.stdout?.on('data', (/** @type {Buffer} */ chunk) => {
    drawn += chunk.toString().split('+').length - 1;
  });
  const done = new Promise((resolve) => {
    child.on('error', () => resolve(drawn));
    child.on('close', () => resolve(drawn));
  });
  // A build that fails never reaches astro:build:done: the drawing ends with it.
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  child.on('close', () => process.off('exit', stop));
  early = { child, done: /** @type {Promise<number>} */ (done) };
}

/** Whether images are being drawn early now (for the tests). */
export const drawingEarly = () => early !== undefined;

/**
 * Stops the early drawing when the rest of the images are drawn (at the end of the build, after
 * Pagefind: the build's memory peak is lower since the bundler gives its memory back at once,
 * scripts/env.mjs `buildEnv`), and waits for it to exit. A drawing in flight is lost: the cache
 * writes each image under a temporary name and renames it, and pruning removes the leftover.
 * @returns {Promise<number>} how many images it drew
 */
async function stopEarlyDrawing() {
  if (!early) return 0;
  const { child, done } = early;
  early = undefined;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  return done;
}

/** How many images were drawn early (set when the early drawing is stopped). */
let drawnEarly = 0;

/** The Astro command running (`build`, `dev`, `sync`…), from `astro:config:setup`. */
let command = '';

/**
 * Open Graph images: every built page names one (`og:image`, under /og/); each named image is
 * drawn from its page's title and section — once: images are cached by a hash of what they are
 * drawn from (scripts/og/og-cache.mjs) in `<cacheDir>/spotlight-og/`, so a rebuild with nothing
 * changed draws none. The home page of a locale draws the shared one.
 * @type {import('astro').AstroIntegration}
 */
export const openGraphImages = {
  name: 'spotlight:og-images',
  hooks: {
    'astro:config:setup': (options) => {
      command = options.command;
    },
    // The early drawing starts as soon as a build knows its folders, before Astro syncs the
    // content collections (seconds of one-threaded work in a clean build), and runs until the
    // end of the build, Pagefind included: every image drawn then is one fewer drawn at the end.
    'astro:config:done': ({ config }) => {
      cacheFolder = fileURLToPath(new URL('spotlight-og/', config.cacheDir));
      rootFolder = fileURLToPath(config.root);
      if (command !== 'build' || early) return;
      drawnEarly = 0;
      startEarlyDrawing();
    },
    'astro:build:done': async ({ dir, logger }) => {
      const started = performance.now();
      drawnEarly += await stopEarlyDrawing();
      const { pruneOgCache, writeOgImages } = await import('../og/og-cache.mjs');
      const jobs = await ogImageJobs(fileURLToPath(dir));
      const { drawn, reused, keys } = await writeOgImages(cacheFolder, jobs);
      const pruned = await pruneOgCache(cacheFolder, keys);
      logger.info(
        `Open Graph images: ${jobs.length} (${drawn} drawn, ${reused} from the cache; ${drawnEarly} drawn early, during the build, from the content files; ${pruned} stale removed), ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  },
};
