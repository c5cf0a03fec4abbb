import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchIndexKey } from './search-index.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'search-index-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

describe('the search index key', () => {
  it('is the same for the same pages, and changes with any byte, path or page of the HTML, and only with HTML', async () => {
    write('en/stories/amina/index.html', '<html lang="en"><body data-pagefind-body>Amina</body></html>');
    write('sk/index.html', '<html lang="sk"><body>Spotlight</body></html>');
    const key = await searchIndexKey(dir);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await searchIndexKey(dir)).toBe(key);

    // Files Pagefind does not read leave the key alone.
    write('og/en/image.png', 'png');
    write('pagefind/pagefind-entry.json', '{}');
    expect(await searchIndexKey(dir)).toBe(key);

    write('en/stories/amina/index.html', '<html lang="en"><body data-pagefind-body>Amina!</body></html>');
    const changed = await searchIndexKey(dir);
    expect(changed).not.toBe(key);

    write('en/stories/oleksandr/index.html', '');
    const added = await searchIndexKey(dir);
    expect(added).not.toBe(changed);

    // The same bytes under another path (another URL) is another index.
    rmSync(join(dir, 'en/stories/oleksandr'), { recursive: true });
    expect(await searchIndexKey(dir)).toBe(changed);
    rmSync(join(dir, 'en/stories/amina'), { recursive: true });
    write('en/stories/amina2/index.html', '<html lang="en"><body data-pagefind-body>Amina!</body></html>');
    expect(await searchIndexKey(dir)).not.toBe(changed);
  });
});
