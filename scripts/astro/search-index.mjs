// @ts-check
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { linkTree } from './link-files.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What Pagefind is asked: the options of `createIndex` (none: Pagefind's defaults). */
const indexOptions = {};

/**
 * The cache key of a search index: SHA-256 (hex) of everything Pagefind's output is made from.
 * Pagefind's `addDirectory` reads every `*.html` file under the folder (its default glob) and
 * nothing else; its output depends only on those files' paths (the pages' URLs) and bytes, on
 * the options given to `createIndex`, and on Pagefind itself (its version, from package-lock.json).
 * So the key is complete: the sorted list of HTML paths with each file's bytes, the options and
 * the version. It does not depend on the build day or anything else (a page that shows the day
 * changes its bytes, and so the key).
 * @param {string} root the built site's folder (absolute path)
 * @returns {Promise<string>} 64 hex characters
 */
export async function searchIndexKey(root) {
  const pages = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html')).sort();
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ pagefind: pagefindVersion(), options: indexOptions, pages: pages.length }));
  // Read 16 files at a time, hashed in order; each file's path and length first, so no two
  // different sets of pages hash the same bytes.
  for (let i = 0; i < pages.length; i += 16) {
    const batch = pages.slice(i, i + 16);
    const contents = await Promise.all(batch.map((page) => readFile(join(root, page))));
    for (const [j, bytes] of contents.entries()) {
      hash.update(`\n${batch[j]}\n${bytes.length}\n`);
      hash.update(bytes);
    }
  }
  return hash.digest('hex');
}

/** The installed Pagefind's version (its output format and ranking change between releases). */
function pagefindVersion() {
  // The package exports only its entry (lib/index.js), not its package.json: read it beside that.
  const manifest = new URL('../package.json', import.meta.resolve('pagefind'));
  return String(JSON.parse(readFileSync(manifest, 'utf8')).version);
}

/** Where the last index is kept between builds: under Astro's cacheDir (default node_modules/.astro/). */
let cacheFolder = '';

/**
 * Pagefind indexes the built pages, one index per language (from `<html lang>`), reading only
 * elements marked `data-pagefind-body`: campaigns, published stories and editorial pages.
 *
 * The index is kept by its key ({@link searchIndexKey}) in `<cacheDir>/spotlight-pagefind/`: a build
 * whose pages are byte for byte those of the last build copies the last index instead of indexing
 * again (with 3,000 stories: ~3 s and a ~260 MB Pagefind process at the build's memory peak).
 * Own code, because Pagefind has no incremental mode or cache of its own.
 * @type {import('astro').AstroIntegration}
 */
export const searchIndex = {
  name: 'spotlight:pagefind',
  hooks: {
    'astro:config:done': ({ config }) => {
      cacheFolder = fileURLToPath(new URL('spotlight-pagefind/', config.cacheDir));
    },
    'astro:build:done': async ({ dir, logger }) => {
      const started = performance.now();
      /** Seconds since the hook started, for the log (bench/build.bench.mjs reads it). */
      const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
      const root = fileURLToPath(dir);
      const output = fileURLToPath(new URL('pagefind/', dir));
      const key = await searchIndexKey(root);
      const cached = join(cacheFolder, key);
      const reused = await stat(cached).then(
        (found) => found.isDirectory(),
        () => false,
      );
      if (reused) {
        await rm(output, { recursive: true, force: true });
        await linkTree(cached, output);
        logger.info(`search index: unchanged pages, the last build's index reused (${key.slice(0, 12)}), ${took()}`);
        return;
      }
      await rm(output, { recursive: true, force: true });
      const pagefind = await import('pagefind');
      const { index, errors } = await pagefind.createIndex(indexOptions);
      if (!index) throw new Error(`pagefind: ${errors.join(', ')}`);
      const added = await index.addDirectory({ path: root });
      if (added.errors.length) throw new Error(`pagefind: ${added.errors.join(', ')}`);
      await index.writeFiles({ outputPath: output });
      await pagefind.close();
      // Keep this index, and only this one: linked under a temporary name and renamed, so a build
      // killed midway never leaves a half-made index under a key.
      await rm(cacheFolder, { recursive: true, force: true });
      await mkdir(cacheFolder, { recursive: true });
      const temporary = `${cached}.${process.pid}.tmp`;
      await linkTree(output, temporary);
      await rename(temporary, cached);
      logger.info(`search index: ${added.page_count} pages, ${took()}`);
    },
  },
};
