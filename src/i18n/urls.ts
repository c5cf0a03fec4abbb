import { isLocale, type Locale } from './locales.ts';

/**
 * The locale-free part of a path: `/en/about/` → `/about/`. Pages are addressed by this
 * path so the language switcher can link to the same page in another locale.
 */
export function pathWithoutLocale(pathname: string): string {
  const [, first, ...rest] = pathname.split('/');
  if (isLocale(first)) return `/${rest.join('/')}`;
  return pathname;
}

/** `/about/` in `en` → `/en/about/`. */
export const localizedPath = (locale: Locale, path: string): string =>
  `/${locale}${path.startsWith('/') ? path : `/${path}`}`;
