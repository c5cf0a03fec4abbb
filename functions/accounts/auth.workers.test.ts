import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { CookieJar, createUser } from '../testing/factories.ts';

const ORIGIN = 'http://127.0.0.1:8787';

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  await createUser(dbFromD1(env.DB), {
    email: 'worker-admin@example.org',
    roles: [{ role: 'admin' }],
    createdAt: new Date(),
  });
});

/** The API as the Worker builds it, waiting for deferred work like the Worker runtime would. */
async function request(path: string, init: RequestInit = {}) {
  const deferred: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (p: Promise<unknown>) => void deferred.push(p),
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
  const response = await createApp(depsFromEnv(env)).request(`${ORIGIN}${path}`, init, env, ctx);
  await Promise.all(deferred);
  return response;
}

describe('sign-in and session middleware in the Workers runtime (D1)', () => {
  it('S01/S05 signs in once per link, in the asking browser, with __Host- cookies; S04 sign-out ends the session', async () => {
    const jar = new CookieJar();
    const asked = await request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'worker-admin@example.org' }),
    });
    expect(asked.status).toBe(202);
    jar.store(asked);
    const mails = await env.FILES.list({ prefix: 'dev-mail/', include: ['customMetadata'] });
    const key = mails.objects.find((o) => o.customMetadata?.to === 'worker-admin@example.org')!.key;
    const eml = await (await env.FILES.get(key))!.text();
    const path = /\/api\/auth\/callback\?token=[\w-]+&lang=en/.exec(eml)![0];

    // S22 a mail scanner's GET or HEAD does not use the link up; the page's button (POST) signs in.
    expect((await request(path)).status).toBe(200);
    expect((await request(path, { method: 'HEAD' })).status).toBe(200);
    const press = (headers: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
      body: '',
    });
    expect((await request(path, press())).headers.get('location')).toBe('/en/account/link-invalid/');
    const done = await request(path, press(jar.header()));
    expect(done.headers.get('location')).toBe('/en/account/');
    expect(done.headers.getSetCookie().find((c) => c.startsWith('__Host-spotlight-session='))).toMatch(
      /; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    jar.store(done);
    expect((await request(path, press(jar.header()))).headers.get('location')).toBe('/en/account/link-invalid/');

    const me = await request('/api/auth/me', { headers: jar.header() });
    expect(await me.json()).toEqual({
      email: 'worker-admin@example.org',
      roles: [{ role: 'admin', scope: '' }],
      may: [
        'users.list',
        'users.invite',
        'users.disable',
        'roles.grant',
        'audit.read',
        'competition.manage',
        'lunches.manage',
        'materials.stats',
        'account.readOwn',
        'jury.invite',
        'jury.rounds',
        'jury.assign',
        'jury.progress',
        'jury.remind',
        'results.record',
        'results.publish',
        'results.view',
        'jury.shortlist',
        'jury.conflicts',
        'votes.manage',
      ],
    });
    const old = jar.header();
    await request('/api/auth/logout', { method: 'POST', headers: { ...jar.header(), origin: ORIGIN } });
    expect((await request('/api/auth/me', { headers: old })).status).toBe(401);
  });

  it('S06 refuses a cross-site sign-out or admin post', async () => {
    const forged = await request('/api/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: 'request.forbiddenOrigin' });
  });
});
