import astro from '@astrojs/cloudflare/entrypoints/server';
import { depsFromEnv, type Bindings } from '../functions/env.ts';
import { securityHeaders } from '../functions/http/security-headers.ts';
import { runScheduled } from '../functions/scheduled.ts';
import { isLocale } from '../core/locales.ts';

/** A page missing under `/en/…` answers with the English 404 page, not the default one. */
async function localizeNotFound(request: Request, env: Bindings, response: Response): Promise<Response> {
  if (response.status !== 404 || !env.ASSETS || !['GET', 'HEAD'].includes(request.method)) return response;
  const locale = new URL(request.url).pathname.split('/')[1];
  if (!isLocale(locale) || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const page = await env.ASSETS.fetch(new URL(`/${locale}/404/`, request.url));
  return page.ok ? new Response(page.body, { status: 404, headers: page.headers }) : response;
}

/**
 * The Worker: Astro serves pages and mounts the API at /api; this file adds the scheduled
 * handler (outbox, purges) and the security headers on every response the Worker makes.
 */
export default {
  async fetch(request, env, ctx) {
    const response = await localizeNotFound(
      request,
      env,
      await astro.fetch(request, env as unknown as Parameters<typeof astro.fetch>[1], ctx),
    );
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(securityHeaders)) if (!headers.has(name)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  },

  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduled(depsFromEnv(env)));
  },
} satisfies ExportedHandler<Bindings>;
