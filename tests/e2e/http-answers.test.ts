// How pages answer when something is wrong that is not the visitor's doing or is beyond a form's
// limits: a database outage is "could not check" (503 with the request's reference, a posted form
// kept), never "not found", "link does not work" or "expired"; a form post over the page limit is a
// translated 413; every status line carries its own reason phrase. The outage is made the way the
// API's tests make one (a failing database): the tables the pages read are renamed in the server's
// local D1 database for the length of a step, then put back.
import { createClient } from '@libsql/client';
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { formatFileSize } from '../../core/file-size.ts';
import { locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { signCapability } from '../../functions/crypto/tokens.ts';
import { guestSignUp } from '../../functions/testing/factories.ts';
import {
  axeViolations,
  baseUrl,
  mailLink,
  newestMailTo,
  openPage,
  signInByEmail,
  testClientAddress,
  useBrowser,
} from './browser.ts';
import { filesUnder } from './site-pages.ts';

const browser = useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, javaScriptEnabled: false };
/** The demo lunch day in Bratislava that scripts/seed-lunches.mjs keeps two weeks ahead. */
const DEMO_DAY = '7d1c6a52-0001-4a6b-9f00-000000000001';
/** The tables the pages under test read: lunch days and households, vote links, editions. */
const OUTAGE_TABLES = ['lunch_days', 'lunch_households', 'peoples_choice_requests', 'competition_editions'];
/** Every table a step here may rename (the entrant's list: only the entries, sessions still answer). */
const RENAMED_TABLES = [...OUTAGE_TABLES, 'competition_entries', 'jury_jurors'];

/** The local D1 database file of the server under test (scripts/e2e.mjs passes its folder). */
function localDatabase(): string | undefined {
  const folder = process.env.E2E_PERSIST_TO;
  if (!folder) return undefined;
  return filesUnder(folder).find((f) => f.includes('/d1/') && f.endsWith('.sqlite'));
}

/**
 * A client of the server's database file that waits (up to 10 s) for a write the server is making
 * (another test's sign-up, the mail sender) instead of failing with SQLITE_BUSY.
 */
async function serverDatabase() {
  const db = createClient({ url: `file:${localDatabase()}` });
  await db.execute('PRAGMA busy_timeout = 10000');
  return db;
}

/** Puts back every table an outage renamed (also after a step that failed or timed out). */
async function endOutage(): Promise<void> {
  const db = await serverDatabase();
  try {
    for (const table of RENAMED_TABLES) {
      const renamed = await db.execute({
        sql: "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
        args: [`${table}_outage`],
      });
      if (Number(renamed.rows[0]?.n) > 0) await db.execute(`ALTER TABLE ${table}_outage RENAME TO ${table}`);
    }
  } finally {
    db.close();
  }
}

/** Runs `step` while the server's database cannot answer for `tables` (default {@link OUTAGE_TABLES}). */
async function duringOutage<T>(step: () => Promise<T>, tables: readonly string[] = OUTAGE_TABLES): Promise<T> {
  await endOutage();
  const db = await serverDatabase();
  try {
    for (const table of tables) await db.execute(`ALTER TABLE ${table} RENAME TO ${table}_outage`);
  } finally {
    db.close();
  }
  try {
    return await step();
  } finally {
    await endOutage();
  }
}

/** axe (it needs JavaScript: the pages under test have it off) on a page opened during an outage. */
async function axeDuringOutage(url: string) {
  const { context, page } = await openPage(browser(), { viewport: PHONE.viewport });
  const violations = await duringOutage(async () => {
    expect((await page.goto(url))?.status()).toBe(503);
    return axeViolations(page);
  });
  await context.close();
  return violations;
}

/** The notice of a page that could not check, with the reference the answer's X-Request-Id carries. */
async function expectUnavailable(
  page: Awaited<ReturnType<typeof openPage>>['page'],
  response: { status(): number; statusText(): string; headers(): Record<string, string> } | null,
  locale: (typeof locales)[number],
) {
  const t = useTranslations(locale);
  expect([response?.status(), response?.statusText()]).toEqual([503, 'Service Unavailable']);
  expect(response?.headers()['cache-control']).toContain('no-store');
  const notice = page.locator('[data-unavailable]');
  expect(await notice.locator('p').first().innerText()).toBe(t('outage.body'));
  expect(await notice.locator('[data-request-id]').innerText()).toBe(response?.headers()['x-request-id']);
  expect(await page.locator('html').getAttribute('lang')).toBe(locale);
}

