// Public on-demand pages at the edge: kept in the Workers Cache API (`caches.default`) under the
// page's canonical URL on the public origin, per locale, for as long as the page's own
// Cache-Control allows (`s-maxage`, functions/http/edge-cache.schemas.ts), and deleted by the API
// when their data changes (`purgeEdgePaths`). Which pages may be kept is a list the Worker is
// given (functions/edge-pages.ts); everything else is rendered every time. Under `wrangler dev`
// the same Cache API runs locally (Miniflare); on a workers.dev domain it keeps nothing.
import { locales } from '../../core/locales.ts';
import { noteCache } from '../../core/request-context.ts';

/** Header telling whether the Worker answered from the edge cache (`hit`) or rendered and kept it (`miss`). */
export const EDGE_CACHE_HEADER = 'X-Edge-Cache';

/** The part of the Cache API used here (`caches.default`). */
export type EdgeCache = Pick<Cache, 'match' | 'put' | 'delete'>;

/** The Worker's edge cache (`caches.default`), or undefined where there is none (Node). */
export const defaultEdgeCache = (): EdgeCache | undefined =>
  typeof caches === 'undefined' ? undefined : (caches as unknown as { default?: EdgeCache }).default;

/** A page the edge may keep: its name (for tests and logs) and its canonical path's pattern. */
export interface EdgePage {
  name: string;
  /** Matches the canonical path (`/en/lunches/`); the first group is the locale. */
  pattern: RegExp;
}

/**
 * A path with each segment decoded and encoded again (`/en/competition/20%32%35/` →
 * `/en/competition/2025/`) and a trailing slash, so one page has one key whatever spelling
 * asked for it; null when a segment does not decode.
 */
export function canonicalPath(pathname: string): string | null {
  try {
    const segments = pathname
      .split('/')
      .filter(Boolean)
      .map((s) => encodeURIComponent(decodeURIComponent(s)));
    return `/${segments.join('/')}${segments.length ? '/' : ''}`;
  } catch {
    return null;
  }
}

/**
 * The cache key of a request for one of `pages`, or null for any other request: a GET without a
 * query of a listed page in one of the locales. The key is the canonical URL on the public
 * origin, so the API can delete exactly these keys without the request. A request with a query
 * is rendered every time: pages carry it into their links (the language switcher keeps it), and
 * keys the API cannot name could not be purged.
 */
export function edgeCacheKey(request: Request, publicOrigin: string, pages: readonly EdgePage[]): string | null {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.search !== '') return null;
  const path = canonicalPath(url.pathname);
  if (path === null) return null;
  const page = pages.find((p) => p.pattern.test(path));
  const locale = page?.pattern.exec(path)?.[1];
  if (!page || !(locales as readonly string[]).includes(locale ?? '')) return null;
  return `${publicOrigin}${path}`;
}

/**
 * Whether a rendered page may be kept for everyone: a 200 whose Cache-Control says `public` and a
 * positive `s-maxage` (and not `private`/`no-store`), with no Set-Cookie, rendered for a request
 * without cookies or credentials (a signed-in visitor's render is never kept, even of a public page).
 */
export function isStorable(request: Request, response: Response): boolean {
  const control = response.headers.get('cache-control') ?? '';
  return (
    response.status === 200 &&
    /\bpublic\b/.test(control) &&
    /\bs-maxage=[1-9]\d*/.test(control) &&
    !/\b(private|no-store)\b/.test(control) &&
    !response.headers.has('set-cookie') &&
    !request.headers.has('cookie') &&
    !request.headers.has('authorization')
  );
}

/** What {@link fromEdgeCache} needs besides the request. */
export interface EdgeCacheOptions {
  /** The portal's public origin (keys are URLs on it). */
  publicOrigin: string;
  cache: EdgeCache | undefined;
  /** The pages that may be kept (functions/edge-pages.ts). */
  pages: readonly EdgePage[];
  /** Keeps the Worker alive until the page is stored. */
  waitUntil: (promise: Promise<unknown>) => void;
}

/**
 * Answers a listed page from the edge cache, or renders it and keeps it when {@link isStorable}.
 * Any other request is rendered as usual. A kept or served page is marked with
 * {@link EDGE_CACHE_HEADER}; the request's log line records `hit` or `miss` for every listed page.
 */
export async function fromEdgeCache(
  request: Request,
  { publicOrigin, cache, pages, waitUntil }: EdgeCacheOptions,
  render: () => Promise<Response>,
): Promise<Response> {
  const key = cache ? edgeCacheKey(request, publicOrigin, pages) : null;
  if (!cache || !key) return render();
  const cached = await cache.match(key);
  if (cached) {
    noteCache('hit');
    const hit = new Response(cached.body, cached);
    hit.headers.set(EDGE_CACHE_HEADER, 'hit');
    return hit;
  }
  noteCache('miss');
  const response = await render();
  if (!isStorable(request, response)) return response;
  waitUntil(cache.put(key, response.clone()).catch(() => undefined));
  const miss = new Response(response.body, response);
  miss.headers.set(EDGE_CACHE_HEADER, 'miss');
  return miss;
}

/**
 * Deletes pages from the edge cache in every locale; returns how many were there. Called where
 * the data they show changes. No cache (Node): nothing to do.
 * @param paths the pages' paths without the locale (`/competition/2027/`)
 */
export async function purgeEdgePaths(cache: EdgeCache | undefined, publicOrigin: string, paths: readonly string[]) {
  if (!cache) return 0;
  const keys = paths.flatMap((p) => locales.map((l) => `${publicOrigin}/${l}${p}`));
  const deleted = await Promise.all(keys.map((k) => cache.delete(k)));
  return deleted.filter(Boolean).length;
}
