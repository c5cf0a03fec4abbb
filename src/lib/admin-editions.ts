// The start page of a managers' area that works per edition (jury, results, publication) asks the
// API for the editions the person manages; the three pages share this and EditionList.astro.
import type { AstroGlobal } from 'astro';
import type { Locale } from '../../core/locales.ts';
import { pageApi } from './api.ts';

/**
 * The editions the signed-in person manages, for an area's start page: `forbidden` (and the page's
 * status 403, an empty list) when they manage none; the sign-in redirect (a Response) when signed
 * out. Marks the page private and not stored.
 */
export async function managedEditions(Astro: AstroGlobal, locale: Locale) {
  const { client, read } = pageApi(Astro, locale);
  const response = await client.api.competition.manage.editions.$get();
  const forbidden = response.status === 403;
  if (forbidden) Astro.response.status = 403;
  const listed = forbidden ? { editions: [] } : await read(response);
  if (listed instanceof Response) return listed;
  Astro.response.headers.set('Cache-Control', 'private, no-store');
  return { forbidden, editions: listed.editions };
}
