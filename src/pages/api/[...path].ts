import type { APIRoute } from 'astro';
import { api } from '../../lib/api.ts';

export const prerender = false;

/** Hands every `/api/*` request to the Hono app in `functions/`. */
export const ALL: APIRoute = ({ request, locals }) => api().fetch(request, {}, locals.cfContext);
