import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { createUploadRow, createUser } from '../testing/factories.ts';
import { checkFiles } from './health.routes.ts';
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
        files: { status: 'ok', latencyMs: 'number', stored: { files: 0, checked: 0, missing: 0 } },
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
      { status: 'incomplete', latencyMs: 'number', stored: { files: 1, checked: 1, missing: 1 } },
    ]);
    await env.FILES.put(`uploads/${id}`, 'the film');
    const found = await health(depsFromEnv(env));
    expect([found.status, found.report.files]).toEqual([
      200,
      { status: 'ok', latencyMs: 'number', stored: { files: 1, checked: 1, missing: 0 } },
    ]);
    await env.FILES.delete(`uploads/${id}`);
  });

  describe('the file check compares every stored file with the bucket’s listing (real R2)', () => {
    /** `n` complete uploads in a clean table and bucket; their keys in key order. */
    async function storedFiles(n: number): Promise<string[]> {
      const db = dbFromD1(env.DB);
      await env.DB.exec('DELETE FROM uploads');
      const listed = await env.FILES.list();
      if (listed.objects.length) await env.FILES.delete(listed.objects.map((o) => o.key));
      const now = new Date();
      const ownerId = await createUser(db, { email: `files-${crypto.randomUUID()}@example.org` });
      const ids = [];
      for (let i = 0; i < n; i++) ids.push(await createUploadRow(db, { ownerId, state: 'complete', now }));
      const keys = ids.map((id) => `uploads/${id}`).sort();
      for (const key of keys) await env.FILES.put(key, 'a file');
      return keys;
    }

    it('one lost file of twelve is a 503 on every poll, not now and then (the random sample of 3 flapped)', async () => {
      const keys = await storedFiles(12);
      await env.FILES.delete(keys[7]!);
      // A pending upload's key and an object the database does not list are not counted.
      await createUploadRow(dbFromD1(env.DB), {
        ownerId: (await env.DB.prepare('SELECT owner_id AS o FROM uploads').first<{ o: string }>())!.o,
        state: 'pending',
        now: new Date(),
      });
      await env.FILES.put('uploads/orphan', 'left from an erased entry');
      const polls = [];
      for (let poll = 0; poll < 8; poll++) {
        const { status, report } = await health(depsFromEnv(env));
        polls.push([status, report.files]);
      }
      expect(polls).toEqual(
        Array(8).fill([
          503,
          { status: 'incomplete', latencyMs: 'number', stored: { files: 12, checked: 12, missing: 1 } },
        ]),
      );
      await env.FILES.put(keys[7]!, 'restored');
      const { status, report } = await health(depsFromEnv(env));
      expect([status, report.files]).toEqual([
        200,
        { status: 'ok', latencyMs: 'number', stored: { files: 12, checked: 12, missing: 0 } },
      ]);
    });

    it('walks the listing page by page: a file lost on the last page is found; more files than the pages allowed are counted as not checked', async () => {
      const keys = await storedFiles(7);
      const db = dbFromD1(env.DB);
      const listCalls: number[] = [];
      const counting = new Proxy(env.FILES, {
        get(bucket, name) {
          if (name === 'list')
            return (options: R2ListOptions) => {
              listCalls.push(1);
              return bucket.list(options);
            };
          const value = Reflect.get(bucket, name, bucket);
          return typeof value === 'function' ? value.bind(bucket) : value;
        },
      });
      await env.FILES.delete(keys[6]!);
      // Pages of 2: four calls list all seven keys (the last one's absence found on the last page).
      expect(await checkFiles(db, counting, { pageSize: 2, maxPages: 5 })).toMatchObject({
        status: 'incomplete',
        stored: { files: 7, checked: 7, missing: 1 },
      });
      expect(listCalls.length).toBe(3);
      // At most 2 pages of 2: the first four keys by key order are compared, the same four every poll.
      listCalls.length = 0;
      expect(await checkFiles(db, counting, { pageSize: 2, maxPages: 2 })).toMatchObject({
        status: 'ok',
        stored: { files: 7, checked: 4, missing: 0 },
      });
      expect(listCalls.length).toBe(2);
      await env.FILES.delete(keys[1]!);
      expect(await checkFiles(db, counting, { pageSize: 2, maxPages: 2 })).toMatchObject({
        status: 'incomplete',
        stored: { files: 7, checked: 4, missing: 1 },
      });
    });
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
        files: { status: 'missing', latencyMs: 'object', stored: null },
      },
    });
  });
});
