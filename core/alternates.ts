// Which language versions of a page exist, said the same way in the page head (hreflang), the
// language switcher and the sitemap: alternates only for translations that exist, plus x-default.
import { defaultLocale, type Locale, locales } from './locales.ts';
import { localizedPath } from './urls.ts';

/** One `<link rel="alternate">`: a locale (or `x-default`) and the path without origin. */
export interface Alternate {
  hreflang: Locale | 'x-default';
  path: string;
}

/** The locale that stands for a page when no language matches: Slovak if it exists, else the first that does. */
export function xDefaultLocale(translations: readonly Locale[]): Locale | undefined {
  return translations.includes(defaultLocale) ? defaultLocale : locales.find((l) => translations.includes(l));
}

/**
 * The alternates of a page (`path` without the locale, e.g. `/news/open-day/`) that exists in
 * `translations`: one per existing locale in the portal's locale order, then `x-default`. A page in
 * one language only has none (there is nothing to choose between), as in the sitemap.
 */
export function alternatesFor(path: string, translations: readonly Locale[]): Alternate[] {
  const present = locales.filter((l) => translations.includes(l));
  const fallback = xDefaultLocale(present);
  if (present.length < 2 || !fallback) return [];
  return [
    ...present.map((l) => ({ hreflang: l, path: localizedPath(l, path) })),
    { hreflang: 'x-default' as const, path: localizedPath(fallback, path) },
  ];
}

/** The section a page belongs to: `/news/open-day/` → `/news/`, `/about/` → `/` (the home page). */
export function sectionOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 1 ? '/' : `/${parts.slice(0, -1).join('/')}/`;
}

/** One entry of the language switcher: where the link goes and whether it is this page translated. */
export interface LanguageLink {
  locale: Locale;
  path: string;
  /** False when the page has no translation in `locale`: the link goes to the section instead. */
  translated: boolean;
}

/**
 * The language switcher's links for a page: the same page in each locale that has it, the
 * section (see {@link sectionOf}) in the others.
 */
export function languageLinks(path: string, translations: readonly Locale[]): LanguageLink[] {
  return locales.map((l) =>
    translations.includes(l)
      ? { locale: l, path: localizedPath(l, path), translated: true }
      : { locale: l, path: localizedPath(l, sectionOf(path)), translated: false },
  );
}

/**
 * A sitemap entry's alternate links (as @astrojs/sitemap groups them from the pages that exist)
 * with `x-default` added, on the same rule as {@link alternatesFor}; none when fewer than two.
 */
export function sitemapLinks(
  links: readonly { url: string; lang: string }[] | undefined,
): { url: string; lang: string }[] | undefined {
  if (!links || links.length < 2) return undefined;
  const fallback = xDefaultLocale(links.map((l) => l.lang as Locale));
  const url = links.find((l) => l.lang === fallback)?.url;
  return url ? [...links, { url, lang: 'x-default' }] : [...links];
}

/**
 * On-demand pages that search engines should find, in every locale (the sitemap lists them with
 * the prerendered pages): the library, which answers its filter form on demand.
 */
export const onDemandIndexed: readonly string[] = ['/materials/'];
