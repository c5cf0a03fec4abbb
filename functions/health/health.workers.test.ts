import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { createUploadRow, createUser } from '../testing/factories.ts';
import type { HealthReport } from './health.schemas.ts';

const ORIGIN = 'http://127.0.0.1:8787';

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

const health = async (deps: ReturnType<typeof depsFromEnv>) => {
  const response = await createApp(deps).request(`${ORIGIN}/api/health`, {}, env);
  const report = (await response.json()) as HealthReport;
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    report: {
      ...report,
      database: { ...report.database, latencyMs: typeof report.database.latencyMs },
      files: { ...report.files, latencyMs: typeof report.files.latencyMs },
    },
  };
};

describe('GET /api/health on D1 and R2', () => {
  it('is ok (200) with every migration applied and the bucket answering', async () => {
    expect(await health(depsFromEnv(env))).toEqual({
      status: 200,
      cacheControl: 'no-store',
      report: {
        status: 'ok',
        version: '0.1.0',
        database: { status: 'ok', latencyMs: 'number', migrations: { applied: 16, expected: 16 } },
        files: { status: 'ok', latencyMs: 'number', sample: { checked: 0, missing: 0 } },
      },
    });
  });

  it('is degraded (503) when a file the database lists as stored is not in the bucket (a restore without its files)', async () => {
    const db = dbFromD1(env.DB);
    const now = new Date();
    const ownerId = await createUser(db, { email: 'restored@example.org' });
    const id = await createUploadRow(db, { ownerId, state: 'complete', detectedType: 'video/mp4', now });
    const lost = await health(depsFromEnv(env));
    expect([lost.status, lost.report.status, lost.report.files]).toEqual([
      503,
      'degraded',
      { status: 'incomplete', latencyMs: 'number', sample: { checked: 1, missing: 1 } },
    ]);
    await env.FILES.put(`uploads/${id}`, 'the film');
    const found = await health(depsFromEnv(env));
    expect([found.status, found.report.files]).toEqual([
      200,
      { status: 'ok', latencyMs: 'number', sample: { checked: 1, missing: 0 } },
    ]);
    await env.FILES.delete(`uploads/${id}`);
  });

  it('is degraded (503) on a D1 database without the migrations, and without a bucket', async () => {
    // A real D1 database that has lost its record of migrations, and no R2 binding at all.
    await env.DB.exec('DROP TABLE IF EXISTS d1_migrations');
    const deps = { ...depsFromEnv(env), db: dbFromD1(env.DB), files: undefined };
    expect(await health(deps)).toEqual({
      status: 503,
      cacheControl: 'no-store',
      report: {
        status: 'degraded',
        version: '0.1.0',
        database: { status: 'behind', latencyMs: 'number', migrations: { applied: 0, expected: 16 } },
        files: { status: 'missing', latencyMs: 'object', sample: null },
      },
    });
  });
});
