import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ogImageJobs } from '../astro/og-images.mjs';
import { cachedOgImage, pruneOgCache, writeOgImages } from './og-cache.mjs';
// @ts-expect-error opentype.js ships no type declarations (og-image.mjs uses it untyped too)
import opentype from 'opentype.js';
import { createRequire } from 'node:module';
import {
  line,
  ogFontsDigest,
  ogImageKey,
  ogImageKeyParts,
  ogRendererVersions,
  ogTemplateVersion,
  renderOgImage,
} from './og-image.mjs';

const story = {
  title: 'Amina zo Sýrie: v Bratislave pomáham pacientom',
  kicker: 'Príbehy',
  site: 'Spotlight',
  brand: '#0b2e59',
  onBrand: '#ffffff',
  accent: '#ffdd00',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'og-cache-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the Open Graph image key', () => {
  it('is SHA-256 of exactly what is drawn: texts, colours, template version, fonts and renderer', () => {
    // A change of fonts, sharp or opentype.js (package-lock.json) changes these values on purpose.
    expect(ogTemplateVersion).toBe(3);
    expect(ogFontsDigest).toBe('04ac79535cfd5cba852e642105e51f2c95feed031cd4adcea65c4a8badfca27c');
    expect(ogRendererVersions).toBe('opentype.js 2.0.0, sharp 0.35.5 (libvips 8.18.7)');
    expect(ogImageKeyParts(story)).toEqual({
      template: 3,
      fonts: ogFontsDigest,
      renderer: 'opentype.js 2.0.0, sharp 0.35.5 (libvips 8.18.7)',
      title: 'Amina zo Sýrie: v Bratislave pomáham pacientom',
      kicker: 'Príbehy',
      site: 'Spotlight',
      colours: ['#0b2e59', '#ffffff', '#ffdd00'],
    });
    expect(ogImageKey(story)).toBe('c2a464851eb8b18873ea27e1c0741250c87cb3b250580727998a9f22e64b7167');
  });

  it('changes with each drawn text, each colour and the template version', () => {
    const base = ogImageKey(story);
    const variants = [
      ogImageKey({ ...story, title: 'Amina zo Sýrie: v Bratislave pomáham pacientom.' }),
      ogImageKey({ ...story, title: 'amina zo Sýrie: v Bratislave pomáham pacientom' }),
      ogImageKey({ ...story, kicker: 'Stories' }),
      ogImageKey({ ...story, site: 'IOM Slovakia' }),
      ogImageKey({ ...story, brand: '#0b2e5a' }),
      ogImageKey({ ...story, onBrand: '#fffffe' }),
      ogImageKey({ ...story, accent: '#ffdd01' }),
      ogImageKey(story, ogTemplateVersion + 1),
      // Swapping two colours is another picture, not the same set of colours.
      ogImageKey({ ...story, brand: '#ffffff', onBrand: '#0b2e59' }),
    ];
    expect(new Set([base, ...variants]).size).toBe(10);
  });

  it('does not change with the order of the fields or with anything not drawn', () => {
    const reordered = {
      accent: '#ffdd00',
      onBrand: '#ffffff',
      brand: '#0b2e59',
      site: 'Spotlight',
      kicker: 'Príbehy',
      title: 'Amina zo Sýrie: v Bratislave pomáham pacientom',
    };
    expect(ogImageKey(reordered)).toBe(ogImageKey(story));
    expect(ogImageKey({ ...story, url: '/en/stories/amina/', locale: 'en' } as typeof story)).toBe(ogImageKey(story));
    expect(ogImageKey(story, ogTemplateVersion)).toBe(ogImageKey(story));
  });
});

/** A built page's head as Base.astro writes it. */
const page = (image: string, title: string, extra = '') =>
  `<!DOCTYPE html><html><head><meta property="og:title" content="${title}"><meta property="og:description" content="Príbehy ľudí: kto prišiel a ako sa mu darí. Ďalšia veta."><meta property="og:image" content="http://127.0.0.1:4321${image}">${extra}</head><body></body></html>`;

describe('the images a build draws', () => {
  it('are one per image path, for pages with a section and the locales’ home pages, drawn from the decoded texts', async () => {
    const write = (path: string, html: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), html);
    };
    write('sk/index.html', page('/og/sk/image.png', 'Spotlight'));
    write('sk/about/index.html', page('/og/sk/image.png', 'O nás'));
    write(
      'en/stories/amina/index.html',
      page(
        '/og/en/stories/amina/image.png',
        'Amina &amp; &quot;friends&quot;',
        '<meta property="article:section" content="Stories">',
      ),
    );
    write(
      'uk/stories/amina/index.html',
      page(
        '/og/uk/stories/amina/image.png',
        'Amina &amp; &quot;friends&quot;',
        '<meta property="article:section" content="Stories">',
      ),
    );
    write('en/help/index.html', page('/og/en/image.png', 'Help'));
    const jobs = await ogImageJobs(dir);
    const colours = { brand: '#0b2e59', onBrand: '#ffffff', accent: '#ffdd00' };
    expect(jobs).toEqual([
      {
        target: join(dir, '/og/en/stories/amina/image.png'),
        page: { title: 'Amina & "friends"', kicker: 'Stories', site: 'Spotlight', ...colours },
      },
      {
        target: join(dir, '/og/sk/image.png'),
        page: { title: 'Spotlight', kicker: 'Príbehy ľudí', site: 'Spotlight', ...colours },
      },
      {
        target: join(dir, '/og/uk/stories/amina/image.png'),
        page: { title: 'Amina & "friends"', kicker: 'Stories', site: 'Spotlight', ...colours },
      },
    ]);
    // The same words in two locales are one picture: one key, drawn once.
    expect(ogImageKey(jobs[0]!.page)).toBe(ogImageKey(jobs[2]!.page));
  });
});

