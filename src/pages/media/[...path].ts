import type { APIRoute } from 'astro';
import { api } from '../../lib/api.ts';

export const prerender = false;

/** `/media/*` streams films from R2 through the Hono app (range requests for seeking). */
export const ALL: APIRoute = ({ request, locals }) => api().fetch(request, {}, locals.cfContext);
