import type { APIRoute } from 'astro';
import { api } from '../../lib/api.ts';

export const prerender = false;

/** `/dev/*` (the local mailbox) also lives in the Hono app, which answers 404 unless mail is local. */
export const ALL: APIRoute = ({ request, locals }) => api().fetch(request, {}, locals.cfContext);
