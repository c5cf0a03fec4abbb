// @ts-check
// Open Graph images cached by content hash: an image is drawn once per distinct key
// (scripts/og/og-image.mjs `ogImageKey`) and kept in a folder that survives builds, so a rebuild
// with nothing changed draws nothing, and a changed title redraws only its own image.
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { linkOrCopy } from '../astro/link-files.mjs';
import { join } from 'node:path';
import { ogImageKey, renderOgImage } from './og-image.mjs';

/**
 * A page's image from the cache folder `dir` (`<key>.png`), drawn and stored there first when
 * missing. The stored file is written under a temporary name and renamed, so a build killed
 * midway never leaves a half-written image to be reused.
 * @param {string} dir the cache folder (created when missing)
 * @param {import('./og-image.mjs').OgPage} page
 * @returns {Promise<{ key: string; file: string; drawn: boolean }>} the key, the cached PNG's
 *   path, and whether it was drawn now (false: reused)
 */
export async function cachedOgImage(dir, page) {
  const key = ogImageKey(page);
  const file = join(dir, `${key}.png`);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isFile() && existing.size > 0) return { key, file, drawn: false };
  const png = await renderOgImage(page);
  await mkdir(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, png);
  await rename(temporary, file);
  return { key, file, drawn: true };
}

/**
 * Writes each page's image to its target path, at most `concurrency` at a time (sharp encodes on
 * libuv's thread pool while the next image's outlines are computed, so 2 cores both work).
 * @param {string} dir the cache folder
 * @param {{ target: string; page: import('./og-image.mjs').OgPage }[]} jobs one per image file
 * @param {number} [concurrency] images in flight (default 4)
 * @returns {Promise<{ drawn: number; reused: number; keys: Set<string> }>}
 */
export async function writeOgImages(dir, jobs, concurrency = 4) {
  let next = 0;
  let drawn = 0;
  /** @type {Set<string>} */
  const keys = new Set();
  const createdDirs = new Set();
  /** Images being fetched or drawn, by key: two pages with the same key share one drawing. */
  /** @type {Map<string, Promise<{ key: string; file: string; drawn: boolean }>>} */
  const pending = new Map();
  const worker = async () => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      const { target, page } = job;
      const key = ogImageKey(page);
      let promise = pending.get(key);
      const first = promise === undefined;
      if (!promise) {
        promise = cachedOgImage(dir, page);
        pending.set(key, promise);
      }
      const image = await promise;
      if (first && image.drawn) drawn++;
      keys.add(image.key);
      const folder = join(target, '..');
      if (!createdDirs.has(folder)) {
        await mkdir(folder, { recursive: true });
        createdDirs.add(folder);
      }
      await linkOrCopy(image.file, target);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { drawn, reused: jobs.length - drawn, keys };
}

/**
 * Removes cached images no page of this build used (a changed title leaves its old image behind),
 * so the folder holds at most one build's images.
 * @param {string} dir the cache folder
 * @param {Set<string>} used the keys this build used
 * @returns {Promise<number>} how many files were removed
 */
export async function pruneOgCache(dir, used) {
  const names = await readdir(dir).catch(() => /** @type {string[]} */ ([]));
  const stale = names.filter((n) => !used.has(n.replace(/\.png$/, '')));
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
  return stale.length;
}
