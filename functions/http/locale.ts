import type { Context } from 'hono';
import { isLocale, negotiateLocale, type Locale } from '../../core/locales.ts';

/** The request's language: an explicit `lang` query parameter, else Accept-Language. */
export function requestLocale(c: Context): Locale {
  const explicit = c.req.query('lang');
  if (isLocale(explicit)) return explicit;
  return negotiateLocale(c.req.header('accept-language'));
}
