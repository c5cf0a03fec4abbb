// @ts-check
import { spawn } from 'node:child_process';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Moves everything in `outDir` into a new folder under `trashRoot` (renames: one system call per
 * entry, whatever it holds). Entries Astro itself keeps when it empties the folder (`.git`) stay.
 * @param {string} outDir the build's output folder (absolute path; may not exist)
 * @param {string} trashRoot where old outputs wait to be removed (same file system as outDir)
 * @returns {Promise<number>} how many entries were moved (0: nothing there, or they could not be
 *   renamed — another file system —, and Astro empties the folder itself as before)
 */
export async function moveOutputAside(outDir, trashRoot) {
  const entries = (await readdir(outDir).catch(() => /** @type {string[]} */ ([]))).filter((e) => e !== '.git');
  if (entries.length === 0) return 0;
  const trash = join(trashRoot, `${process.pid}-${Date.now()}`);
  await mkdir(trash, { recursive: true });
  let moved = 0;
  for (const entry of entries) {
    try {
      await rename(join(outDir, entry), join(trash, entry));
      moved++;
    } catch {
      // EXDEV (another file system) or a file in use: left for Astro's own emptying.
    }
  }
  return moved;
}

/**
 * Removes `folder` and all it holds in a child process at a lower priority (nice 10), so the
 * file system's work is done on the core the build leaves idle.
 * @param {string} folder absolute path
 * @returns {Promise<void>} settles when the child has exited (whatever its outcome)
 */
export function removeInBackground(folder) {
  const child = spawn(
    process.execPath,
    ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })', folder],
    { stdio: 'ignore' },
  );
  try {
    if (child.pid) setPriority(child.pid, 10);
  } catch {
    // Not allowed here: it still runs, at the same priority.
  }
  return new Promise((resolve) => {
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
}

/** The removal started by the last build's start, awaited at its end. */
let removal = /** @type {Promise<void> | undefined} */ (undefined);
let outFolder = '';
let trashFolder = '';

/**
 * The last build's output is moved aside before Astro empties the output folder, and removed in
 * the background. Astro empties it at the start of `astro build` on the main thread (`rmSync` of
 * every file): with 1,000 stories × 3 locales that is ~16,000 files and folders (pages, Open Graph
 * images one folder each, the search index), 1.8–7.6 s of a rebuild in CPU profiles, during which
 * nothing else happened. Renamed away, Astro finds the folder empty; the files are deleted while
 * it bundles. The build waits for the removal at its end, so no process outlives it; a removal cut
 * short (build killed) is finished by the next build, which removes the whole trash folder.
 * @type {import('astro').AstroIntegration}
 */
export const oldOutputAside = {
  name: 'spotlight:old-output-aside',
  hooks: {
    'astro:config:done': ({ config }) => {
      outFolder = fileURLToPath(config.outDir);
      trashFolder = fileURLToPath(new URL('spotlight-old-output/', config.cacheDir));
    },
    'astro:build:start': async () => {
      await moveOutputAside(outFolder, trashFolder);
      removal = readdir(trashFolder).then(
        () => removeInBackground(trashFolder),
        () => undefined,
      );
    },
    'astro:build:done': async () => {
      await removal;
      removal = undefined;
    },
  },
};
