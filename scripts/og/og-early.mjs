// @ts-check
// Open Graph images drawn early, while Vite bundles and Astro renders (one core is mostly idle
// then: bundling and rendering are JavaScript on one thread). Run as a child process by the
// spotlight:og-images integration at `astro:build:start`, at a lower priority; it guesses each
// article page's image from the content files (title from the front matter, section from the
// catalogue: what src/pages/[lang]/{stories,news,campaigns}/[slug].astro pass to Base.astro) and
// draws it into the cache (scripts/og/og-cache.mjs). It only warms the cache: at `astro:build:done`
// the integration stops it and takes every image from the built pages' own meta tags as before, so
// a wrong or missing guess is drawn then (and an unused guess is pruned) — the images stay
// byte-for-byte what the pages ask for.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';

/** The article collections whose pages draw their own image, and their section's catalogue key. */
const sections = { stories: 'stories.title', news: 'news.title', campaigns: 'campaigns.title' };

/** The front matter of an MDX file, parsed (an empty object when it has none or it does not parse). */
function frontMatter(/** @type {string} */ source) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  try {
    const data = match ? yaml.load(/** @type {string} */ (match[1])) : undefined;
    return data && typeof data === 'object' ? /** @type {Record<string, unknown>} */ (data) : {};
  } catch {
    return {};
  }
}

/**
 * The images the article pages will probably ask for, read from the content files alone.
 * @param {string} root the project's folder (absolute path)
 * @param {{ name: string; colours: { brand: string; onBrand: string; accent: string } }} organisation
 * @returns {Promise<import('./og-image.mjs').OgPage[]>} one per content file with a string title
 */
export async function guessedOgPages(root, organisation) {
  /** @type {import('./og-image.mjs').OgPage[]} */
  const pages = [];
  for (const [collection, key] of Object.entries(sections)) {
    const folder = join(root, 'content', collection);
    const localeFolders = await readdir(folder).catch(() => /** @type {string[]} */ ([]));
    for (const locale of localeFolders.sort()) {
      const catalogue = JSON.parse(
        await readFile(join(root, 'content/i18n', `${locale}.json`), 'utf8').catch(() => '{}'),
      );
      const kicker = key.split('.').reduce((node, part) => node?.[part], catalogue);
      if (typeof kicker !== 'string') continue;
      const files = (await readdir(join(folder, locale)).catch(() => /** @type {string[]} */ ([]))).sort();
      for (const file of files.filter((f) => f.endsWith('.mdx'))) {
        const { title } = frontMatter(await readFile(join(folder, locale, file), 'utf8'));
        if (typeof title === 'string') pages.push({ title, kicker, site: organisation.name, ...organisation.colours });
      }
    }
  }
  return pages;
}

/**
 * Draws the guessed images into the cache folder, two at a time (one drawing's outlines are
 * computed while sharp rasterises the other on libuv's pool), skipping those already there.
 * @param {string} root the project's folder
 * @param {string} cacheDir the Open Graph cache folder
 * @returns {Promise<number>} how many were drawn
 */
export async function drawEarly(root, cacheDir) {
  const { organisation } = await import('../../core/organisation.ts');
  const { cachedOgImage } = await import('./og-cache.mjs');
  const pages = await guessedOgPages(root, organisation);
  let next = 0;
  let drawn = 0;
  const worker = async () => {
    for (let page = pages[next++]; page !== undefined; page = pages[next++]) {
      if ((await cachedOgImage(cacheDir, page)).drawn) {
        drawn++;
        process.stdout.write('+');
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return drawn;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [root, cacheDir] = process.argv.slice(2);
  if (!root || !cacheDir) throw new Error('usage: node og-early.mjs <project folder> <cache folder>');
  await drawEarly(root, cacheDir);
}
