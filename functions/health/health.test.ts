import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/app.ts';

describe('GET /api/health', () => {
  it('reports the version and a reachable database', async () => {
    const t = await createTestApp();
    const response = await t.request('/api/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', version: 'test', database: 'ok' });
  });

  it('says so when the database cannot be reached', async () => {
    const t = await createTestApp();
    t.client.close();
    const response = await t.request('/api/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'degraded', version: 'test', database: 'unreachable' });
  });

  it('answers unknown API paths with the one error shape in the request language', async () => {
    const t = await createTestApp();
    const response = await t.request('/api/nothing', { headers: { 'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5' } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toEqual({
      code: 'request.notFound',
      message: 'Ми не знайшли того, що ви шукаєте.',
      requestId: response.headers.get('x-request-id'),
    });
  });
});
