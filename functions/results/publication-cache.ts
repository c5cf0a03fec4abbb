// The winners page at the edge: an on-demand page kept in the Workers Cache API (`caches.default`)
// for at most a minute, and deleted from it the moment its results are published or taken down.
// The Worker (src/worker.ts) serves the page through `fromEdgeCache`; the API calls
// `purgeWinners` after a publish or an unlock. Under `wrangler dev` the same Cache API runs
// locally (Miniflare), so the page behaves there as it does on Cloudflare.
import { type Locale, locales } from '../../core/locales.ts';

/** How long the edge keeps a winners page (seconds); a publish purges it at once anyway. */
export const WINNERS_EDGE_SECONDS = 60;

/**
 * The winners page's Cache-Control: browsers revalidate (max-age=0), shared caches keep it
 * `s-maxage` seconds and may serve it stale while they fetch a new one.
 */
export const WINNERS_CACHE_CONTROL = `public, max-age=0, s-maxage=${WINNERS_EDGE_SECONDS}, stale-while-revalidate=${WINNERS_EDGE_SECONDS}`;

/** Header telling whether the Worker answered from the edge cache (`hit`) or rendered (`miss`). */
export const EDGE_CACHE_HEADER = 'X-Edge-Cache';

/** The winners page's path in a locale: `/en/competition/2026/winners/`. */
export const winnersPath = (locale: Locale, editionId: string) =>
  `/${locale}/competition/${encodeURIComponent(editionId)}/winners/`;

const WINNERS_PATH = /^\/([a-z]{2})\/competition\/([^/]+)\/winners\/?$/;

/**
 * The cache key of a request for a winners page, or null for any other request. The key is the
 * page's canonical URL on the public origin (whatever host the request named, and without its
 * query), so the API can delete exactly these keys without seeing the request.
 */
export function winnersCacheKey(request: Request, publicOrigin: string): string | null {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  const match = WINNERS_PATH.exec(url.pathname);
  if (!match || !(locales as readonly string[]).includes(match[1]!)) return null;
  return `${publicOrigin}${winnersPath(match[1] as Locale, decodeURIComponent(match[2]!))}`;
}

/** The part of the Cache API used here (`caches.default`). */
export type EdgeCache = Pick<Cache, 'match' | 'put' | 'delete'>;

/** The Worker's edge cache (`caches.default`), or undefined where there is none (Node). */
export const defaultEdgeCache = (): EdgeCache | undefined =>
  typeof caches === 'undefined' ? undefined : (caches as unknown as { default?: EdgeCache }).default;

/**
 * Answers a winners page from the edge cache, or renders it and keeps a 200 that allows shared
 * caching (no Set-Cookie) for the next visitors. Any other request is rendered as usual.
 * Marks the answer with {@link EDGE_CACHE_HEADER}.
 * @param waitUntil keeps the Worker alive until the page is stored
 */
export async function fromEdgeCache(
  request: Request,
  publicOrigin: string,
  cache: EdgeCache | undefined,
  waitUntil: (promise: Promise<unknown>) => void,
  render: () => Promise<Response>,
): Promise<Response> {
  const key = cache ? winnersCacheKey(request, publicOrigin) : null;
  if (!cache || !key) return render();
  const cached = await cache.match(key);
  if (cached) {
    const hit = new Response(cached.body, cached);
    hit.headers.set(EDGE_CACHE_HEADER, 'hit');
    return hit;
  }
  const response = await render();
  const cacheable =
    response.status === 200 &&
    /\bs-maxage=\d+/.test(response.headers.get('cache-control') ?? '') &&
    !response.headers.has('set-cookie');
  if (!cacheable) return response;
  const stored = response.clone();
  waitUntil(cache.put(key, stored).catch(() => undefined));
  const miss = new Response(response.body, response);
  miss.headers.set(EDGE_CACHE_HEADER, 'miss');
  return miss;
}

/**
 * Deletes an edition's winners page, in every locale, from the edge cache; returns how many were
 * there. Called after results are published or unlocked. No cache (Node): nothing to do.
 */
export async function purgeWinners(cache: EdgeCache | undefined, publicOrigin: string, editionId: string) {
  if (!cache) return 0;
  const deleted = await Promise.all(locales.map((l) => cache.delete(`${publicOrigin}${winnersPath(l, editionId)}`)));
  return deleted.filter(Boolean).length;
}
