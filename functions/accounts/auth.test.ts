import { describe, expect, it } from 'vitest';
import { createTestApp, linkIn, postJson, TEST_ORIGIN, pressButton } from '../testing/app.ts';
import { CookieJar, createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { disableUser } from './auth.service.ts';

const CALLBACK = `${TEST_ORIGIN}/api/auth/callback?token=`;

/** A browser that asks for a link, reads it from the mailbox and follows it. */
async function signIn(t: Awaited<ReturnType<typeof createTestApp>>, jar: CookieJar, email: string) {
  const asked = await t.request('/api/auth/login', postJson({ email, lang: 'en' }, jar.header()));
  jar.store(asked);
  const mails = await t.mailbox.list();
  const link = linkIn((await t.mailbox.read(mails.find((m) => m.to === email)!.key))!, CALLBACK);
  return { asked, link: link.slice(TEST_ORIGIN.length) };
}

async function follow(t: Awaited<ReturnType<typeof createTestApp>>, jar: CookieJar, path: string) {
  const response = await t.request(path, pressButton(jar.header()));
  jar.store(response);
  return response;
}

describe('magic-link sign-in and sessions (node, libSQL)', () => {
  it('signs in with the link in the asking browser, with a fresh __Host- session cookie', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'jana@example.org', roles: [{ role: 'juror' }] });
    const jar = new CookieJar();
    const { asked, link } = await signIn(t, jar, 'jana@example.org');
    expect(asked.status).toBe(202);
    const bind = asked.headers.getSetCookie().find((c) => c.startsWith('__Host-spotlight-login='))!;
    expect(bind).toMatch(/; Max-Age=900; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

    const done = await follow(t, jar, link);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/en/account/');
    const session = done.headers.getSetCookie().find((c) => c.startsWith('__Host-spotlight-session='))!;
    expect(session).toMatch(/^__Host-spotlight-session=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(jar.get('__Host-spotlight-login')).toBeUndefined();

    const me = await t.request('/api/auth/me', { headers: jar.header() });
    expect(await me.json()).toEqual({
      email: 'jana@example.org',
      roles: [{ role: 'juror', scope: '' }],
      may: ['entries.score', 'account.readOwn', 'jury.score', 'jury.recuse', 'jury.declareConflicts', 'jury.profile'],
    });
    // The header's question: the same person, and nobody (200, not 401) without a session.
    const whoami = await t.request('/api/auth/session', { headers: jar.header() });
    expect(whoami.headers.get('cache-control')).toBe('no-store');
    expect(await whoami.json()).toEqual({
      person: await (await t.request('/api/auth/me', { headers: jar.header() })).json(),
    });
    const nobody = await t.request('/api/auth/session');
    expect([nobody.status, await nobody.json()]).toEqual([200, { person: null }]);
    // Only hashes are stored.
    const stored = await t.client.execute('SELECT id_hash FROM sessions');
    expect(stored.rows[0]?.id_hash).not.toBe(jar.get('__Host-spotlight-session'));
  });

  it('S01 refuses a reused link, a link after 15 minutes, and a link opened in another browser', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'a@example.org' });
    const jar = new CookieJar();
    const first = await signIn(t, jar, 'a@example.org');
    expect((await follow(t, jar, first.link)).headers.get('location')).toBe('/en/account/');
    const firstSession = jar.get('__Host-spotlight-session');
    expect((await follow(t, new CookieJar(), first.link)).headers.get('location')).toBe('/en/account/link-invalid/');
    expect((await follow(t, jar, first.link)).headers.get('location')).toBe('/en/account/link-invalid/');

    t.advance(61_000);
    const other = new CookieJar();
    const second = await signIn(t, other, 'a@example.org');
    expect((await follow(t, new CookieJar(), second.link)).headers.get('location')).toBe('/en/account/link-invalid/');

    const late = new CookieJar();
    const third = await signIn(t, late, 'a@example.org');
    t.advance(15 * 60_000 + 1);
    expect((await follow(t, late, third.link)).headers.get('location')).toBe('/en/account/link-invalid/');

    const fresh = new CookieJar();
    const fourth = await signIn(t, fresh, 'a@example.org');
    expect((await follow(t, fresh, fourth.link)).status).toBe(303);
    expect(fresh.get('__Host-spotlight-session')).toMatch(/^[\w-]{43}$/);
    expect(fresh.get('__Host-spotlight-session')).not.toBe(firstSession);
  });

  it('S02 answers a known and an unknown address alike and mails only the known one', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'known@example.org' });
    const known = await t.request('/api/auth/login', postJson({ email: 'known@example.org', lang: 'en' }));
    const unknown = await t.request('/api/auth/login', postJson({ email: 'unknown@example.org', lang: 'en' }));
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.text()).toBe(await unknown.text());
    const cookieNames = (r: Response) => r.headers.getSetCookie().map((c) => c.split('=')[0]);
    expect(cookieNames(known)).toEqual(cookieNames(unknown));
    expect((await t.mailbox.list()).map((m) => m.to)).toEqual(['known@example.org']);
    const logged = await t.client.execute(
      "SELECT object_type, details FROM audit_log WHERE action = 'auth.login.requested' ORDER BY at",
    );
    expect(logged.rows.map((r) => r.object_type)).toEqual(['user', 'email_hash']);
    expect(JSON.stringify(logged.rows)).not.toContain('unknown@example.org');
  });

  it('S03 limits sign-in requests per address with 429 and Retry-After', async () => {
    const t = await createTestApp();
    const answers: number[] = [];
    for (let i = 0; i < 6; i++)
      answers.push((await t.request('/api/auth/login', postJson({ email: 'x@example.org', lang: 'en' }))).status);
    expect(answers).toEqual([202, 202, 202, 202, 202, 429]);
    const limited = await t.request('/api/auth/login', postJson({ email: 'x@example.org', lang: 'en' }));
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(await limited.json()).toMatchObject({
      code: 'request.rateLimited',
      message: 'Too many attempts. Please wait a few minutes and try again.',
    });
    t.advance(15 * 60_000 + 1);
    expect((await t.request('/api/auth/login', postJson({ email: 'x@example.org', lang: 'en' }))).status).toBe(202);
  });

  it('S04 refuses an old session cookie after sign-out, sign-out everywhere, and disabling', async () => {
    const t = await createTestApp();
    const id = await createUser(t.db, { email: 's@example.org' });
    const login = async () => {
      const jar = new CookieJar();
      const { link } = await signIn(t, jar, 's@example.org');
      await follow(t, jar, link);
      t.advance(61_000);
      return jar;
    };
    const me = async (jar: CookieJar) => (await t.request('/api/auth/me', { headers: jar.header() })).status;

    const a = await login();
    const copy = new CookieJar();
    copy.store(
      new Response(null, {
        headers: { 'set-cookie': `__Host-spotlight-session=${a.get('__Host-spotlight-session')}` },
      }),
    );
    await t.request('/api/auth/logout', postJson({}, a.header()));
    expect(await me(copy)).toBe(401);

    const b = await login();
    const c = await login();
    await t.request('/api/auth/logout-everywhere', postJson({}, b.header()));
    expect([await me(b), await me(c)]).toEqual([401, 401]);

    const d = await login();
    expect(await me(d)).toBe(200);
    await disableUser(t.deps, 'admin-id', id);
    expect(await me(d)).toBe(401);
    expect(
      (await t
        .request('/api/auth/me', { headers: { ...d.header(), 'accept-language': 'sk' } })
        .then((r) => r.json())) as object,
    ).toMatchObject({
      code: 'auth.required',
      message: 'Prihláste sa, prosím.',
    });
  });

  it('ends sessions after idle time, sooner for staff', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'staff@example.org', roles: [{ role: 'admin' }] });
    await createUser(t.db, { email: 'member@example.org', roles: [{ role: 'entrant' }] });
    const jars = { staff: new CookieJar(), member: new CookieJar() };
    for (const [who, jar] of Object.entries(jars)) {
      const { link } = await signIn(t, jar, `${who}@example.org`);
      await follow(t, jar, link);
    }
    t.advance(31 * 60_000);
    const status = async (jar: CookieJar) => (await t.request('/api/auth/me', { headers: jar.header() })).status;
    expect([await status(jars.staff), await status(jars.member)]).toEqual([401, 200]);
  });

  it('brings the person back to the page that asked them to sign in, and only to a page of this portal', async () => {
    const t = await createTestApp();
    const cases: [string | undefined, string][] = [
      ['/en/admin/lunches/?day=42', '/en/admin/lunches/?day=42'],
      ['//evil.example/en/', '/en/account/'],
      ['https://evil.example/en/', '/en/account/'],
      ['/en/\\evil.example', '/en/account/'],
      ['/de/page/', '/en/account/'],
      [undefined, '/en/account/'],
    ];
    for (const [i, [returnTo, expected]] of cases.entries()) {
      const email = `back${i}@example.org`;
      await createUser(t.db, { email });
      const jar = new CookieJar();
      const asked = await t.request('/api/auth/login', postJson({ email, lang: 'en', returnTo }));
      expect(asked.status).toBe(202);
      jar.store(asked);
      const mails = await t.mailbox.list();
      const mail = mails.find((m) => m.to === email)!;
      const link = linkIn((await t.mailbox.read(mail.key))!, CALLBACK).slice(TEST_ORIGIN.length);
      const done = await follow(t, jar, link);
      expect([returnTo, done.headers.get('location')]).toEqual([returnTo, expected]);
      expect(jar.get('__Host-spotlight-return')).toBeUndefined();
    }
  });

  it('mails the link in the language of the page asked from, and lands on the account page in that language', async () => {
    const t = await createTestApp();
    // Saved as Slovak when the account was made; today the person reads the Ukrainian page.
    await createUser(t.db, { email: 'olena@example.org', locale: 'sk' });
    const jar = new CookieJar();
    const asked = await t.request('/api/auth/login', postJson({ email: 'olena@example.org', lang: 'uk' }));
    jar.store(asked);
    const subject = await t.client.execute("SELECT subject FROM outbox WHERE recipient = 'olena@example.org'");
    const mail = (await t.mailbox.list()).find((m) => m.to === 'olena@example.org')!;
    const link = linkIn((await t.mailbox.read(mail.key))!, CALLBACK);
    expect(new URL(link).searchParams.get('lang')).toBe('uk');
    expect(String(subject.rows[0]?.subject)).toMatch(/[А-Яа-яІіЇїЄєҐґ]/);
    const done = await follow(t, jar, link.slice(TEST_ORIGIN.length));
    expect(done.headers.get('location')).toBe('/uk/account/');
  });

  it('tells a signed-in person what they may do, so pages need not probe for a 403', async () => {
    const t = await createTestApp();
    await createUser(t.db, {
      email: 'scoped@example.org',
      roles: [
        { role: 'competition_manager', scope: 'edition:2027' },
        { role: 'partner_caseworker', scope: '' },
      ],
    });
    const jar = await signedIn(t, 'scoped@example.org');
    const me = await t.request('/api/auth/me', { headers: jar.header() });
    expect(((await me.json()) as { may: string[] }).may).toEqual([
      'competition.manage',
      'signups.createOnBehalf',
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
    ]);
  });
});