describe.skipIf(!localDatabase())('during a database outage, pages say they could not check (503)', () => {
  afterEach(endOutage);

  it.each(locales)('%s: the lunch sign-up page, opened and posted (the form kept as typed)', async (locale) => {
    const t = useTranslations(locale);
    const { context, page } = await openPage(browser(), PHONE);
    const signUp = `${baseUrl}/${locale}/lunches/sign-up/?day=${DEMO_DAY}`;
    await duringOutage(async () => expectUnavailable(page, await page.goto(signUp), locale));

    await page.goto(signUp);
    await page.locator('#lunch-role').check();
    await page.getByRole('button', { name: t('lunches.form.continue'), exact: true }).click();
    await page.locator('#lunch-contactName').fill(`Olena ${locale}`);
    await page.locator('#lunch-email').fill(`outage-${locale}@example.org`);
    await duringOutage(async () => {
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: t('lunches.form.submit'), exact: true }).click(),
      ]);
      await expectUnavailable(page, response, locale);
      expect(await page.locator('[data-unavailable]').innerText()).toContain(t('outage.formKept'));
    });
    expect(await page.locator('#lunch-contactName').inputValue()).toBe(`Olena ${locale}`);
    expect(await page.locator('#lunch-email').inputValue()).toBe(`outage-${locale}@example.org`);
    expect(await page.locator('#lunch-role').isChecked()).toBe(true);
    await context.close();
    expect(await axeDuringOutage(signUp)).toEqual([]);
  });

  it.each(locales)('%s: a family’s valid manage link, opened and posted (the change kept as typed)', async (locale) => {
    const t = useTranslations(locale);
    const { context, page } = await openPage(browser(), PHONE);
    const email = `outage-manage-${locale}-${Date.now()}@example.org`;
    const signedUp = await fetch(`${baseUrl}/api/lunches/days/${DEMO_DAY}/signups`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: baseUrl,
        'cf-connecting-ip': testClientAddress,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify(guestSignUp(email, { lang: locale })),
    });
    expect(signedUp.status).toBe(202);
    // The mailed manage link, not the confirm link: confirming would take one of the demo day's six
    // guest places, which the whole run shares (lunch-basics and lunches.test.ts need theirs).
    await page.goto(mailLink(await newestMailTo(page, email), `/${locale}/lunches/manage/?`));
    const manage = page.url();
    expect(manage).toContain(`${baseUrl}/${locale}/lunches/manage/?id=`);

    // Opened during the outage: not "this link does not work".
    await duringOutage(async () => expectUnavailable(page, await page.goto(manage), locale));
    expect(page.url()).toBe(manage);

    await page.goto(manage);
    await page.locator('#lunch-contactName').fill(`Olena Kovalenko ${locale}`);
    await page.locator('#lunch-town').selectOption('Trnava');
    await duringOutage(async () => {
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: t('lunches.manage.changeSubmit'), exact: true }).click(),
      ]);
      await expectUnavailable(page, response, locale);
    });
    expect(await page.locator('#lunch-contactName').inputValue()).toBe(`Olena Kovalenko ${locale}`);
    expect(await page.locator('#lunch-town').inputValue()).toBe('Trnava');
    await context.close();
    expect(await axeDuringOutage(manage)).toEqual([]);
  });

  it.each(locales)(
    '%s: a people’s-choice vote link is not called expired (410), and its button stays',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page } = await openPage(browser(), PHONE);
      const link = `${baseUrl}/${locale}/competition/2026/vote/confirm/?token=${'x'.repeat(32)}`;
      // Without an outage, an unknown link is explained as such (410)…
      expect((await page.goto(link))?.status()).toBe(410);
      // …during one, the page could not check it.
      await duringOutage(async () => {
        await expectUnavailable(page, await page.goto(link), locale);
        expect(await page.locator('h1').innerText()).toBe(t('votes.confirm.title'));
        expect(await page.locator('main form input[name="token"]').inputValue()).toBe('x'.repeat(32));
        expect(await page.locator('main form button').innerText()).toBe(t('votes.confirm.button'));
      });
      await context.close();
    },
  );

  it.each(locales)('%s: a jury invitation link is not called invalid (410), and its button stays', async (locale) => {
    const t = useTranslations(locale);
    const { context, page } = await openPage(browser(), PHONE);
    const link = `${baseUrl}/${locale}/jury/invitation/?token=${'y'.repeat(43)}`;
    expect((await page.goto(link))?.status()).toBe(410);
    await duringOutage(async () => {
      await expectUnavailable(page, await page.goto(link), locale);
      expect(await page.locator('h1').innerText()).toBe(t('jury.pages.invitation.title'));
      expect(await page.locator('main form input[name="token"]').inputValue()).toBe('y'.repeat(43));
      expect(await page.locator('main form button').innerText()).toBe(t('jury.pages.invitation.accept'));
    }, ['jury_jurors']);
    await context.close();
  });

  it.each(locales)(
    '%s: a page that reads through the API client (an edition) is the 503 page, not a 500',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page } = await openPage(browser(), PHONE);
      await duringOutage(async () => {
        await expectUnavailable(page, await page.goto(`${baseUrl}/${locale}/competition/2026/?outage=1`), locale);
        expect(await page.locator('h1').innerText()).toBe(t('outage.title'));
        expect(await page.getByRole('link', { name: t('outage.retry') }).getAttribute('href')).toBe(
          `/${locale}/competition/2026/?outage=1`,
        );
      });
      await context.close();
    },
  );
});

