import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { editionPagePath, purgeEditionPage } from '../competition/edition-cache.ts';
import { depsFromEnv } from '../env.ts';
import { edgePages } from '../edge-pages.ts';
import { defaultEdgeCache, EDGE_CACHE_HEADER, edgeCacheKey, fromEdgeCache, isStorable } from './edge-cache.ts';
import { edgeCacheControl, NO_STORE } from './edge-cache.schemas.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const PUBLIC = 'https://spotlight.example';

describe('which requests the edge cache may answer (functions/edge-pages.ts)', () => {
  const key = (path: string, init: RequestInit = {}) =>
    edgeCacheKey(new Request(`http://localhost:4321${path}`, init), PUBLIC, edgePages);

  it('keys the lunch list, edition pages and winners pages per locale, on the public origin', () => {
    expect(
      [
        '/sk/lunches/',
        '/en/lunches',
        '/uk/lunches/',
        '/en/competition/2027/',
        '/sk/competition/2027',
        '/en/competition/2026/winners/',
        '/uk/competition/2026/winners',
        '/en/competition/20%32%36/winners/',
      ].map((p) => key(p)),
    ).toEqual([
      `${PUBLIC}/sk/lunches/`,
      `${PUBLIC}/en/lunches/`,
      `${PUBLIC}/uk/lunches/`,
      `${PUBLIC}/en/competition/2027/`,
      `${PUBLIC}/sk/competition/2027/`,
      `${PUBLIC}/en/competition/2026/winners/`,
      `${PUBLIC}/uk/competition/2026/winners/`,
      `${PUBLIC}/en/competition/2026/winners/`,
    ]);
  });

  it('never keys a query, the sign-up form, personal pages, other methods, the API or unknown locales', () => {
    expect(
      [
        '/en/lunches/?x=1&y=2',
        '/en/competition/2026/winners/?utm_source=mail',
        '/en/lunches/sign-up/?day=1',
        '/en/lunches/manage/?token=abc',
        '/en/lunches/survey/',
        '/en/competition/',
        '/en/competition/current/',
        '/en/competition/entries/',
        '/en/competition/2026/vote/',
        '/en/account/',
        '/api/lunches/days',
        '/xx/lunches/',
        '/en/competition/%E0%A4%A/',
      ].map((p) => key(p)),
    ).toEqual(Array(13).fill(null));
    expect(key('/en/lunches/', { method: 'POST' })).toBeNull();
    expect(key('/en/lunches/', { method: 'HEAD' })).toBeNull();
  });
});

describe('which answers the edge keeps', () => {
  const request = (headers: Record<string, string> = {}) => new Request(`${ORIGIN}/en/lunches/`, { headers });
  const page = (status: number, control: string, headers: Record<string, string> = {}) =>
    new Response('page', { status, headers: { 'cache-control': control, ...headers } });

  it('keeps only a public 200 with s-maxage, no cookie set, for a request without cookies', () => {
    expect(isStorable(request(), page(200, edgeCacheControl(60)))).toBe(true);
    expect([
      isStorable(request(), page(404, edgeCacheControl(60))),
      isStorable(request(), page(503, NO_STORE)),
      isStorable(request(), page(200, NO_STORE)),
      isStorable(request(), page(200, 'public, max-age=60')),
      isStorable(request(), page(200, 'private, s-maxage=60')),
      isStorable(request(), page(200, 'public, s-maxage=0')),
      isStorable(request(), page(200, edgeCacheControl(60), { 'set-cookie': 'a=b' })),
      isStorable(request({ cookie: '__Host-session=s' }), page(200, edgeCacheControl(60))),
      isStorable(request({ authorization: 'Bearer x' }), page(200, edgeCacheControl(60))),
    ]).toEqual(Array(9).fill(false));
  });

  it('serves a kept page to everyone, signed in or not, and never keeps a render made for a signed-in visitor', async () => {
    const cache = defaultEdgeCache()!;
    let renders = 0;
    const pending: Promise<unknown>[] = [];
    const get = async (path: string, headers: Record<string, string> = {}, control = edgeCacheControl(60)) => {
      const answer = await fromEdgeCache(
        new Request(`${ORIGIN}${path}`, { headers }),
        { publicOrigin: ORIGIN, cache, pages: edgePages, waitUntil: (p) => void pending.push(p) },
        async () => new Response(`render ${++renders}`, { headers: { 'cache-control': control } }),
      );
      await Promise.all(pending.splice(0));
      return [answer.headers.get(EDGE_CACHE_HEADER), await answer.text()];
    };
    const signedIn = { cookie: '__Host-session=secret' };
    expect(await get('/sk/competition/2030/', signedIn)).toEqual([null, 'render 1']);
    expect(await get('/sk/competition/2030/', signedIn)).toEqual([null, 'render 2']);
    expect(await get('/sk/competition/2030/')).toEqual(['miss', 'render 3']);
    expect(await get('/sk/competition/2030/')).toEqual(['hit', 'render 3']);
    expect(await get('/sk/competition/2030/', signedIn)).toEqual(['hit', 'render 3']);
    // Other locales are other pages.
    expect(await get('/en/competition/2030/')).toEqual(['miss', 'render 4']);
    // A page that says no-store (the list when the API failed) is rendered every time.
    expect(await get('/uk/lunches/', {}, NO_STORE)).toEqual([null, 'render 5']);
    expect(await get('/uk/lunches/', {}, NO_STORE)).toEqual([null, 'render 6']);
    // Not a listed page: never looked up.
    expect(await get('/uk/lunches/sign-up/')).toEqual([null, 'render 7']);
    expect(await get('/uk/lunches/sign-up/')).toEqual([null, 'render 8']);

    const deps = depsFromEnv(env);
    expect(editionPagePath('2030')).toBe('/competition/2030/');
    expect(await purgeEditionPage({ ...deps, edgeCache: cache }, '2030')).toBe(2);
    expect(await get('/sk/competition/2030/')).toEqual(['miss', 'render 9']);
  });
});
