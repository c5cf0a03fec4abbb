import type { APIRoute } from 'astro';
import { api } from '../../lib/api.ts';
import { inSiteLayout } from '../../lib/mailed-link.ts';

export const prerender = false;

/**
 * Hands every `/api/*` request to the Hono app in `functions/`; a mailed link's page comes back
 * in the site's layout (src/lib/mailed-link.ts).
 */
export const ALL: APIRoute = async (context) =>
  inSiteLayout(context, await api().fetch(context.request, {}, context.locals.cfContext));
