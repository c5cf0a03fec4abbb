import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkOrCopy, linkTree } from './link-files.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'link-files-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('files reused from a cache', () => {
  it('are hard links to the cached file, replacing what was at the target', async () => {
    writeFileSync(join(dir, 'cached.png'), 'new');
    writeFileSync(join(dir, 'target.png'), 'old');
    await linkOrCopy(join(dir, 'cached.png'), join(dir, 'target.png'));
    expect(readFileSync(join(dir, 'target.png'), 'utf8')).toBe('new');
    expect(statSync(join(dir, 'target.png')).ino).toBe(statSync(join(dir, 'cached.png')).ino);
    // Removing the target (Astro empties dist/) leaves the cached file.
    rmSync(join(dir, 'target.png'));
    expect(readFileSync(join(dir, 'cached.png'), 'utf8')).toBe('new');
  });

  it('as a tree: every file at the same place, linked', async () => {
    mkdirSync(join(dir, 'cache/fragment'), { recursive: true });
    writeFileSync(join(dir, 'cache/pagefind-entry.json'), '{}');
    writeFileSync(join(dir, 'cache/fragment/en_1.pf_fragment'), 'a');
    await linkTree(join(dir, 'cache'), join(dir, 'out/pagefind'));
    expect(readFileSync(join(dir, 'out/pagefind/pagefind-entry.json'), 'utf8')).toBe('{}');
    expect(readFileSync(join(dir, 'out/pagefind/fragment/en_1.pf_fragment'), 'utf8')).toBe('a');
    expect(statSync(join(dir, 'out/pagefind/fragment/en_1.pf_fragment')).ino).toBe(
      statSync(join(dir, 'cache/fragment/en_1.pf_fragment')).ino,
    );
  });
});
