import { describe, expect, it } from 'vitest';
import { solvedChallenge } from '../testing/pow.ts';
import { createTestApp, linkIn, postJson, TEST_ORIGIN, pressButton } from '../testing/app.ts';

const CONFIRM = `${TEST_ORIGIN}/api/subscriptions/confirm?token=`;
const UNSUBSCRIBE = `${TEST_ORIGIN}/api/subscriptions/unsubscribe?`;

const pathOf = (url: string) => url.slice(TEST_ORIGIN.length);

async function counts(t: Awaited<ReturnType<typeof createTestApp>>) {
  const subs = await t.client.execute('SELECT count(*) AS n FROM subscriptions');
  const mails = await t.client.execute('SELECT count(*) AS n FROM outbox');
  return { subscriptions: Number(subs.rows[0]?.n), outbox: Number(mails.rows[0]?.n) };
}

describe('Stay informed: double opt-in subscription (node, libSQL)', () => {
  it('stores a pending subscription and mails a confirmation in the form language', async () => {
    const t = await createTestApp();
    const response = await t.request(
      '/api/subscriptions',
      postJson({ email: '  Jana.Novakova@Example.org ', lang: 'sk' }),
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'pending' });

    const rows = (await t.client.execute('SELECT email, locale, status, confirm_token_hash FROM subscriptions')).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: 'jana.novakova@example.org', locale: 'sk', status: 'pending' });
    expect(String(rows[0]?.confirm_token_hash)).toMatch(/^[0-9a-f]{64}$/);

    const mails = await t.mailbox.list();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe('jana.novakova@example.org');
    const eml = (await t.mailbox.read(mails[0]!.key))!;
    expect(eml).toContain('Subject: =?UTF-8?B?');
    expect(eml).toContain('Na potvrdenie otvorte tento odkaz');
    expect(eml).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // The raw token is only in the mail, never in the database.
    const token = linkIn(eml, CONFIRM).slice(CONFIRM.length);
    expect(String(rows[0]?.confirm_token_hash)).not.toContain(token);
    const sent = await t.client.execute('SELECT sent_at FROM outbox');
    expect(sent.rows[0]?.sent_at).toBe(new Date('2026-11-23T10:00:00Z').getTime());
  });

  it('answers bad input with translated field errors and writes nothing', async () => {
    const t = await createTestApp();
    const cases: [unknown, string, string][] = [
      [{ email: '', lang: 'en' }, 'email.required', 'Enter your email address'],
      [{ lang: 'en' }, 'email.required', 'Enter your email address'],
      [
        { email: 'jana@', lang: 'en' },
        'email.invalid',
        'Enter an email address in the correct format, like name@example.com',
      ],
      [
        { email: `${'a'.repeat(250)}@x.sk`, lang: 'en' },
        'email.tooLong',
        'Email address must be 254 characters or fewer',
      ],
      [
        { email: 'nie-je-adresa', lang: 'uk' },
        'email.invalid',
        'Введіть електронну адресу в правильному форматі, наприклад name@example.com',
      ],
    ];
    for (const [body, code, message] of cases) {
      const response = await t.request('/api/subscriptions', postJson(body));
      expect(response.status).toBe(422);
      const error = (await response.json()) as { code: string; fields: unknown[]; requestId: string };
      expect(error.code).toBe('validation.failed');
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.fields).toEqual([{ field: 'email', code, message }]);
    }
    expect(await counts(t)).toEqual({ subscriptions: 0, outbox: 0 });
  });

  it('does not duplicate or reveal an address that subscribes twice', async () => {
    const t = await createTestApp();
    const first = await t.request('/api/subscriptions', postJson({ email: 'petro@example.org', lang: 'uk' }));
    const again = await t.request('/api/subscriptions', postJson({ email: 'PETRO@example.org', lang: 'en' }));
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(await again.json()).toEqual({ status: 'pending' });
    // Within a minute no second mail goes out (no mail bombing through the form).
    expect(await counts(t)).toEqual({ subscriptions: 1, outbox: 1 });

    t.advance(61_000);
    const later = await t.request('/api/subscriptions', postJson({ email: 'petro@example.org', lang: 'en' }));
    expect(later.status).toBe(202);
    expect(await counts(t)).toEqual({ subscriptions: 1, outbox: 2 });
    const [newest, oldest] = await t.mailbox.list();
    const oldLink = linkIn((await t.mailbox.read(oldest!.key))!, CONFIRM);
    const newLink = linkIn((await t.mailbox.read(newest!.key))!, CONFIRM);
    expect(newest?.subject).toBe('Confirm your subscription to news from IOM Slovakia');
    // Only the newest link works.
    expect((await t.request(pathOf(oldLink), pressButton({ 'accept-language': 'uk' }))).headers.get('location')).toBe(
      '/uk/stay-informed/link-invalid/',
    );
    expect((await t.request(pathOf(newLink), pressButton())).headers.get('location')).toBe(
      '/en/stay-informed/confirmed/',
    );

    // Subscribing again while active changes nothing and mails nothing, with the same answer.
    t.advance(120_000);
    const active = await t.request('/api/subscriptions', postJson({ email: 'petro@example.org', lang: 'sk' }));
    expect(active.status).toBe(202);
    expect(await active.json()).toEqual({ status: 'pending' });
    expect(await counts(t)).toEqual({ subscriptions: 1, outbox: 2 });
    const row = (await t.client.execute('SELECT status, locale FROM subscriptions')).rows[0];
    expect(row).toMatchObject({ status: 'active', locale: 'en' });
  });

  it('confirms once (a second click says confirmed again), refuses an expired link', async () => {
    const t = await createTestApp();
    await t.request('/api/subscriptions', postJson({ email: 'a@example.org', lang: 'en' }));
    await t.request('/api/subscriptions', postJson({ email: 'b@example.org', lang: 'sk' }));
    const mails = await t.mailbox.list();
    const linkFor = async (to: string) => linkIn((await t.mailbox.read(mails.find((m) => m.to === to)!.key))!, CONFIRM);

    const confirm = await t.request(pathOf(await linkFor('a@example.org')), pressButton());
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('/en/stay-informed/confirmed/');
    expect(
      (await t.client.execute("SELECT status FROM subscriptions WHERE email = 'a@example.org'")).rows[0]?.status,
    ).toBe('active');
    // A used link is not "invalid": the second click (a double submit) is told it is confirmed.
    const reused = await t.request(pathOf(await linkFor('a@example.org')), pressButton({ 'accept-language': 'en' }));
    expect(reused.headers.get('location')).toBe('/en/stay-informed/confirmed/');
    expect(
      (await t.client.execute("SELECT count(*) AS n FROM subscriptions WHERE email = 'a@example.org'")).rows[0]?.n,
    ).toBe(1);

    t.advance(7 * 24 * 60 * 60_000 + 1);
    const expired = await t.request(pathOf(await linkFor('b@example.org')), pressButton({ 'accept-language': 'sk' }));
    expect(expired.headers.get('location')).toBe('/sk/stay-informed/link-invalid/');
    expect(
      (await t.client.execute("SELECT status FROM subscriptions WHERE email = 'b@example.org'")).rows[0]?.status,
    ).toBe('pending');

    const garbage = await t.request('/api/subscriptions/confirm?token=x', pressButton());
    expect(garbage.headers.get('location')).toBe('/sk/stay-informed/link-invalid/');
  });

  it('unsubscribes in one click (GET link and RFC 8058 POST) and deletes the address', async () => {
    const t = await createTestApp();
    await t.request('/api/subscriptions', postJson({ email: 'olena@example.org', lang: 'uk' }));
    const eml = (await t.mailbox.read((await t.mailbox.list())[0]!.key))!;
    const link = linkIn(eml, UNSUBSCRIBE);
    expect(eml).toContain(`List-Unsubscribe: <${link}>`);

    const forged = await t.request(
      pathOf(link.replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')),
      pressButton(),
    );
    // In the subscriber's language: the link carries it.
    expect(forged.headers.get('location')).toBe('/uk/stay-informed/link-invalid/');
    expect((await counts(t)).subscriptions).toBe(1);

    const click = await t.request(pathOf(link), pressButton());
    expect(click.status).toBe(303);
    expect(click.headers.get('location')).toBe('/uk/stay-informed/unsubscribed/');
    expect((await counts(t)).subscriptions).toBe(0);

    // The mail provider's one-click POST (no Origin, no cookies) after the row is gone still succeeds.
    const oneClick = await t.request(pathOf(link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.json()).toEqual({ status: 'unsubscribed' });
  });

  it('S06 refuses cross-site posts, text/plain bodies included', async () => {
    const t = await createTestApp();
    const foreign = await t.request(
      '/api/subscriptions',
      postJson({ email: 'x@example.org' }, { origin: 'https://evil.example', 'accept-language': 'en' }),
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({
      code: 'request.forbiddenOrigin',
      message: 'This request came from another website and was refused.',
    });
    const crossSite = await t.request(
      '/api/subscriptions',
      postJson({ email: 'x@example.org' }, { origin: TEST_ORIGIN, 'sec-fetch-site': 'cross-site' }),
    );
    expect(crossSite.status).toBe(403);
    const textPlain = await t.request('/api/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: '{"email":"x@example.org"}',
    });
    expect(textPlain.status).toBe(403);
    const sameSiteText = await t.request('/api/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: TEST_ORIGIN },
      body: 'x',
    });
    expect(sameSiteText.status).toBe(415);
    expect(await counts(t)).toEqual({ subscriptions: 0, outbox: 0 });
  });

  it('S03 limits sign-ups from one client address with 429 and Retry-After, even with proof of work', async () => {
    const t = await createTestApp();
    const from = (ip: string) => ({ 'cf-connecting-ip': ip, 'accept-language': 'en' });
    const answers: number[] = [];
    for (let i = 0; i < 21; i++) {
      answers.push(
        (
          await t.request(
            '/api/subscriptions',
            postJson({ email: `p${i}@example.org`, altcha: await solvedChallenge(t) }, from('203.0.113.7')),
          )
        ).status,
      );
    }
    expect(answers.filter((s) => s === 202)).toHaveLength(20);
    const limited = await t.request('/api/subscriptions', postJson({ email: 'late@example.org' }, from('203.0.113.7')));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('600');
    expect(await limited.json()).toMatchObject({
      code: 'request.rateLimited',
      message: 'Too many attempts. Please wait a few minutes and try again.',
    });
    expect(
      (await t.request('/api/subscriptions', postJson({ email: 'other@example.org' }, from('198.51.100.2')))).status,
    ).toBe(202);
    expect((await counts(t)).subscriptions).toBe(21);
  });

  it('S17 leaves no half-written subscription when the database fails mid-batch', async () => {
    const t = await createTestApp();
    // The second statement of the batch (the outbox insert) now fails.
    await t.client.execute('ALTER TABLE outbox RENAME TO outbox_gone');
    const response = await t.request('/api/subscriptions', postJson({ email: 'half@example.org', lang: 'en' }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({
      code: 'server.unavailable',
      message: 'The service is briefly unavailable. Please try again in a minute.',
    });
    await t.client.execute('ALTER TABLE outbox_gone RENAME TO outbox');
    expect(await counts(t)).toEqual({ subscriptions: 0, outbox: 0 });
  });
});
