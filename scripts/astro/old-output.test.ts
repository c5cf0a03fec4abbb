import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveOutputAside, removeInBackground } from './old-output.mjs';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with a built output: pages in nested folders, and a .git Astro keeps. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'old-output-'));
  made.push(root);
  const dist = join(root, 'dist');
  for (const page of ['client/en/a', 'client/en/b', 'client/og/en/a', 'server/chunks'])
    mkdirSync(join(dist, page), { recursive: true });
  writeFileSync(join(dist, 'client/en/a/index.html'), '<p>a</p>');
  writeFileSync(join(dist, 'server/entry.mjs'), 'export {}');
  mkdirSync(join(dist, '.git'));
  return { dist, trash: join(root, 'node_modules/.astro/spotlight-old-output') };
}

describe('the last build’s output moved aside and removed in the background', () => {
  it('leaves the output folder empty but for .git, and the old files in the trash folder', async () => {
    const { dist, trash } = project();
    expect(await moveOutputAside(dist, trash)).toBe(2);
    expect(readdirSync(dist)).toEqual(['.git']);
    const [moved] = readdirSync(trash);
    expect(readdirSync(join(trash, moved as string)).sort()).toEqual(['client', 'server']);
    expect(existsSync(join(trash, moved as string, 'client/en/a/index.html'))).toBe(true);
  });

  it('moves nothing when there is no output yet', async () => {
    const { trash } = project();
    expect(await moveOutputAside(join(trash, '..', 'nowhere'), trash)).toBe(0);
    expect(existsSync(trash)).toBe(false);
  });

  it('removes the trash folder, with every earlier build’s leftovers, in a child process', async () => {
    const { dist, trash } = project();
    await moveOutputAside(dist, trash);
    mkdirSync(join(trash, 'left-by-a-killed-build/client'), { recursive: true });
    await removeInBackground(trash);
    expect(existsSync(trash)).toBe(false);
    expect(readdirSync(dist)).toEqual(['.git']);
  });
});
