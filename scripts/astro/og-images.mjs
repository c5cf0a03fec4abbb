// @ts-check
import { readFile, readdir } from 'node:fs/promises';
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
    'astro:config:done': ({ config }) => {
      cacheFolder = fileURLToPath(new URL('spotlight-og/', config.cacheDir));
    },
    'astro:build:done': async ({ dir, logger }) => {
      const started = performance.now();
      const { pruneOgCache, writeOgImages } = await import('../og/og-cache.mjs');
      const jobs = await ogImageJobs(fileURLToPath(dir));
      const { drawn, reused, keys } = await writeOgImages(cacheFolder, jobs);
      const pruned = await pruneOgCache(cacheFolder, keys);
      logger.info(
        `Open Graph images: ${jobs.length} (${drawn} drawn, ${reused} from the cache, ${pruned} stale removed), ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  },
};
