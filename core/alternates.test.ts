import { describe, expect, it } from 'vitest';
import { alternatesFor, languageLinks, sectionOf, sitemapLinks } from './alternates.ts';

describe('alternates that tell the truth', () => {
  it('lists every translation that exists, then x-default (Slovak)', () => {
    expect(alternatesFor('/about/', ['sk', 'en', 'uk'])).toEqual([
      { hreflang: 'sk', path: '/sk/about/' },
      { hreflang: 'en', path: '/en/about/' },
      { hreflang: 'uk', path: '/uk/about/' },
      { hreflang: 'x-default', path: '/sk/about/' },
    ]);
    expect(alternatesFor('/news/a/', ['uk', 'sk'])).toEqual([
      { hreflang: 'sk', path: '/sk/news/a/' },
      { hreflang: 'uk', path: '/uk/news/a/' },
      { hreflang: 'x-default', path: '/sk/news/a/' },
    ]);
    expect(alternatesFor('/news/b/', ['en', 'uk'])).toEqual([
      { hreflang: 'en', path: '/en/news/b/' },
      { hreflang: 'uk', path: '/uk/news/b/' },
      { hreflang: 'x-default', path: '/en/news/b/' },
    ]);
  });

  it('gives a Slovak-only news item no alternates, and its switcher the sections in other languages', () => {
    expect(alternatesFor('/news/slovak-only/', ['sk'])).toEqual([]);
    expect(languageLinks('/news/slovak-only/', ['sk'])).toEqual([
      { locale: 'sk', path: '/sk/news/slovak-only/', translated: true },
      { locale: 'en', path: '/en/news/', translated: false },
      { locale: 'uk', path: '/uk/news/', translated: false },
    ]);
    expect(languageLinks('/about/', ['sk', 'en', 'uk']).every((l) => l.translated)).toBe(true);
  });

  it('finds the section of a page', () => {
    expect(['/news/a/', '/materials/kits/arriving/', '/about/', '/'].map(sectionOf)).toEqual([
      '/news/',
      '/materials/kits/',
      '/',
      '/',
    ]);
  });

  it('adds x-default to the sitemap links of pages in two or more languages only', () => {
    const o = 'https://spotlight.example';
    expect(sitemapLinks([{ url: `${o}/sk/news/a/`, lang: 'sk' }])).toBeUndefined();
    expect(sitemapLinks(undefined)).toBeUndefined();
    expect(
      sitemapLinks([
        { url: `${o}/en/about/`, lang: 'en' },
        { url: `${o}/sk/about/`, lang: 'sk' },
      ]),
    ).toEqual([
      { url: `${o}/en/about/`, lang: 'en' },
      { url: `${o}/sk/about/`, lang: 'sk' },
      { url: `${o}/sk/about/`, lang: 'x-default' },
    ]);
  });
});
