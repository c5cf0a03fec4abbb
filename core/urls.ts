import type { Locale } from './locales.ts';

/** `/about/` in `en` → `/en/about/`. */
export const localizedPath = (locale: Locale, path: string): string =>
  `/${locale}${path.startsWith('/') ? path : `/${path}`}`;
