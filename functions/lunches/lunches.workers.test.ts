import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { signCapability } from '../crypto/tokens.ts';
import { depsFromEnv } from '../env.ts';
import { dbFromD1 } from '../db/client.ts';
import { defaultEdgeCache } from '../http/edge-cache.ts';
import {
  createUser,
  guestSignUp as guest,
  insertHousehold,
  lunchDayInput,
  sessionCookie,
} from '../testing/factories.ts';
import { LUNCH_LIST_PATH } from './lunch-list-cache.ts';
import { onBehalfInput } from './lunches.schemas.ts';
import { createDay } from './days.service.ts';
import { runLunchSchedule } from './schedule.service.ts';
import { signUpOnBehalf } from './signups.service.ts';

const ORIGIN = 'http://127.0.0.1:8787';
/** The POST a mailed link's page sends when its one button is pressed (S22: only the POST acts). */
const pressButton = (): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
  body: '',
});
const SECRET = 'workers-test-secret-0123456789abcdef';

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
  body: JSON.stringify(body),
});

/**
 * The lunch statements on D1 itself: D1's batch takes only query builders, and the conditional
 * statements (place, offer, conditional mail, purge) must run there as on libSQL.
 */
describe('lunches in the Workers runtime (D1)', () => {
  it('confirms into the places, wait-lists the rest, offers a freed place; caseworker sign-ups and the scheduled run work there too', async () => {
    const deps = depsFromEnv(env);
    const app = createApp(deps);
    const request = (path: string, init: RequestInit = {}) => app.request(`${ORIGIN}${path}`, init, env);
    const coordinator = { userId: 'coordinator-d1', roles: [{ role: 'coordinator' as const, scope: '' }] };
    const today = new Date();
    const inDays = (n: number) => new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const dayId = await createDay(
      deps,
      coordinator,
      lunchDayInput({
        date: inDays(2),
        hostPlaces: 1,
        guestPlaces: 1,
        languages: ['sk'],
        signupDeadline: inDays(1),
        retentionDays: 1,
      }),
    );

    const ids: string[] = [];
    for (const [i, email] of ['d1-a@example.org', 'd1-b@example.org'].entries()) {
      const response = await request(
        `/api/lunches/days/${dayId}/signups`,
        post(guest(email), { 'cf-connecting-ip': `203.0.113.${i}`, 'idempotency-key': `d1-key-${i}` }),
      );
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      ids.push(id);
      const confirmed = await request(
        `/api/lunches/confirm?id=${id}&sig=${await signCapability(SECRET, 'lunch.confirm', id)}`,
        pressButton(),
      );
      expect(confirmed.status).toBe(303);
    }
    const status = async () =>
      (
        await env.DB.prepare('SELECT status FROM lunch_households WHERE day_id = ? ORDER BY queue_seq')
          .bind(dayId)
          .all<{ status: string }>()
      ).results.map((r) => r.status);
    expect(await status()).toEqual(['confirmed', 'waitlisted']);

    const cancel = await request(
      `/api/lunches/households/${ids[0]}/cancel`,
      post({ sig: await signCapability(SECRET, 'lunch.manage', ids[0]!) }),
    );
    expect(cancel.status).toBe(200);
    expect(await status()).toEqual(['cancelled', 'offered']);
    const offers = await env.DB.prepare("SELECT recipient FROM outbox WHERE kind = 'lunch.offer'").all<{
      recipient: string;
    }>();
    expect(offers.results).toEqual([{ recipient: 'd1-b@example.org' }]);
    // The mails of each step, queued on D1 under the statement's nonce: placed, wait-listed, cancelled.
    const steps = await env.DB.prepare(
      "SELECT recipient, kind, subject FROM outbox WHERE kind IN ('lunch.placed', 'lunch.cancelled') ORDER BY rowid",
    ).all();
    expect(steps.results).toEqual([
      {
        recipient: 'd1-a@example.org',
        kind: 'lunch.placed',
        subject: 'Your place at the Next Door Family lunch is confirmed',
      },
      {
        recipient: 'd1-b@example.org',
        kind: 'lunch.placed',
        subject: 'You are on the wait-list for a Next Door Family lunch',
      },
      {
        recipient: 'd1-a@example.org',
        kind: 'lunch.cancelled',
        subject: 'Your sign-up for the Next Door Family lunch is cancelled',
      },
    ]);
    // The `ics` library makes the calendar file inside workerd too.
    const calendar = await request(`/api/lunches/days/${dayId}/calendar.ics?lang=en`);
    expect([calendar.status, calendar.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
    expect(await calendar.text()).toMatch(
      /^BEGIN:VCALENDAR\r\n[\s\S]*\r\nDTSTART:\d{8}T110000Z\r\nDTEND:\d{8}T140000Z\r\n/,
    );

    // A caseworker's sign-up: the place decided inside the batch, read from its RETURNING.
    const caseworker = { userId: 'caseworker-d1', roles: [{ role: 'partner_caseworker' as const, scope: '' }] };
    const onBehalf = await signUpOnBehalf(
      deps,
      caseworker,
      dayId,
      onBehalfInput.parse({ ...guest(''), role: 'host', seats: 4, phone: '+421 900 000 000', consentRecorded: true }),
    );
    expect(onBehalf.status).toBe('confirmed');

    // A change by the household's link: one conditional UPDATE (deadline in a subquery) on D1.
    const changed = await request(
      `/api/lunches/households/${ids[1]}/change`,
      post({
        ...guest('d1-new@example.org'),
        town: 'Trnava',
        sig: await signCapability(SECRET, 'lunch.manage', ids[1]!),
      }),
    );
    expect(changed.status).toBe(200);
    expect(await env.DB.prepare('SELECT email, town FROM lunch_households WHERE id = ?').bind(ids[1]).first()).toEqual({
      email: 'd1-new@example.org',
      town: 'Trnava',
    });

    expect(await runLunchSchedule(deps)).toEqual({ expired: 0, reminded: 0, surveyed: 0, purged: 0 });
  });

  it('mails the survey the day after and stores one anonymous answer per link (INSERT … SELECT … RETURNING in a D1 batch)', async () => {
    const deps = depsFromEnv(env);
    const app = createApp(deps);
    const coordinator = { userId: 'coordinator-d1', roles: [{ role: 'coordinator' as const, scope: '' }] };
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const dayId = await createDay(
      deps,
      coordinator,
      lunchDayInput({
        city: 'Nitra',
        date: yesterday,
        hostPlaces: 1,
        guestPlaces: 1,
        languages: ['sk'],
        signupDeadline: yesterday,
      }),
    );
    const id = await insertHousehold(deps.db, dayId, {
      role: 'host',
      email: 'd1-survey@example.org',
      town: 'Nitra',
      maxTravelKm: 10,
    });
    expect(await runLunchSchedule(deps)).toMatchObject({ surveyed: 1 });
    expect(await runLunchSchedule(deps)).toMatchObject({ surveyed: 0 });
    const sig = await signCapability(SECRET, 'lunch-survey', id);
    const answer = () =>
      app.request(
        `${ORIGIN}/api/lunches/survey`,
        post({ id, sig, rating: 5, meetAgain: 'yes', comment: 'Lovely' }),
        env,
      );
    expect((await answer()).status).toBe(201);
    expect((await answer()).status).toBe(409); // already answered: said so, not "link invalid"
    expect(
      (await env.DB.prepare('SELECT day_id, role, rating, meet_again, comment FROM lunch_survey_answers').all())
        .results,
    ).toEqual([{ day_id: dayId, role: 'host', rating: 5, meet_again: 'yes', comment: 'Lovely' }]);
  });

  it('S24 on D1: one address, one place per day (a twin in other case, an IDN and its punycode twin); a caseworker gets 409', async () => {
    const deps = depsFromEnv(env);
    const app = createApp(deps);
    const request = (path: string, init: RequestInit = {}) => app.request(`${ORIGIN}${path}`, init, env);
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const coordinator = { userId: 'coordinator-s24', roles: [{ role: 'coordinator' as const, scope: '' }] };
    const dayId = await createDay(
      deps,
      coordinator,
      lunchDayInput({ date: inDays(20), signupDeadline: inDays(10), guestPlaces: 5, hostPlaces: 5 }),
    );
    const addresses = ['redaktor@škola.example', 'REDAKTOR@xn--kola-f6a.example', ' redaktor@Škola.example '];
    for (const [i, email] of addresses.entries()) {
      const response = await request(
        `/api/lunches/days/${dayId}/signups`,
        post(guest(email), { 'cf-connecting-ip': `203.0.113.${50 + i}`, 'idempotency-key': `s24-key-${i}` }),
      );
      expect(response.status).toBe(202);
    }
    const rows = await env.DB.prepare('SELECT email FROM lunch_households WHERE day_id = ?').bind(dayId).all();
    expect(rows.results).toEqual([{ email: 'redaktor@xn--kola-f6a.example' }]);
    await expect(
      signUpOnBehalf(
        deps,
        { userId: 'caseworker-s24', roles: [{ role: 'partner_caseworker', scope: '' }] },
        dayId,
        onBehalfInput.parse({ ...guest('redaktor@škola.example'), consentRecorded: true }),
      ),
    ).rejects.toThrow(/UNIQUE constraint failed: lunch_households\.day_id, lunch_households\.email/);
  });
});

describe('the lunch list at the edge (caches.default)', () => {
  it('is purged in sk, en and uk when a coordinator adds a day or signs a family up on its behalf', async () => {
    const deps = depsFromEnv(env);
    const app = createApp(deps);
    const now = new Date();
    const cookie = await sessionCookie(
      dbFromD1(env.DB),
      await createUser(dbFromD1(env.DB), {
        email: 'purge-coordinator@example.org',
        roles: [{ role: 'coordinator', scope: '' }],
      }),
      now,
    );
    const request = (path: string, body: unknown) => app.request(`${ORIGIN}${path}`, post(body, { cookie }), env);
    const cache = defaultEdgeCache()!;
    const keys = ['sk', 'en', 'uk'].map((l) => `${deps.config.publicOrigin}/${l}${LUNCH_LIST_PATH}`);
    const keep = () =>
      Promise.all(
        keys.map((k) => cache.put(k, new Response('list', { headers: { 'cache-control': 'public, s-maxage=60' } }))),
      );
    const kept = async () => (await Promise.all(keys.map((k) => cache.match(k)))).filter(Boolean).length;

    await keep();
    expect(await kept()).toBe(3);
    const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const created = await request(
      '/api/lunches/days',
      lunchDayInput({ date: inDays(9), signupDeadline: inDays(8), languages: ['sk'] }),
    );
    expect(created.status).toBe(201);
    expect(await kept()).toBe(0);

    await keep();
    const { id } = (await created.json()) as { id: string };
    const onBehalf = await request(`/api/lunches/days/${id}/signups/on-behalf`, {
      ...guest(''),
      phone: '+421 900 000 001',
      consentRecorded: true,
    });
    expect(onBehalf.status).toBe(201);
    expect(await kept()).toBe(0);
  });
});
