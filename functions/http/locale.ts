import type { Context } from 'hono';
import { isLocale, negotiateLocale, type Locale } from '../../core/locales.ts';

/**
 * The locale of the portal page a request was sent from: the first path segment of a same-origin
 * `Referer` (`https://…/uk/competition/entries/…` → `uk`). Browsers send it with the page's
 * scripts' `fetch` calls (the portal's Referrer-Policy keeps the path for same-origin requests);
 * another site's address, or a path without a locale, says nothing.
 */
export function pageLocale(referer: string | undefined, origin: string): Locale | undefined {
  if (!referer) return undefined;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  const first = url.pathname.split('/')[1];
  return isLocale(first) ? first : undefined;
}

/**
 * The request's language, in which `app.onError` writes every error message and routes write
 * their answers: an explicit `lang` query parameter; else the language of the portal page the
 * request comes from (its same-origin Referer, so a script on `/uk/…` gets Ukrainian whatever the
 * browser's languages); else Accept-Language (pages calling in process send their own locale
 * there); else the default locale.
 */
export function requestLocale(c: Context): Locale {
  const explicit = c.req.query('lang');
  if (isLocale(explicit)) return explicit;
  const page = pageLocale(c.req.header('referer'), new URL(c.req.url).origin);
  if (page) return page;
  return negotiateLocale(c.req.header('accept-language'));
}
