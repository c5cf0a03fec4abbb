import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guessedOgPages } from './og-early.mjs';

const organisation = { name: 'Spotlight', colours: { brand: '#123456', onBrand: '#ffffff', accent: '#ffcc00' } };

describe('guessedOgPages', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'og-early-'));
    mkdirSync(join(root, 'content/i18n'), { recursive: true });
    writeFileSync(join(root, 'content/i18n/en.json'), JSON.stringify({ stories: { title: 'Migrant stories' } }));
    mkdirSync(join(root, 'content/stories/en'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes the title from the front matter and the section from the locale catalogue', async () => {
    writeFileSync(join(root, 'content/stories/en/a.mdx'), '---\ntitle: "Amina: a nurse & a \\"friend\\""\n---\nBody');
    writeFileSync(join(root, 'content/stories/en/b.mdx'), '---\ndescription: no title\n---\n');
    writeFileSync(join(root, 'content/stories/en/c.mdx'), '---\ntitle: [not: closed\n---\n');
    expect(await guessedOgPages(root, organisation)).toEqual([
      {
        title: 'Amina: a nurse & a "friend"',
        kicker: 'Migrant stories',
        site: 'Spotlight',
        brand: '#123456',
        onBrand: '#ffffff',
        accent: '#ffcc00',
      },
    ]);
  });

  it('skips a locale whose catalogue has no section name', async () => {
    mkdirSync(join(root, 'content/stories/xx'), { recursive: true });
    writeFileSync(join(root, 'content/stories/xx/a.mdx'), '---\ntitle: T\n---\n');
    expect(await guessedOgPages(root, organisation)).toEqual([]);
  });
});
