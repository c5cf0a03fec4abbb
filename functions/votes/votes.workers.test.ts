// People's choice in the Workers runtime on D1: 200 voters ask for links and press their buttons
// all at once (Promise.all against the app the Worker builds); every vote is counted, exactly once.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { deliverDueMail } from '../mail/outbox.service.ts';
import { peoplesChoiceResults } from './results.service.ts';

const ORIGIN = 'http://127.0.0.1:8787';

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

function workerApp() {
  const deferred: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (p: Promise<unknown>) => void deferred.push(p),
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
  const deps = depsFromEnv(env);
  const app = createApp(deps);
  const request = async (path: string, init: RequestInit = {}) => app.request(`${ORIGIN}${path}`, init, env, ctx);
  return { deps, request, settle: () => Promise.all(deferred.splice(0)) };
}

const post = (body: unknown, ip: string): RequestInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    origin: ORIGIN,
    'sec-fetch-site': 'same-origin',
    'cf-connecting-ip': ip,
  },
  body: JSON.stringify(body),
});

describe("people's choice on D1", () => {
  it('200 concurrent voters: 200 links, 200 votes, each counted once', async () => {
    const now = new Date();
    const db = dbFromD1(env.DB);
    await insertDemoEditions(db, now);
    await insertDemoJury(db, now);
    await env.DB.prepare(
      "INSERT INTO peoples_choice_windows (edition_id, opens_at, closes_at, demo, updated_at, updated_by) VALUES ('2026', ?, ?, 0, ?, 'test')",
    )
      .bind(now.getTime() - 60_000, now.getTime() + 24 * 3600_000, now.getTime())
      .run();
    const { deps, request, settle } = workerApp();
    const entryOf = (i: number) => demoIds.entry(i % 4 === 0 ? 3 : 0);
    const asked = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        request(
          '/api/votes/editions/2026/links',
          post({ email: `Voter${i}@Example.org`, entryId: entryOf(i), lang: 'sk' }, `10.0.${i >> 8}.${i & 255}`),
        ),
      ),
    );
    expect(asked.map((r) => r.status)).toEqual(asked.map(() => 202));
    await settle();
    while ((await deliverDueMail(deps, 100)).sent > 0);
    const mails = await env.DB.prepare("SELECT body_text FROM outbox WHERE kind = 'votes.link'").all<{
      body_text: string;
    }>();
    const tokens = mails.results.map(
      (m) => /\/sk\/competition\/2026\/vote\/confirm\/\?token=([\w-]+)/.exec(m.body_text)![1]!,
    );
    expect(tokens).toHaveLength(200);
    const pressed = await Promise.all(
      tokens.map((token, i) => request('/api/votes/links/cast', post({ token }, `10.1.${i >> 8}.${i & 255}`))),
    );
    expect(pressed.map((r) => r.status)).toEqual(tokens.map(() => 200));
    const statuses = await Promise.all(pressed.map(async (r) => ((await r.json()) as { status: string }).status));
    expect(statuses.filter((s) => s === 'counted')).toHaveLength(200);
    const results = await peoplesChoiceResults(deps, '2026');
    const written = results.categories.find((c) => c.categoryId === '2026-written')!;
    expect(written.totalVotes).toBe(200);
    expect(Object.fromEntries(written.entries.map((e) => [e.entryId, e.votes]))).toEqual({
      [demoIds.entry(0)]: 150,
      [demoIds.entry(3)]: 50,
      [demoIds.entry(7)]: 0,
      [demoIds.entry(11)]: 0,
    });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM peoples_choice_votes').first('n')).toBe(200);
    // No address is stored anywhere but in the outbox (purged once sent).
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM peoples_choice_requests WHERE voter_hash LIKE '%@%'").first('n'),
    ).toBe(0);
  }, 120_000);
});
