import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { depsFromEnv } from '../env.ts';

const ORIGIN = 'http://127.0.0.1:8787';
/** The POST a mailed link's page sends when its one button is pressed (S22: only the POST acts). */
const pressButton = (): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
  body: '',
});

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

/** The API as the Worker builds it: D1 for data, R2 for the local mailbox. */
function workerApp() {
  const deferred: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (p: Promise<unknown>) => void deferred.push(p),
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
  const app = createApp(depsFromEnv(env));
  return async (path: string, init: RequestInit = {}) => {
    const response = await app.request(`${ORIGIN}${path}`, init, env, ctx);
    await Promise.all(deferred.splice(0));
    return response;
  };
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
  body: JSON.stringify(body),
});

/** Rows for one address (tests in this file share one database). */
async function count(table: 'subscriptions' | 'outbox', address: string): Promise<number> {
  const column = table === 'subscriptions' ? 'email' : 'recipient';
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`)
    .bind(address)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

describe('Stay informed in the Workers runtime (D1 + R2)', () => {
  it('subscribes, mails through the R2 mailbox, confirms and unsubscribes', async () => {
    const request = workerApp();
    const response = await request('/api/subscriptions', post({ email: 'Worker@Example.org', lang: 'en' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'pending' });
    expect(await env.DB.prepare('SELECT email, status, locale FROM subscriptions').first()).toEqual({
      email: 'worker@example.org',
      status: 'pending',
      locale: 'en',
    });

    const mailbox = await request('/dev/mail');
    expect(mailbox.status).toBe(200);
    const html = await mailbox.text();
    expect(html).toContain('worker@example.org');
    expect(html).toContain('Confirm your subscription to news from IOM Slovakia');
    const key = /href="\/dev\/mail\/([^"]+\.eml)"/.exec(html)?.[1];
    const eml = await (await request(`/dev/mail/${key}`)).text();
    expect((await env.FILES.list({ prefix: 'dev-mail/' })).objects.map((o) => o.key)).toEqual([`dev-mail/${key}`]);

    const confirmPath = /\/api\/subscriptions\/confirm\?token=[\w-]+/.exec(eml)?.[0];
    const confirmed = await request(confirmPath!, pressButton());
    expect(confirmed.headers.get('location')).toBe('/en/stay-informed/confirmed/');
    expect(await env.DB.prepare('SELECT status FROM subscriptions').first('status')).toBe('active');

    const unsubscribePath = /\/api\/subscriptions\/unsubscribe\?id=[\w-]+&sig=[\w-]+/.exec(eml)?.[0];
    const unsubscribed = await request(unsubscribePath!, pressButton());
    expect(unsubscribed.headers.get('location')).toBe('/en/stay-informed/unsubscribed/');
    expect(await count('subscriptions', 'worker@example.org')).toBe(0);
  });

  it('refuses bad input in the request language and writes nothing', async () => {
    const request = workerApp();
    const before = await env.DB.prepare(
      'SELECT (SELECT count(*) FROM subscriptions) + (SELECT count(*) FROM outbox) AS n',
    ).first('n');
    const response = await request('/api/subscriptions', post({ email: 'kein@', lang: 'uk' }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'validation.failed',
      fields: [
        {
          field: 'email',
          code: 'email.invalid',
          message: 'Введіть електронну адресу в правильному форматі, наприклад name@example.com',
        },
      ],
    });
    expect(
      await env.DB.prepare('SELECT (SELECT count(*) FROM subscriptions) + (SELECT count(*) FROM outbox) AS n').first(
        'n',
      ),
    ).toBe(before);
    expect([await count('subscriptions', 'kein@'), await count('outbox', 'kein@')]).toEqual([0, 0]);
  });

  it('a second subscription of one address gives the same answer, one row and one mail', async () => {
    const request = workerApp();
    const first = await request('/api/subscriptions', post({ email: 'twice@example.org', lang: 'sk' }));
    const second = await request('/api/subscriptions', post({ email: 'TWICE@example.org', lang: 'sk' }));
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(await first.json()).toEqual(await second.json());
    expect([await count('subscriptions', 'twice@example.org'), await count('outbox', 'twice@example.org')]).toEqual([
      1, 1,
    ]);
  });

  it('S06 the origin check refuses cross-site posts in workerd too', async () => {
    const request = workerApp();
    const foreign = await request(
      '/api/subscriptions',
      post({ email: 'x@example.org' }, { origin: 'https://evil.example' }),
    );
    expect(foreign.status).toBe(403);
    const crossSite = await request(
      '/api/subscriptions',
      post({ email: 'x@example.org' }, { 'sec-fetch-site': 'cross-site' }),
    );
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ code: 'request.forbiddenOrigin' });
  });
});
