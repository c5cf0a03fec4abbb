import { defineMiddleware } from 'astro:middleware';
import { toLocale } from '../core/locales.ts';
import { noteRoute } from '../core/request-context.ts';
import { localizedPath } from '../core/urls.ts';
import { sameSiteBack } from './lib/outage.ts';

declare global {
  namespace App {
    interface Locals {
      /** Set here for `src/pages/[lang]/too-large.astro`, never from a URL: the form page to go back to. */
      tooLarge?: { back: string };
    }
  }
}

/** Largest form post a page reads, in bytes (the API has its own limit; uploads go to the API). */
export const MAX_PAGE_POST_BYTES = 256 * 1024;

/** Paths whose requests the API answers with its own limits (`/api`, the local mailbox, films). */
const API_PREFIXES = ['/api/', '/dev/', '/media/'];

/** When a client may try again after a page's 429 that did not say (seconds). */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * The limits a page's form post gets, as the API has them (S27):
 * - a body over {@link MAX_PAGE_POST_BYTES} is refused with 413 before it is read: the translated
 *   page `src/pages/[lang]/too-large.astro` in the form's locale, linking back to the form (the
 *   browser keeps what was typed there; the body itself cannot be kept unread);
 * - one without a declared length is refused with a plain 411 — browsers always send
 *   `Content-Length` for form posts;
 * - every 429 carries `Retry-After` (the API's own value where the page passed it on).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  // The route pattern for the request's log line (`/[lang]/lunches`), never the path itself.
  noteRoute(context.routePattern);
  const { request } = context;
  const path = new URL(request.url).pathname;
  if (request.method === 'POST' && !API_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    const length = request.headers.get('content-length');
    if (length === null && request.body !== null) return refusal(411, 'Length Required');
    if (Number(length) > MAX_PAGE_POST_BYTES) {
      const url = new URL(request.url);
      const locale = toLocale(path.split('/')[1]);
      context.locals.tooLarge = { back: sameSiteBack(url, localizedPath(locale, '/')) };
      const page = new URL(localizedPath(locale, '/too-large/'), url);
      return context.rewrite(new Request(page, { method: 'GET' }));
    }
  }
  const response = await next();
  if (response.status === 429 && !response.headers.has('retry-after')) {
    const headers = new Headers(response.headers);
    headers.set('Retry-After', String(DEFAULT_RETRY_AFTER_SECONDS));
    return new Response(response.body, { status: 429, statusText: response.statusText, headers });
  }
  return response;
});

/** A short plain-text refusal, never cached. */
const refusal = (status: number, text: string) =>
  new Response(`${status} ${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