describe('the image cache', () => {
  it('draws a missing image once, then reuses the stored file, byte for byte what a fresh drawing gives', async () => {
    const cache = join(dir, 'cache');
    const first = await cachedOgImage(cache, story);
    expect(first).toEqual({ key: ogImageKey(story), file: join(cache, `${ogImageKey(story)}.png`), drawn: true });
    const second = await cachedOgImage(cache, story);
    expect(second).toEqual({ ...first, drawn: false });
    const fresh = await renderOgImage(story);
    expect(Buffer.compare(readFileSync(second.file), fresh)).toBe(0);
    // A 1200×630 PNG.
    expect(fresh.subarray(1, 4).toString()).toBe('PNG');
    expect(fresh.readUInt32BE(16)).toBe(1200);
    expect(fresh.readUInt32BE(20)).toBe(630);
    expect(readdirSync(cache)).toEqual([`${ogImageKey(story)}.png`]);
  });

  it('writes every target, draws each distinct key once, draws nothing on the next build, and prunes unused images', async () => {
    const cache = join(dir, 'cache');
    const other = { ...story, title: 'Oleksandr z Košíc' };
    const jobs = [
      { target: join(dir, 'out/og/sk/stories/amina/image.png'), page: story },
      { target: join(dir, 'out/og/en/stories/amina/image.png'), page: story },
      { target: join(dir, 'out/og/sk/stories/oleksandr/image.png'), page: other },
    ];
    const built = await writeOgImages(cache, jobs);
    expect(built).toEqual({ drawn: 2, reused: 1, keys: new Set([ogImageKey(story), ogImageKey(other)]) });
    const again = await writeOgImages(cache, jobs);
    expect(again).toEqual({ drawn: 0, reused: 3, keys: built.keys });
    expect(Buffer.compare(readFileSync(jobs[1]!.target), readFileSync(jobs[0]!.target))).toBe(0);
    expect(Buffer.compare(readFileSync(jobs[2]!.target), await renderOgImage(other))).toBe(0);
    expect(await pruneOgCache(cache, new Set([ogImageKey(other)]))).toBe(1);
    expect(readdirSync(cache)).toEqual([`${ogImageKey(other)}.png`]);
  });
});

describe('the outlines of a line of text', () => {
  it('are, number for number, what opentype.js getPath gives at that position (the cached outlines change no byte)', () => {
    // The reference: the drawing before the glyph cache (v2), getPath per character.
    const require = createRequire(import.meta.url);
    const fonts = ['latin', 'latin-ext', 'cyrillic'].map((subset) => {
      const data = readFileSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-700-normal.woff`));
      return opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    });
    const n = (v: number) => Math.round(v * 10) / 10;
    const reference = (text: string, x: number, y: number, size: number) => {
      let cursor = x;
      let d = '';
      for (const char of text) {
        const font = fonts.find((f) => f.charToGlyphIndex(char) > 0) ?? fonts[0]!;
        const glyph = font.charToGlyph(char);
        for (const c of glyph.getPath(cursor, y, size).commands) {
          if (c.type === 'M' || c.type === 'L') d += `${c.type}${n(c.x)} ${n(c.y)}`;
          else if (c.type === 'Q') d += `Q${n(c.x1)} ${n(c.y1)} ${n(c.x)} ${n(c.y)}`;
          else if (c.type === 'C') d += `C${n(c.x1)} ${n(c.y1)} ${n(c.x2)} ${n(c.y2)} ${n(c.x)} ${n(c.y)}`;
          else d += 'Z';
        }
        cursor += (glyph.advanceWidth ?? 0) * (size / font.unitsPerEm);
      }
      return { d, width: cursor - x };
    };
    const texts = [
      story.title,
      'Príbehy ľudí',
      'Історії людей: Олександр з Кошиць',
      'Amina & "friends" — 0800 800 818…',
    ];
    for (const [x, y, size] of [
      [80, 150, 34],
      [80, 270, 68],
      [80, 438, 68],
      [150, 566, 36],
    ] as const)
      for (const text of texts) {
        // Twice: the second call reads the cached outlines.
        expect(line(text, x, y, size)).toEqual(reference(text, x, y, size));
        expect(line(text, x, y, size)).toEqual(reference(text, x, y, size));
      }
  });
});
