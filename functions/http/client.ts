import type { Context } from 'hono';

/**
 * The client's network address for rate limits: Cloudflare sets `cf-connecting-ip` and strips
 * any value a client sends; the Astro pages forward it when they call the API in-process.
 */
export const clientAddress = (c: Context): string => c.req.header('cf-connecting-ip') ?? 'local';
