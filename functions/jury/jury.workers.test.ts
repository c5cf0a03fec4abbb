import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { demoIds, insertDemoJury } from './demo-jury.ts';
import { runJuryReminders } from './reminders.service.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const DAY = 24 * 60 * 60_000;
const db = dbFromD1(env.DB);
const ROUND = demoIds.round;
let demo: Awaited<ReturnType<typeof insertDemoJury>>;

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const now = new Date();
  await insertDemoEditions(db, now);
  demo = await insertDemoJury(db, now);
});

function workerApp() {
  const deferred: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (p: Promise<unknown>) => void deferred.push(p),
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
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
      ctx,
    );
    await Promise.all(deferred.splice(0));
    return response;
  };
}

const scores = { accuracy: 4, balance: 5, language: 3, originality: 2, craft: 4 };
const cookieOf = (key: string) => sessionCookie(db, demoIds.jurorUser(key), new Date());

describe('jury on D1 (Workers runtime)', () => {
  it('S11 on D1: four first saves at once store one review at version 1; the others get 409 with it', async () => {
    const request = workerApp();
    const cookie = await cookieOf('maria');
    const entryId = demo.assignments.find((a) => a.jurorId === demoIds.juror('maria'))!.entryId;
    const path = `/api/jury/editions/2026/rounds/${ROUND}/entries/${entryId}/review`;
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd'].map((c) => request(path, cookie, { version: 0, scores, commentForJury: c })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const rows = await env.DB.prepare('SELECT version FROM jury_reviews WHERE entry_id = ? AND juror_id = ?')
      .bind(entryId, demoIds.juror('maria'))
      .all();
    expect(rows.results).toEqual([{ version: 1 }]);
    const audited = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'jury.review.saved'",
    ).first();
    expect(audited).toEqual({ n: 1 });
  });

  it('runs the assignment on D1 (chunked inserts in one batch) and keeps the started review on a re-run', async () => {
    const request = workerApp();
    const managerId = await createUser(db, {
      email: 'd1-manager@example.org',
      roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
      createdAt: new Date(),
    });
    const cookie = await sessionCookie(db, managerId, new Date());
    const path = `/api/jury/manage/editions/2026/rounds/${ROUND}/assign`;
    const first = (await (await request(path, cookie, {})).json()) as { assignments: number; kept: number };
    expect(first).toMatchObject({ assignments: 22, kept: 1 });
    const again = (await (await request(path, cookie, {})).json()) as { assignments: number; kept: number };
    expect(again).toMatchObject({ assignments: 22, kept: 1 });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM jury_assignments').first()).toEqual({ n: 22 });
  });

  it('queues each reminder once on D1, however often the cron runs', async () => {
    const later = new Date(Date.now() + 12 * DAY);
    const deps = { ...depsFromEnv(env), clock: () => later };
    const first = await runJuryReminders(deps);
    const second = await runJuryReminders(deps);
    expect(first).toBeGreaterThan(0);
    expect(second).toBe(0);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'jury.reminder'").first()).toEqual({
      n: first,
    });
  });
});
