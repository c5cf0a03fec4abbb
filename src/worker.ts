import astro from '@astrojs/cloudflare/entrypoints/server';
import { depsFromEnv, type Bindings } from '../functions/env.ts';
import { securityHeaders } from '../functions/http/security-headers.ts';
import { runScheduled } from '../functions/scheduled.ts';
import { defaultEdgeCache, fromEdgeCache } from '../functions/http/edge-cache.ts';
import { observeRequest } from '../functions/http/request-log.ts';
import { reasonPhrase } from '../functions/http/status-text.ts';
import { edgePages } from '../functions/edge-pages.ts';
import { isLocale } from '../core/locales.ts';
import { api } from './lib/api.ts';

/** A page missing under `/en/…` answers with the English 404 page, not the default one. */
async function localizeNotFound(request: Request, env: Bindings, response: Response): Promise<Response> {
  if (response.status !== 404 || !env.ASSETS || !['GET', 'HEAD'].includes(request.method)) return response;
  const locale = new URL(request.url).pathname.split('/')[1];
  if (!isLocale(locale) || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const page = await env.ASSETS.fetch(new URL(`/${locale}/404/`, request.url));
  return page.ok ? new Response(page.body, { status: 404, headers: page.headers }) : response;
}

/** How much of a refused request's unread body is drained before the rest is cancelled (bytes). */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * A refusal made before the body was read (413, 411, 403, 303): read the unread body to its end
 * (up to {@link DRAIN_LIMIT_BYTES}, then cancel), so that `wrangler dev`'s proxy, still sending
 * it, answers the real status rather than a 500 "Network connection lost" of its own. Cancelling
 * at once is not enough: the proxy loses the race with a client that sends the body at once.
 */
async function discardUnreadBody(request: Request): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  const reader = request.body.getReader();
  try {
    for (let read = 0; read <= DRAIN_LIMIT_BYTES; ) {
      const chunk = await reader.read();
      if (chunk.done) return;
      read += chunk.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}

/** The one URL that takes posts from outside the site: RFC 8058 one-click unsubscribe (S23). */
const ONE_CLICK_UNSUBSCRIBE = '/api/subscriptions/unsubscribe';

/**
 * Mail providers send `List-Unsubscribe=One-Click` form posts without an Origin and without
 * cookies; Astro's own cross-site form check (`security.checkOrigin`) refuses every such post,
 * so this one route goes to the API directly. The API's origin check still refuses a foreign
 * `Origin` or `Sec-Fetch-Site: cross-site` here (S06), and every other URL keeps Astro's check.
 */
const isOneClickUnsubscribe = (request: Request) =>
  request.method === 'POST' && new URL(request.url).pathname === ONE_CLICK_UNSUBSCRIBE;

/**
 * The Worker: Astro serves pages and mounts the API at /api; this file adds the scheduled
 * handler (outbox, purges), the edge cache of public pages, the security headers on every
 * response the Worker makes and each request's log line.
 */
export default {
  // One JSON log line per request (functions/http/request-log.ts): its id, route pattern, status,
  // duration, database time and statements, and the edge cache's answer.
  fetch: (request, env, ctx) =>
    observeRequest(
      request,
      async () => {
        const response = isOneClickUnsubscribe(request)
          ? await api().fetch(request, {}, ctx)
          : await localizeNotFound(
              request,
              env,
              // Public pages listed in functions/edge-pages.ts are kept in the edge cache (purged by the API).
              await fromEdgeCache(
                request,
                {
                  publicOrigin: (env.PUBLIC_ORIGIN ?? 'http://127.0.0.1:4321').replace(/\/$/, ''),
                  cache: defaultEdgeCache(),
                  pages: edgePages,
                  waitUntil: (promise) => ctx.waitUntil(promise),
                },
                () => astro.fetch(request, env as unknown as Parameters<typeof astro.fetch>[1], ctx),
              ),
            );
        await discardUnreadBody(request);
        const headers = new Headers(response.headers);
        for (const [name, value] of Object.entries(securityHeaders)) if (!headers.has(name)) headers.set(name, value);
        // Staging is a rehearsal site (wrangler.toml): search engines stay away from all of it.
        if (env.SITE_KIND === 'rehearsal') headers.set('X-Robots-Tag', 'noindex, nofollow');
        // The standard reason phrase: Astro's page answers say `OK` whatever their status (`429 OK`).
        const statusText = reasonPhrase(response.status) || response.statusText;
        return new Response(response.body, { status: response.status, statusText, headers });
      },
      { waitUntil: (promise) => ctx.waitUntil(promise) },
    ),

  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduled(depsFromEnv(env)));
  },
} satisfies ExportedHandler<Bindings>;
