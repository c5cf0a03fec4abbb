import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { completeEntrySteps, createUser, sessionCookie } from '../testing/factories.ts';
import { insertDemoEditions } from './demo-edition.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const db = dbFromD1(env.DB);

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  await insertDemoEditions(db, new Date());
});

function workerApp() {
  const deferred: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (p: Promise<unknown>) => void deferred.push(p),
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
  const app = createApp(depsFromEnv(env));
  return async (path: string, cookie: string, body: unknown = {}) => {
    const response = await app.request(
      `${ORIGIN}${path}`,
      {
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

/** A signed-in journalist (account and session straight in D1) with a complete draft. */
async function draftBy(email: string) {
  const request = workerApp();
  const now = new Date();
  const userId = await createUser(db, { email, createdAt: now });
  const cookie = await sessionCookie(db, userId, now);
  const { id } = (await (await request('/api/competition/editions/2027/entries', cookie)).json()) as { id: string };
  for (const [step, body] of Object.entries(completeEntrySteps(now)))
    await request(`/api/competition/entries/${id}/steps/${step}`, cookie, body);
  return { id, submit: () => request(`/api/competition/entries/${id}/submit`, cookie) };
}

describe('competition submissions on D1 (Workers runtime)', () => {
  it('S17 a failure inside the submission batch rolls it back on D1: still a draft, no number, no mail', async () => {
    const entry = await draftBy('d1-fail@example.org');
    await env.DB.exec("CREATE TRIGGER fail_mail BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const failed = await entry.submit();
    await env.DB.exec('DROP TRIGGER fail_mail');
    expect(failed.status).toBe(503);
    expect(
      await env.DB.prepare('SELECT status, number FROM competition_entries WHERE id = ?').bind(entry.id).first(),
    ).toEqual({ status: 'draft', number: null });
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'competition.submitted'").first(),
    ).toEqual({ n: 0 });
  });

  it('gives simultaneous submissions distinct, gapless numbers and one confirmation each', async () => {
    const drafts = await Promise.all(['d1-a', 'd1-b', 'd1-c', 'd1-d'].map((n) => draftBy(`${n}@example.org`)));
    const numbers = await Promise.all(
      drafts.map(async (d) => ((await (await d.submit()).json()) as { number: string }).number),
    );
    expect(numbers.sort()).toEqual(['MIS-2027-0001', 'MIS-2027-0002', 'MIS-2027-0003', 'MIS-2027-0004']);
    const mails = await env.DB.prepare(
      "SELECT subject FROM outbox WHERE kind = 'competition.submitted' ORDER BY subject",
    ).all<{ subject: string }>();
    // No language was asked for, so the entries (and their mails) are in the default, Slovak.
    expect(mails.results.map((m) => m.subject)).toEqual(numbers.map((n) => `Vašu prihlášku ${n} sme prijali`));
  });
});
