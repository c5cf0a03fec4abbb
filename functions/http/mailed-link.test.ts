import { describe, expect, it } from 'vitest';
import { signCapability } from '../crypto/tokens.ts';
import { capabilityUrl, purposes } from '../lunches/links.ts';
import { rows, SECRET, signUpRequest } from '../lunches/testing.ts';
import { createTestApp, linkIn, postJson, pressButton, TEST_ORIGIN } from '../testing/app.ts';
import { createLunchDay, createUser, householdForm, insertHousehold } from '../testing/factories.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Every row of every table, to compare before and after a request. */
async function everything(t: TestApp): Promise<Record<string, unknown[]>> {
  const tables = await rows(t, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const all: Record<string, unknown[]> = {};
  for (const { name } of tables) all[String(name)] = await rows(t, `SELECT * FROM "${String(name)}"`);
  return all;
}

/** The newest mail to `to`, as text. */
async function mailTo(t: TestApp, to: string): Promise<string> {
  const mail = (await t.mailbox.list()).filter((m) => m.to === to).at(-1);
  if (!mail) throw new Error(`no mail to ${to}`);
  return (await t.mailbox.read(mail.key))!;
}

/** A mail scanner: GET and HEAD without cookies, as Safe Links and antivirus gateways send them. */
const scan = (t: TestApp, path: string) => Promise.all([t.request(path), t.request(path, { method: 'HEAD' })]);

describe('S22 opening a mailed link changes nothing; only its page’s button acts', async () => {
  const t = await createTestApp();
  const dayId = await createLunchDay(t.deps, { guestPlaces: 2 });
  // Real links, as the mails carry them.
  await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(householdForm('scan-lunch@example.org')));
  await t.request('/api/subscriptions', postJson({ email: 'scan-news@example.org', lang: 'uk' }));
  await createUser(t.db, { email: 'scan-signin@example.org' });
  await t.request('/api/auth/login', postJson({ email: 'scan-signin@example.org', lang: 'en' }));
  const household = await insertHousehold(t.db, dayId, { email: 'scan-confirmed@example.org', status: 'confirmed' });
  const pairSig = await signCapability(SECRET, 'lunch.pairConfirm', 'no-such-pair:host');
  const path = (url: string) => url.slice(TEST_ORIGIN.length);
  const links: Record<string, string> = {
    lunchConfirm: path(linkIn(await mailTo(t, 'scan-lunch@example.org'), `${TEST_ORIGIN}/api/lunches/confirm?`)),
    lunchCantCome: path(await capabilityUrl(t.deps, purposes.cantCome, household, 'uk')),
    lunchAccept: '/api/lunches/accept?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    pairConfirm: `/api/lunches/pairs/confirm?id=no-such-pair&side=host&sig=${pairSig}`,
    newsletterConfirm: path(
      linkIn(await mailTo(t, 'scan-news@example.org'), `${TEST_ORIGIN}/api/subscriptions/confirm?token=`),
    ),
    unsubscribe: path(
      linkIn(await mailTo(t, 'scan-news@example.org'), `${TEST_ORIGIN}/api/subscriptions/unsubscribe?`),
    ),
    signIn: path(linkIn(await mailTo(t, 'scan-signin@example.org'), `${TEST_ORIGIN}/api/auth/callback?token=`)),
  };

  it.each(Object.entries(links))('%s: GET and HEAD leave the database unchanged', async (_kind, link) => {
    const before = await everything(t);
    const [get, head] = await scan(t, link);
    expect([get.status, head.status]).toEqual([200, 200]);
    expect(await head.text()).toBe('');
    const page = await get.text();
    // One button that posts the same URL; never cached, no Referer.
    expect(page.match(/<button/g)).toHaveLength(1);
    expect(page).toContain(`<form method="post" action="${link.replaceAll('&', '&amp;')}">`);
    expect(get.headers.get('cache-control')).toBe('no-store');
    expect(get.headers.get('referrer-policy')).toBe('same-origin');
    expect(await everything(t)).toEqual(before);
  });

  it('links carry the reader’s language (item 10)', () => {
    expect(new URL(links.newsletterConfirm!, TEST_ORIGIN).searchParams.get('lang')).toBe('uk');
    expect(new URL(links.unsubscribe!, TEST_ORIGIN).searchParams.get('lang')).toBe('uk');
    expect(new URL(links.signIn!, TEST_ORIGIN).searchParams.get('lang')).toBe('en');
    expect(new URL(links.lunchConfirm!, TEST_ORIGIN).searchParams.get('lang')).toBe('en');
    expect(new URL(links.lunchCantCome!, TEST_ORIGIN).searchParams.get('lang')).toBe('uk');
  });

  it('the page is in the language of the link (?lang=), else of the browser', async () => {
    const page = await (await t.request(`${links.signIn}`)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<button type="submit">Sign in</button>');
    // The link names its language: the browser's preference does not override it.
    const en = await (await t.request(links.lunchConfirm!, { headers: { 'accept-language': 'uk' } })).text();
    expect(en).toContain('<button type="submit">Confirm my sign-up</button>');
    const uk = await (await t.request(links.lunchCantCome!, { headers: { 'accept-language': 'en' } })).text();
    expect(uk).toContain('<html lang="uk">');
    const sk = await (await t.request(links.lunchAccept!, { headers: { 'accept-language': 'sk' } })).text();
    expect(sk).toContain('<button type="submit">Prijať miesto</button>');
  });

  it('only the POST acts, once: the sign-up is confirmed by the button, and a second press changes nothing', async () => {
    const first = await t.request(links.lunchConfirm!, pressButton());
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toMatch(/^\/en\/lunches\/manage\/\?id=/);
    const after = await everything(t);
    await t.request(links.lunchConfirm!, pressButton());
    expect(await everything(t)).toEqual(after);
    expect(await rows(t, "SELECT status FROM lunch_households WHERE email = 'scan-lunch@example.org'")).toEqual([
      { status: 'confirmed' },
    ]);
  });

  it('every GET route of the API, opened without cookies with unknown ids, changes nothing', async () => {
    const paths = [...new Set(t.app.routes.filter((r) => r.method === 'GET').map((r) => r.path))]
      // /api/health answers 503 here by design: these tests run without an R2 bucket (it reports the
      // server's state, not a visitor's input; health.test.ts and health.workers.test.ts cover it).
      .filter((p) => p.startsWith('/api/') && p !== '/api/health')
      .map((p) => `${p.replace(/:(\w+)(\{[^}]*\})?/g, 'nope')}?id=nope&sig=nope&token=nope&side=host`);
    expect(paths.length).toBeGreaterThanOrEqual(20);
    const before = await everything(t);
    for (const p of paths) {
      const [get, head] = await scan(t, p);
      expect([p, get.status < 500, head.status < 500]).toEqual([p, true, true]);
    }
    // Rate-limit counters and the like are not state a visitor changes on purpose; nothing else moves.
    const { rate_limits: _a, ...rest } = await everything(t);
    const { rate_limits: _b, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });
});
