import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/app.ts';
import { EXPECTED_MIGRATIONS } from './health.routes.ts';
import type { HealthReport } from './health.schemas.ts';

/** The report with its measured latencies replaced by whether they were measured. */
const shape = (report: HealthReport) => ({
  ...report,
  database: { ...report.database, latencyMs: typeof report.database.latencyMs },
  files: { ...report.files, latencyMs: report.files.latencyMs === null ? null : typeof report.files.latencyMs },
});

// The ok case with a real R2 bucket runs in the Workers runtime: health.workers.test.ts.
describe('GET /api/health (libSQL, no file store)', () => {
  it('has one migration per journal entry to expect', () => {
    expect(EXPECTED_MIGRATIONS).toBe(16);
  });

  it('is degraded (503) without the R2 binding, the database itself being fine', async () => {
    const t = await createTestApp();
    const response = await t.request('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(shape((await response.json()) as HealthReport)).toEqual({
      status: 'degraded',
      version: 'test',
      database: { status: 'ok', latencyMs: 'number', migrations: { applied: 16, expected: 16 } },
      files: { status: 'missing', latencyMs: null, stored: null },
    });
  });

  it('says so when the database cannot be reached', async () => {
    const t = await createTestApp();
    t.client.close();
    const response = await t.request('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(shape((await response.json()) as HealthReport)).toEqual({
      status: 'degraded',
      version: 'test',
      database: { status: 'unreachable', latencyMs: 'number', migrations: null },
      files: { status: 'missing', latencyMs: null, stored: null },
    });
  });

  it('says the database is behind when a migration was not applied', async () => {
    const t = await createTestApp();
    await t.db.run(sql`DELETE FROM __drizzle_migrations WHERE rowid = (SELECT max(rowid) FROM __drizzle_migrations)`);
    const report = (await (await t.request('/api/health')).json()) as HealthReport;
    expect(report.database.status).toBe('behind');
    expect(report.database.migrations).toEqual({ applied: 15, expected: 16 });
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
