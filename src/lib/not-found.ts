import type { APIContext } from 'astro';
import { defaultLocale, isLocale, type Locale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';

/**
 * The localized not-found page with status 404, for an on-demand page that cannot find what its
 * URL names (unknown id, unknown locale, missing or malformed parameter). It renders
 * `src/pages/[lang]/not-found.astro`, which is on demand too: the prerendered 404 pages cannot be
 * rendered from an on-demand page (Astro answers an empty 500). The rewrite is a fresh GET, so a
 * POST whose body was already read can answer not-found as well.
 * @param locale the page's locale; anything else (an unknown `[lang]`) gets the default locale.
 */
export function notFound(
  Astro: Pick<APIContext, 'rewrite' | 'url'>,
  locale: Locale | string | undefined,
): Promise<Response> {
  const lang = isLocale(locale) ? locale : defaultLocale;
  return Astro.rewrite(new Request(new URL(localizedPath(lang, '/not-found/'), Astro.url), { method: 'GET' }));
}