describe.skipIf(!localDatabase())(
  'during an outage of the entries, a signed-in entrant is not shown as signed out',
  () => {
    afterEach(endOutage);

    it('the list of one’s entries is the 503 page in sk, en and uk, not the sign-in form', async () => {
      const { context, page } = await openPage(browser(), { viewport: PHONE.viewport });
      await signInByEmail(page, 'e2e-crawler@example.org'); // created by scripts/e2e.mjs
      for (const locale of locales) {
        const url = `${baseUrl}/${locale}/competition/entries/`;
        await duringOutage(async () => {
          await expectUnavailable(page, await page.goto(url), locale);
          expect(await page.locator('h1').innerText()).toBe(useTranslations(locale)('outage.title'));
          expect(await page.locator('main input[type="email"]').count()).toBe(0);
          expect(await axeViolations(page)).toEqual([]);
        }, ['competition_entries']);
        expect((await page.goto(url))?.status()).toBe(200);
      }
      await context.close();
    });
  },
);

describe('a form post over the page limit (256 KB) is a translated 413', () => {
  it.each(locales)('%s: said in the form’s language, with the way back to the form', async (locale) => {
    const t = useTranslations(locale);
    const response = await fetch(`${baseUrl}/${locale}/lunches/sign-up/?day=${DEMO_DAY}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: baseUrl,
        'cf-connecting-ip': testClientAddress,
      },
      body: `contactName=${'a'.repeat(300 * 1024)}`,
    });
    expect([response.status, response.statusText]).toEqual([413, 'Content Too Large']);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain(`<html lang="${locale}"`);
    expect(html).toContain(t('outage.tooLarge.title'));
    expect(html).toContain(t('outage.tooLarge.back'));
    expect(html).toContain(`href="/${locale}/lunches/sign-up/?day=${DEMO_DAY}"`);
    expect(html).toContain(formatFileSize(256 * 1024, locale));
  });

  it.each(locales)('%s: in the browser at 390 px the page passes axe and leads back to the form', async (locale) => {
    const t = useTranslations(locale);
    const { context, page } = await openPage(browser(), { viewport: PHONE.viewport });
    const signUp = `${baseUrl}/${locale}/lunches/sign-up/?day=${DEMO_DAY}`;
    await page.goto(signUp);
    // A plain form post of the page (no proof of work in the way: the limit comes before it).
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.evaluate(() => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = location.href;
        const field = document.createElement('input');
        field.name = 'allergies';
        field.value = 'a'.repeat(300 * 1024);
        form.appendChild(field);
        document.body.appendChild(form);
        form.submit();
      }),
    ]);
    expect([response?.status(), response?.statusText()]).toEqual([413, 'Content Too Large']);
    expect(await page.locator('h1').innerText()).toBe(t('outage.tooLarge.title'));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: t('outage.tooLarge.back') }).click();
    expect(page.url()).toBe(signUp);
    await context.close();
  });
});

describe('every page answer carries its status’s own reason phrase', () => {
  it('429 Too Many Requests (the 6th sign-in in 15 minutes), 404 Not Found, 200 OK', async () => {
    const address = `reason-${Date.now()}%40example.org`;
    let last: Response | undefined;
    for (let i = 0; i < 6; i++)
      last = await fetch(`${baseUrl}/en/account/sign-in/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
        body: `email=${address}&altcha=wrong`,
      });
    expect([last?.status, last?.statusText]).toEqual([429, 'Too Many Requests']);
    const missing = await fetch(`${baseUrl}/en/lunches/sign-up/?day=no-such-day`);
    expect([missing.status, missing.statusText]).toEqual([404, 'Not Found']);
    const list = await fetch(`${baseUrl}/en/lunches/?fresh=1`);
    expect([list.status, list.statusText]).toEqual([200, 'OK']);
  });
});

/** The token secret of a local portal without TOKEN_SECRET (functions/env.ts), which signs its survey links. */
const LOCAL_TOKEN_SECRET = 'local-development-secret-not-for-production-use';

