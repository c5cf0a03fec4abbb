import type { APIContext, AstroGlobal } from 'astro';
import { env } from 'cloudflare:workers';
import { type ApplyGlobalResponse, type ClientResponse, hc } from 'hono/client';
import type { Locale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { type App, createApp } from '../../functions/app.ts';
import { type Bindings, depsFromEnv } from '../../functions/env.ts';
import type { ErrorBody } from '../../functions/errors.ts';
import { materialsDirectory } from './materials/directory.ts';
import { notFound } from './not-found.ts';
import { answerUnavailable, couldNotCheck, sameSiteBack } from './outage.ts';

let app: App | undefined;

/** The edge API, built once per isolate from the Worker's bindings. */
export function api(): App {
  app ??= createApp({ ...depsFromEnv(env as Bindings), materials: materialsDirectory() });
  return app;
}

/**
 * The API as the typed client sees it: every route's own answers, plus the one error shape
 * (`{ code, message, requestId, fields? }`, rendered by `app.onError`) for every 4xx and 5xx.
 */
type Api = ApplyGlobalResponse<
  App,
  {
    400: { json: ErrorBody };
    401: { json: ErrorBody };
    403: { json: ErrorBody };
    404: { json: ErrorBody };
    409: { json: ErrorBody };
    410: { json: ErrorBody };
    413: { json: ErrorBody };
    415: { json: ErrorBody };
    422: { json: ErrorBody };
    429: { json: ErrorBody };
    503: { json: ErrorBody };
  }
>;

/** The typed in-process client: `client.api.competition.entries[':id'].$get({ param: { id } })`. */
export type ApiClient = ReturnType<typeof hc<Api>>;

/** The JSON body of a response's success statuses (2xx), as the route declares it. */
export type Ok<R> =
  R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 | 202 ? T : never) : never;

/** The failure answers a page does not handle itself: where to send the visitor instead. */
export interface Answers {
  /** Where a 401 sends the visitor to sign in (a path inside the locale, default `/account/sign-in/`). */
  signIn?: string;
}

/** A page's `Astro`, or an endpoint's context (which has no page status to set). */
type PageContext = APIContext & Partial<Pick<AstroGlobal, 'response'>>;

/**
 * The API for one page request (its "HTML face"): the typed client, calling the Hono app in
 * process with the visitor's cookies, client address, language and Cloudflare context, and the
 * one place that turns the API's "sign in" and "not found" answers into the page's answer.
 * hono/client puts `param` values into the path as they are: encode ids that come from a URL or
 * a form with `encodeURIComponent` (an empty one would drop a path segment).
 */
export function pageApi(Astro: PageContext, locale: Locale, { signIn = '/account/sign-in/' }: Answers = {}) {
  const headers: Record<string, string> = { 'accept-language': locale };
  // Cookies for the session; the client address for per-client rate limits.
  for (const name of ['cookie', 'cf-connecting-ip']) {
    const value = Astro.request.headers.get(name);
    if (value) headers[name] = value;
  }
  const context = Astro.locals.cfContext;
  // The base URL is the one `app.request` gives relative paths, so the API sees what it saw before.
  const client = hc<Api>('http://localhost', {
    headers,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => api().request(input, init, {}, context),
  });

  /** The sign-in page, with the address to come back to once signed in. */
  const signInRedirect = () =>
    Astro.redirect(
      `${localizedPath(locale, signIn)}?return=${encodeURIComponent(Astro.url.pathname + Astro.url.search)}`,
      303,
    );

  /** A 429 from the API as the page's answer: the same status and `Retry-After`, the message as text. */
  const tooManyRequests = async (response: ClientResponse<unknown, number, 'json'>) => {
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    return new Response(body?.message ?? 'Too Many Requests', {
      status: 429,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'retry-after': response.headers.get('retry-after') ?? '60',
        'cache-control': 'no-store',
      },
    });
  };

  /** The localized "briefly unavailable" page (503), whose button tries this page again. */
  const unavailablePage = (response: { headers: Headers }) => {
    Astro.locals.unavailable = { retry: sameSiteBack(Astro.url, localizedPath(locale, '/')), answer: response };
    return Astro.rewrite(new Request(new URL(localizedPath(locale, '/unavailable/'), Astro.url), { method: 'GET' }));
  };

  return {
    client,
    /**
     * The success body of an answer, or the page's own answer when the API said 401 (the sign-in
     * page, with a return address), 429 (429 with `Retry-After`), another 4xx — the URL names
     * nothing this visitor may see (unknown or malformed id or parameter, 403, 410): the localized
     * not-found page with status 404 — or 5xx, it could not check ({@link couldNotCheck}): the
     * localized "briefly unavailable" page with status 503 and the request's reference.
     * @throws Error when the API answered a status that is none of these (1xx, 3xx).
     */
    async read<R extends ClientResponse<unknown, number, 'json'>>(response: R): Promise<Ok<R> | Response> {
      if (response.status === 401) return signInRedirect();
      if (response.status === 429) return tooManyRequests(response);
      if (response.status >= 400 && response.status < 500) return notFound(Astro, locale);
      if (couldNotCheck(response)) return unavailablePage(response);
      // Not the URL: it may carry ids or a mailed token, and this message is logged.
      if (!response.ok)
        throw new Error(`API answered ${response.status} (request ${response.headers.get('x-request-id')})`);
      return (await response.json()) as Ok<R>;
    },
    /**
     * For a page that checks something itself (a day, a mailed link) and has its own answer for
     * "not found" or "invalid": true when the API could not check ({@link couldNotCheck}), after
     * making the page's answer 503 (`Retry-After`, never cached) — the page then shows
     * `src/components/Unavailable.astro` (and a posted form again, with what was typed) instead
     * of its "not found"/"invalid" answer. False for any other answer (the page's status untouched).
     */
    outage(response: { status: number; headers: Headers }): boolean {
      if (!couldNotCheck(response)) return false;
      if (Astro.response) answerUnavailable(response, Astro.response);
      return true;
    },
    /**
     * For a form's answer: the page's own answer for 401 and 404 (as {@link read}), else the
     * API's error body (its status becomes the page's status, `Retry-After` too), or null when the
     * request succeeded.
     */
    async problem(response: ClientResponse<unknown, number, 'json'>): Promise<ErrorBody | Response | null> {
      if (response.ok) return null;
      if (response.status === 401) return signInRedirect();
      if (response.status === 404) return notFound(Astro, locale);
      if (Astro.response) passStatus(response, Astro.response);
      return (await response.json()) as ErrorBody;
    },
  };
}

/**
 * Makes the API's failure the page's status, with its `Retry-After` (every 429 says when to try
 * again, S27).
 */
export function passStatus(
  from: { status: number; headers: Headers },
  to: { status?: number; headers: Headers },
): void {
  to.status = from.status;
  const retryAfter = from.headers.get('retry-after');
  if (retryAfter) to.headers.set('Retry-After', retryAfter);
}

/** Copies the API's Set-Cookie headers onto the page's response. */
export function passCookies(from: { headers: Headers }, to: Headers): void {
  for (const cookie of from.headers.getSetCookie()) to.append('set-cookie', cookie);
}
