import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';

/** Types of the media the portal streams; anything else is not served from here. */
const TYPES: Record<string, string> = { webm: 'video/webm', mp4: 'video/mp4', m4a: 'audio/mp4', mp3: 'audio/mpeg' };

/**
 * `/media/*`: films and audio from the files bucket, with HTTP range requests so players can
 * seek and stream large files (static assets are capped at 25 MiB and not meant for video).
 */
export const mediaRoutes = (bucket: R2Bucket) =>
  new Hono<AppEnv>().on(['GET', 'HEAD'], '/:path{.+}', async (c) => {
    const path = c.req.param('path');
    const type = TYPES[path.split('.').pop() ?? ''];
    if (!type || path.includes('..')) return c.notFound();
    const object = await bucket.get(`media/${path}`, { range: c.req.raw.headers, onlyIf: c.req.raw.headers });
    if (!object) return c.notFound();
    const headers = new Headers({
      'Content-Type': type,
      'Accept-Ranges': 'bytes',
      ETag: object.httpEtag,
      'Cache-Control': 'public, max-age=86400',
    });
    if (!('body' in object)) return new Response(null, { status: 304, headers });
    const range = object.range as { offset?: number; length?: number } | undefined;
    if (range && c.req.header('range')) {
      const offset = range.offset ?? 0;
      const length = range.length ?? object.size - offset;
      headers.set('Content-Range', `bytes ${offset}-${offset + length - 1}/${object.size}`);
      headers.set('Content-Length', String(length));
      return new Response(c.req.method === 'HEAD' ? null : object.body, { status: 206, headers });
    }
    headers.set('Content-Length', String(object.size));
    return new Response(c.req.method === 'HEAD' ? null : object.body, { status: 200, headers });
  });
