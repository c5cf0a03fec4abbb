import type { APIContext } from 'astro';
import { isLocale, type Locale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { isMailedLinkKind, MAILED_LINK_HEADER, type MailedLinkKind } from '../../functions/http/mailed-link.schemas.ts';

/** What the mailed-link page renders: which link, in which language, and the URL its button posts. */
export interface MailedLinkPage {
  kind: MailedLinkKind;
  locale: Locale;
  /** The link's own path and query (`/api/auth/callback?token=…&lang=en`): the button posts it. */
  action: string;
}

declare global {
  namespace App {
    interface Locals {
      /** Set by the `/api` mount for `src/pages/[lang]/mailed-link.astro`; never from a URL. */
      mailedLink?: MailedLinkPage;
    }
  }
}

/**
 * A mailed link's `GET` page (functions/http/mailed-link.ts) rendered in the site's layout: the
 * API marks the page with {@link MAILED_LINK_HEADER}; this hands its kind, language and URL to
 * `src/pages/[lang]/mailed-link.astro` through `locals` (not through a URL anyone could type) and
 * renders that page instead. Every other answer, and a `HEAD`, is the API's own (without the mark).
 * @param context the `/api` endpoint's context
 * @param response the API's answer
 * @returns the answer to send
 */
export async function inSiteLayout(context: APIContext, response: Response): Promise<Response> {
  const kind = response.headers.get(MAILED_LINK_HEADER);
  if (kind === null) return response;
  const locale = response.headers.get('content-language');
  if (context.request.method !== 'GET' || !isMailedLinkKind(kind) || !isLocale(locale) || response.status !== 200) {
    const headers = new Headers(response.headers);
    headers.delete(MAILED_LINK_HEADER);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  await response.body?.cancel();
  const url = new URL(context.request.url);
  context.locals.mailedLink = { kind, locale, action: `${url.pathname}${url.search}` };
  return context.rewrite(new Request(new URL(localizedPath(locale, '/mailed-link/'), url), { method: 'GET' }));
}

/**
 * The same link in another language: its `?lang=` changed (every mailed link reads it first).
 * @param action the link's path and query
 */
export const inLanguage = (action: string, locale: Locale): string => {
  const url = new URL(action, 'http://x');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
};
