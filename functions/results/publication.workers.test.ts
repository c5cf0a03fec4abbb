import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { edgePages } from '../edge-pages.ts';
import { defaultEdgeCache, EDGE_CACHE_HEADER, fromEdgeCache } from '../http/edge-cache.ts';
import { purgeWinners, WINNERS_CACHE_CONTROL } from './publication-cache.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const db = dbFromD1(env.DB);

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  await insertDemoEditions(db, new Date());
  await insertDemoJury(db, new Date());
});

function workerApp() {
  const deferred: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => void deferred.push(p), passThroughOnException() {}, props: {} };
  const app = createApp(depsFromEnv(env));
  return async (path: string, cookie: string, body?: unknown) => {
    const response = await app.request(
      `${ORIGIN}${path}`,
      body === undefined
        ? { headers: { cookie } }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
            body: JSON.stringify(body),
          },
      env,
      ctx as unknown as ExecutionContext,
    );
    await Promise.all(deferred.splice(0));
    return response;
  };
}

/** The page as the Worker renders it: counts renders. */
function page() {
  let renders = 0;
  const render = async () => {
    renders++;
    return new Response(`<h1>Winners ${renders}</h1>`, {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': WINNERS_CACHE_CONTROL },
    });
  };
  return { render, renders: () => renders };
}

describe('winners at the edge (Workers Cache API)', () => {
  it('serves the second request from caches.default, and a publish on D1 purges every locale', async () => {
    const cache = defaultEdgeCache()!;
    const p = page();
    const pending: Promise<unknown>[] = [];
    const get = (url: string) =>
      fromEdgeCache(
        new Request(url),
        { publicOrigin: ORIGIN, cache, pages: edgePages, waitUntil: (x) => void pending.push(x) },
        p.render,
      ).then(async (r) => {
        await Promise.all(pending.splice(0));
        return { state: r.headers.get(EDGE_CACHE_HEADER), body: await r.text() };
      });
    for (const l of ['sk', 'en', 'uk'])
      expect(await get(`${ORIGIN}/${l}/competition/2026/winners/`)).toMatchObject({ state: 'miss' });
    expect(await get(`${ORIGIN}/en/competition/2026/winners/`)).toEqual({ state: 'hit', body: '<h1>Winners 2</h1>' });
    expect(p.renders()).toBe(3);

    const request = workerApp();
    const manager = await sessionCookie(
      db,
      await createUser(db, {
        email: 'publisher@example.org',
        roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
      }),
      new Date(),
    );
    const base = '/api/publication/manage/editions/2026';
    const saved = await request(`${base}/categories/2026-written`, manager, {
      [`place.${demoIds.entry(0)}`]: 'winner',
    });
    expect(saved.status).toBe(200);
    expect((await request(`${base}/lock`, manager, {})).status).toBe(200);
    await cache.put(
      `${ORIGIN}/uk/competition/2026/`,
      new Response('edition page, before the publish', { headers: { 'cache-control': WINNERS_CACHE_CONTROL } }),
    );
    const published = await request(`${base}/publish`, manager, {});
    expect(await published.json()).toEqual({ status: 'published', queued: 12 });
    for (const l of ['sk', 'en', 'uk'])
      expect(await cache.match(`${ORIGIN}/${l}/competition/2026/winners/`)).toBeUndefined();
    // The edition page (it links the winners once published) is purged with them.
    expect(await cache.match(`${ORIGIN}/uk/competition/2026/`)).toBeUndefined();
    expect(await get(`${ORIGIN}/en/competition/2026/winners/`)).toEqual({ state: 'miss', body: '<h1>Winners 4</h1>' });
    expect(await purgeWinners(cache, ORIGIN, '2026')).toBe(1);
    const winners = await request('/api/publication/editions/2026/winners', '');
    expect(winners.status).toBe(200);
  });
});