describe.skipIf(!localDatabase())('during a database outage, the survey and the on-behalf sign-up (503)', () => {
  afterEach(endOutage);

  it.each(locales)(
    '%s: a survey link, opened and answered, is not called invalid (the answers kept)',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page } = await openPage(browser(), PHONE);
      const id = crypto.randomUUID();
      const survey = `${baseUrl}/${locale}/lunches/survey/?id=${id}&sig=${await signCapability(LOCAL_TOKEN_SECRET, 'lunch-survey', id)}`;
      // Without an outage, a link of no household is one that does not work…
      await page.goto(survey);
      expect(page.url()).toBe(`${baseUrl}/${locale}/lunches/link-invalid/`);
      // …during one, the page could not check it: the form with the notice, and a post keeps the answers.
      await duringOutage(async () => {
        await expectUnavailable(page, await page.goto(survey), locale);
        expect(await page.locator('h1').innerText()).toBe(t('lunches.survey.title'));
        await page.locator('#survey-rating-4').check();
        await page.locator('#survey-meetAgain').check();
        await page.locator('#survey-comment').fill(`More time to talk (${locale})`);
        const [response] = await Promise.all([
          page.waitForNavigation(),
          page.getByRole('button', { name: t('lunches.survey.submit'), exact: true }).click(),
        ]);
        await expectUnavailable(page, response, locale);
        expect(await page.locator('[data-unavailable]').innerText()).toContain(t('outage.formKept'));
      });
      expect(await page.locator('#survey-comment').inputValue()).toBe(`More time to talk (${locale})`);
      expect(await page.locator('#survey-rating-4').isChecked()).toBe(true);
      await context.close();
      expect(await axeDuringOutage(survey)).toEqual([]);
    },
  );

  let caseworker: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
  /** A partner caseworker's signed-in session (the account made here, straight in the database). */
  async function caseworkerSession() {
    if (caseworker) return caseworker;
    const email = `e2e-caseworker-${Date.now()}@example.org`;
    const db = await serverDatabase();
    try {
      const now = Date.now();
      await db.execute({
        sql: "INSERT INTO users (id, email, locale, status, created_at, updated_at) VALUES (?, ?, 'en', 'active', ?, ?)",
        args: [crypto.randomUUID(), email, now, now],
      });
      await db.execute({
        sql: "INSERT INTO role_assignments (id, user_id, role, scope, granted_by, created_at) SELECT ?, id, 'partner_caseworker', '', 'e2e', ? FROM users WHERE email = ?",
        args: [crypto.randomUUID(), now, email],
      });
    } finally {
      db.close();
    }
    const { context, page } = await openPage(browser());
    await signInByEmail(page, email);
    caseworker = await context.storageState();
    await context.close();
    return caseworker;
  }

  it.each(locales)(
    '%s: a caseworker’s sign-up on a family’s behalf, opened and posted (the form kept)',
    async (locale) => {
      const t = useTranslations(locale);
      const storageState = await caseworkerSession();
      const { context, page } = await openPage(browser(), { ...PHONE, storageState });
      const onBehalf = `${baseUrl}/${locale}/admin/lunches/on-behalf/?day=${DEMO_DAY}`;
      await duringOutage(async () => {
        await expectUnavailable(page, await page.goto(onBehalf), locale);
        expect(await page.locator('h1').innerText()).toBe(t('lunches.onBehalf.title'));
      });

      expect((await page.goto(onBehalf))?.status()).toBe(200);
      await page.locator('#lunch-role').check();
      await page.getByRole('button', { name: t('lunches.form.continue'), exact: true }).click();
      await page.locator('#lunch-contactName').fill(`Family Kovalenko ${locale}`);
      await page.locator('#lunch-phone').fill('+421 900 000 000');
      await duringOutage(async () => {
        const [response] = await Promise.all([
          page.waitForNavigation(),
          page.locator('main form button[type=submit]:not([value])').click(),
        ]);
        await expectUnavailable(page, response, locale);
        expect(await page.locator('[data-unavailable]').innerText()).toContain(t('outage.formKept'));
      });
      expect(await page.locator('#lunch-contactName').inputValue()).toBe(`Family Kovalenko ${locale}`);
      expect(await page.locator('#lunch-phone').inputValue()).toBe('+421 900 000 000');
      expect(await page.locator('#lunch-role').isChecked()).toBe(true);
      await context.close();

      const withJs = await openPage(browser(), { viewport: PHONE.viewport, storageState });
      const violations = await duringOutage(async () => {
        expect((await withJs.page.goto(onBehalf))?.status()).toBe(503);
        return axeViolations(withJs.page);
      });
      await withJs.context.close();
      expect(violations).toEqual([]);
    },
  );
});
