import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onDemandIndexed } from '../../core/alternates.ts';
import { locales } from '../../core/locales.ts';
import { filesUnder } from './site-pages.ts';

// Checks over the built site (dist/client, built by the e2e stage before this file runs): hreflang,
// the language switcher and the sitemap point only to translations that exist. The fixture is the
// Slovak-only news item content/news/sk/bratislava-volunteer-evening.mdx.
const client = 'dist/client';
const slovakOnly = '/sk/news/bratislava-volunteer-evening/';
const html = filesUnder(client).filter((f) => f.endsWith('.html') && !f.includes('/pagefind/'));
const pathOf = (file: string) => `/${relative(client, file)}`.replace(/index\.html$/, '');
/** The prerendered pages by path; on-demand pages have no file. */
const built = new Set(html.map(pathOf));
const read = (path: string) => readFileSync(join(client, path, 'index.html'), 'utf8');
const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
/** A path of the same page in another locale: `/sk/news/a/` in `en` → `/en/news/a/`. */
const inLocale = (path: string, locale: string) => path.replace(/^\/[a-z]{2}\//, `/${locale}/`);
/** A prerendered page type (it exists as a file in some locale) that is missing in this one. */
const missingTranslation = (path: string) => !built.has(path) && locales.some((l) => built.has(inLocale(path, l)));

describe('translations that exist, and only those', () => {
  it('builds the Slovak-only news item in Slovak alone, with no alternates in its head', () => {
    expect(locales.map((l) => built.has(inLocale(slovakOnly, l)))).toEqual([true, false, false]);
    const page = read(slovakOnly);
    expect(page.match(/<link rel="alternate" hreflang="[^"]+"[^>]*>/g)).toBeNull();
    expect(page).not.toContain('og:locale:alternate');
  });

  it('offers the news section in the other languages in its switcher, saying there is no translation', () => {
    const nav = /<nav class="language-switcher"[\s\S]*?<\/nav>/.exec(read(slovakOnly))?.[0] ?? '';
    const links = [...nav.matchAll(/<a [^>]*>[\s\S]*?<\/a>/g)].map((m) => ({
      href: attr(m[0], 'href'),
      text: m[0]
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    }));
    expect(links).toEqual([
      { href: '/en/news/', text: 'English (not translated – section)' },
      { href: '/uk/news/', text: 'Українська (без перекладу – розділ)' },
    ]);
  });

  it('no hreflang alternate or language link in any built page points to a missing translation', () => {
    expect(html.length).toBeGreaterThan(100);
    const broken: string[] = [];
    for (const file of html) {
      const text = readFileSync(file, 'utf8');
      const alternates = [...text.matchAll(/<link rel="alternate" hreflang="[^"]+" href="([^"]+)"/g)].map(
        (m) => new URL(m[1]!).pathname,
      );
      const switcher = /<nav class="language-switcher"[\s\S]*?<\/nav>/.exec(text)?.[0] ?? '';
      const languageLinks = [...switcher.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      const anchors = [...text.matchAll(/<a [^>]*href="(\/[a-z]{2}\/[^"#?]*)"/g)].map((m) => m[1]!);
      for (const target of [...alternates, ...languageLinks, ...anchors])
        if (missingTranslation(target)) broken.push(`${pathOf(file)} → ${target}`);
      // x-default comes with the alternates, once, and only then.
      const xDefault = text.match(/hreflang="x-default"/g)?.length ?? 0;
      expect([pathOf(file), xDefault]).toEqual([pathOf(file), alternates.length > 0 ? 1 : 0]);
    }
    expect(broken).toEqual([]);
  });

  it('lists in the sitemap only indexable pages, with alternates that exist plus x-default', () => {
    const xml = filesUnder(client)
      .filter((f) => /sitemap-\d+\.xml$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
    const entries = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => ({
      path: new URL(/<loc>([^<]+)<\/loc>/.exec(m[1]!)![1]!).pathname,
      links: [...m[1]!.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map(
        (l): [string, string] => [l[1]!, new URL(l[2]!).pathname],
      ),
    }));
    expect(entries.length).toBeGreaterThan(50);
    // Besides the built pages, the on-demand pages declared for search engines, in every locale.
    const onDemand = new Set(locales.flatMap((l) => onDemandIndexed.map((p) => `/${l}${p}`)));
    const listed = (path: string) => built.has(path) || onDemand.has(path);
    for (const { path, links } of entries) {
      expect([path, listed(path)]).toEqual([path, true]);
      if (built.has(path))
        expect([path, read(path).includes('<meta name="robots" content="noindex"')]).toEqual([path, false]);
      for (const [, href] of links) expect([path, href, listed(href)]).toEqual([path, href, true]);
      if (links.length > 0) expect(links.filter(([lang]) => lang === 'x-default')).toHaveLength(1);
    }
    const paths = entries.map((e) => e.path);
    expect(paths).toContain(slovakOnly);
    expect(entries.find((e) => e.path === slovakOnly)?.links).toEqual([]);
    expect(entries.find((e) => e.path === '/en/about/')?.links).toEqual([
      // The plugin lists a page's versions in URL order.
      ['en', '/en/about/'],
      ['sk', '/sk/about/'],
      ['uk', '/uk/about/'],
      ['x-default', '/sk/about/'],
    ]);
    // The status pages after an action (noindex) are out.
    for (const l of locales)
      for (const status of ['account/check-inbox', 'account/signed-out', 'lunches/cancelled'])
        expect(paths).not.toContain(`/${l}/${status}/`);
    expect(paths.filter((p) => existsSync(join(client, p, 'index.html')) || onDemand.has(p))).toEqual(paths);
    for (const p of onDemand) expect(paths).toContain(p);
  });
});
