/** Locales the portal is published in; the first is the default and the fallback. */
export const locales = ['sk', 'en', 'uk'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'sk';

/** Each locale's name in its own language, as a language switcher shows it. */
export const localeNames: Record<Locale, string> = { sk: 'Slovenčina', en: 'English', uk: 'Українська' };

/** Locales written right to left; none yet, but the layout reads `dir` from here. */
const rtlLocales: ReadonlySet<string> = new Set([]);
export const textDirection = (locale: Locale): 'ltr' | 'rtl' => (rtlLocales.has(locale) ? 'rtl' : 'ltr');

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

/** A stored or posted locale if it is one of ours, else the default locale. */
export const toLocale = (value: unknown): Locale => (isLocale(value) ? value : defaultLocale);

/**
 * Picks the locale that best fits an Accept-Language header (RFC 9110 quality values),
 * matching on the primary subtag; falls back to the default locale.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}
