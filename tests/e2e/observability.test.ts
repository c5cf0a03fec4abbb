// The built portal under wrangler dev: which public pages the edge cache answers (and which never),
// the request id on pages and in the API, and /api/health with the real D1 and R2 (no browser needed).
import { describe, expect, it } from 'vitest';
import { edgeCacheControl } from '../../functions/http/edge-cache.schemas.ts';
import type { HealthReport } from '../../functions/health/health.schemas.ts';
import { baseUrl } from './browser.ts';

const DEMO_DAY = '7d1c6a52-0001-4a6b-9f00-000000000001';
const ID = /^([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|[0-9a-f]{16}(-[A-Z]{3,4})?)$/;

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${baseUrl}${path}`, { headers, redirect: 'manual' });
  await response.arrayBuffer();
  return {
    status: response.status,
    edge: response.headers.get('x-edge-cache'),
    cacheControl: response.headers.get('cache-control'),
    requestId: response.headers.get('x-request-id'),
  };
};

describe('public pages at the edge (functions/edge-pages.ts)', () => {
  it.each(['/en/lunches/', '/sk/competition/2027/', '/uk/competition/2025/winners/'])(
    '%s: kept after the first answer, then served from the edge cache',
    async (path) => {
      const first = await get(path);
      expect(first.status).toBe(200);
      expect(['miss', 'hit']).toContain(first.edge);
      expect(first.cacheControl).toMatch(/^public, max-age=0, s-maxage=[1-9]\d*, stale-while-revalidate=[1-9]\d*$/);
      const second = await get(path);
      expect([second.status, second.edge]).toEqual([200, 'hit']);
      expect(second.requestId).not.toBe(first.requestId);
    },
  );

  it('keeps the lunch list at most a minute, and never the sign-up form', async () => {
    expect((await get('/uk/lunches/')).cacheControl).toBe(edgeCacheControl(60));
    for (let i = 0; i < 2; i++)
      expect(await get(`/uk/lunches/sign-up/?day=${DEMO_DAY}`)).toMatchObject({
        status: 200,
        edge: null,
        cacheControl: 'private, no-store',
      });
  });

  it('never keeps a render made for a request with cookies', async () => {
    // An edition that does not exist: a 404, never kept, with or without cookies.
    for (let i = 0; i < 2; i++) expect(await get('/en/competition/1999/')).toMatchObject({ status: 404, edge: null });
    const path = '/sk/competition/2026/';
    const signedIn = await get(path, { cookie: '__Host-session=not-a-session' });
    expect(signedIn.status).toBe(200);
    // Served from the cache if someone without cookies had it kept, else rendered and not kept.
    expect([null, 'hit']).toContain(signedIn.edge);
  });
});

describe('request ids', () => {
  it('every answer names its request; an id a client sends is not taken', async () => {
    for (const path of ['/en/lunches/', '/en/competition/2027/', '/api/health', '/api/nothing', '/uk/no-such-page/']) {
      const answer = await get(path, { 'x-request-id': 'chosen-by-the-client', 'cf-ray': 'not-a-ray' });
      expect([path, ID.test(answer.requestId ?? '')]).toEqual([path, true]);
    }
    const refused = await fetch(`${baseUrl}/api/nothing`);
    expect(((await refused.json()) as { requestId: string }).requestId).toBe(refused.headers.get('x-request-id'));
  });
});

describe('/api/health with the real D1 database and R2 bucket', () => {
  it('reports both, with every migration applied, and is never cached', async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = (await response.json()) as HealthReport;
    expect({
      status: report.status,
      database: report.database.status,
      migrations: report.database.migrations!.applied === report.database.migrations!.expected,
      files: report.files.status,
      latencies: [typeof report.database.latencyMs, typeof report.files.latencyMs],
    }).toEqual({ status: 'ok', database: 'ok', migrations: true, files: 'ok', latencies: ['number', 'number'] });
  });
});
