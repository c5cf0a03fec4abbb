import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { demoBallotIds, insertDemoBallots } from './demo-ballots.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const db = dbFromD1(env.DB);

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const now = new Date();
  await insertDemoEditions(db, now);
  await insertDemoJury(db, now);
  await insertDemoBallots(db, now);
});

const app = createApp(depsFromEnv(env));
const request = (path: string, cookie: string, body?: unknown) =>
  app.request(
    `${ORIGIN}${path}`,
    body === undefined
      ? { headers: { cookie } }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
          body: JSON.stringify(body),
        },
    env,
  );

describe('ballots and shortlist on D1 (Workers runtime)', () => {
  it('S11 on D1: four first ballot saves at once store one ballot at version 1, audited once; the others get 409', async () => {
    const cookie = await sessionCookie(db, demoIds.jurorUser('eva'), new Date());
    const path = `/api/ballots/editions/2026/rounds/${demoBallotIds.round}/categories/${demoBallotIds.video}`;
    const answers = await Promise.all(
      [1, 2, 1, 2].map((rank) =>
        request(path, cookie, { version: 0, ranks: { [demoIds.entry(1)]: rank, [demoIds.entry(5)]: 3 - rank } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const rows = await env.DB.prepare('SELECT version FROM jury_ballots WHERE juror_id = ? AND category_id = ?')
      .bind(demoIds.juror('eva'), demoBallotIds.video)
      .all();
    expect(rows.results).toEqual([{ version: 1 }]);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'jury.ballot.saved'").first(),
    ).toEqual({ n: 1 });
  });

  it('moves chosen entries onto a shortlist in one batch with their audit rows, and counts the final by Schulze', async () => {
    const managerId = await createUser(db, {
      email: 'd1-ballot-manager@example.org',
      roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
      createdAt: new Date(),
    });
    const cookie = await sessionCookie(db, managerId, new Date());
    const moved = await request(`/api/ballots/manage/editions/2026/rounds/${demoIds.round}/shortlist`, cookie, {
      way: 'chosen',
      entries: [demoIds.entry(2), demoIds.entry(8)],
      reasons: { [demoIds.entry(2)]: 'Strong audio', [demoIds.entry(8)]: 'Local voices' },
    });
    expect(moved.status).toBe(200);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'jury.shortlist.%'").first(),
    ).toEqual({ n: 3 });
    const ranking = await request(`/api/ballots/manage/editions/2026/rounds/${demoBallotIds.round}/ranking`, cookie);
    const body = (await ranking.json()) as { categories: { order: string[] }[] };
    expect(body.categories[0]?.order).toEqual([
      demoIds.entry(11),
      demoIds.entry(0),
      demoIds.entry(7),
      demoIds.entry(3),
    ]);
  });
});
