import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { DEMO_RESULTS_ROUND, insertDemoResults } from './demo-results.ts';
import type { RoundResults } from './results.service.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const db = dbFromD1(env.DB);

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const now = new Date();
  await insertDemoEditions(db, now);
  await insertDemoJury(db, now);
  await insertDemoResults(db, now);
});

const request = (path: string, cookie: string) =>
  createApp(depsFromEnv(env)).request(`${ORIGIN}${path}`, { headers: { cookie } }, env);

describe('results on D1 (Workers runtime)', () => {
  it('the same figures as on libSQL; the score sheet downloads; a juror gets 403', async () => {
    const manager = await sessionCookie(
      db,
      await createUser(db, { email: 'm@example.org', roles: [{ role: 'competition_manager', scope: 'edition:2026' }] }),
      new Date(),
    );
    const base = `/api/results/editions/2026/rounds/${DEMO_RESULTS_ROUND}`;
    const body = (await (await request(base, manager)).json()) as RoundResults;
    expect(body.reviews).toBe(25);
    expect(body.fairness.filter((l) => l.flagged).map((l) => l.language)).toEqual(['hu']);
    expect(body.jurors.find((j) => j.id === demoIds.juror('anna'))?.leftRaw).toBe('fewReviews');
    const progress = (await (await request('/api/results/editions/2026', manager)).json()) as {
      rounds: { id: string; submitted: number }[];
    };
    expect(progress.rounds.map((r) => [r.id, r.submitted])).toEqual([
      [DEMO_RESULTS_ROUND, 25],
      [demoIds.round, 0],
    ]);
    const xlsx = await request(`${base}/export/xlsx`, manager);
    expect(xlsx.status).toBe(200);
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const juror = await sessionCookie(db, demoIds.jurorUser('maria'), new Date());
    expect((await request(base, juror)).status).toBe(403);
  });
});
