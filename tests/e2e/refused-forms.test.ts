// Forms refused with every problem at once, as a person meets them (sk/en/uk, 390 px, JavaScript
// off): a tampered lunch sign-up (a language or diet the form does not offer), a family's change by
// its own link tampered the same way, and the entry form's work step with every field wrong. Each
// answer names the field in the error summary, shows the message beside the field, keeps what was
// typed and saves nothing; axe on the refused sign-up and work step. And the rehearsal banner
// (staging only) is not on a local portal.
import type { Page, Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { SUMMARY_MAX } from '../../functions/competition/competition.schemas.ts';
import { diets } from '../../functions/lunches/lunches.schemas.ts';
import { guestSignUp } from '../../functions/testing/factories.ts';
import {
  axeViolations,
  baseUrl,
  mailLink,
  newestMailTo,
  openMailedLink,
  openPage,
  testClientAddress,
  useBrowser,
} from './browser.ts';

const browser = useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, javaScriptEnabled: false };
/** The demo lunch day in Bratislava that scripts/seed-lunches.mjs keeps two weeks ahead. */
const DEMO_DAY = '7d1c6a52-0001-4a6b-9f00-000000000001';

/**
 * Makes the next form post to `path` carry other values, as a tampered post (or a stale page)
 * would: `change` gets the posted fields and returns them changed. The browser renders the answer.
 */
async function tamperNextPost(page: Page, path: string, change: (fields: URLSearchParams) => void) {
  await page.route(
    (url) => url.pathname === path,
    async (route: Route, request: Request) => {
      const fields = new URLSearchParams(request.postData() ?? '');
      change(fields);
      await route.continue({ postData: fields.toString() });
    },
    // Only the post: the page is not asked for again before it.
    { times: 1 },
  );
}

/** The error summary's lines and where each links. */
const summaryOf = (page: Page) =>
  page
    .locator('[data-error-summary] li a')
    .evaluateAll((links) => links.map((a) => [a.getAttribute('href'), (a as HTMLElement).innerText]));

/** An element's text as read aloud (the visually hidden "Error:" included), spaces collapsed. */
const textOf = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('a tampered lunch sign-up: a value no checkbox offers', () => {
  /** Fills the guest family's sign-up in `locale` and posts it with `languages=xx` and `diets=xx` added. */
  async function postTampered(page: Page, locale: (typeof locales)[number]) {
    const t = useTranslations(locale);
    await page.goto(`${baseUrl}/${locale}/lunches/sign-up/?day=${DEMO_DAY}`);
    await page.locator('#lunch-role').check();
    const next = page.getByRole('button', { name: t('lunches.form.continue'), exact: true });
    if (await next.isVisible()) await next.click();
    await page.locator('#lunch-contactName').fill(`Olena ${locale}`);
    await page.locator('#lunch-email').fill(`tampered-${locale}-${Date.now()}@example.org`);
    await page.locator('input[name="languages"][value="uk"]').check();
    await page.locator('#lunch-town').selectOption('Senec');
    await page.locator('#lunch-consentData').check();
    await page.locator('#lunch-codeOfConduct').check();
    await tamperNextPost(page, `/${locale}/lunches/sign-up/`, (fields) => {
      fields.append('languages', 'xx');
      fields.append('diets', 'xx');
    });
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: t('lunches.form.submit'), exact: true }).click(),
    ]);
    return response;
  }

  it.each(locales)('%s: the summary names each field, the message sits beside it, the form is kept', async (locale) => {
    const t = useTranslations(locale);
    const { context, page } = await openPage(browser(), PHONE);
    const response = await postTampered(page, locale);
    expect(response?.status()).toBe(422);
    expect(page.url()).toBe(`${baseUrl}/${locale}/lunches/sign-up/?day=${DEMO_DAY}`);
    const message = t('errors.lunch.notInList');
    expect(await summaryOf(page)).toEqual([
      ['#lunch-languages', `${t('lunches.form.languagesLegend')}: ${message}`],
      [`#lunch-diets-${diets[0]}`, `${t('lunches.form.dietLegend')}: ${message}`],
    ]);
    if (locale === 'en') expect((await summaryOf(page))[0]?.[1]).toBe('Languages you speak: Choose from the list');
    for (const group of ['languages', 'diets']) {
      expect(await textOf(page, `#lunch-${group}-error`)).toBe(`${t('errors.titlePrefix')} ${message}`);
    }
    expect(await page.locator('#lunch-contactName').inputValue()).toBe(`Olena ${locale}`);
    expect(await page.locator('input[name="languages"][value="uk"]').isChecked()).toBe(true);
    expect(await page.locator('#lunch-town').inputValue()).toBe('Senec');
    expect(await page.locator('#lunch-consentData').isChecked()).toBe(true);
    await context.close();

    // axe needs JavaScript: the same refused answer in a browser that has it.
    const withJs = await openPage(browser(), { viewport: PHONE.viewport });
    expect((await postTampered(withJs.page, locale))?.status()).toBe(422);
    expect(await axeViolations(withJs.page)).toEqual([]);
    await withJs.context.close();
  });
});

describe('a tampered change by a family’s own link', () => {
  it.each(locales)(
    '%s: a language no checkbox offers is named in the summary, beside the group; the change kept',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page } = await openPage(browser(), PHONE);
      const email = `tampered-change-${locale}-${Date.now()}@example.org`;
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
      expect(page.url()).toContain(`${baseUrl}/${locale}/lunches/manage/?id=`);
      await page.locator('#lunch-contactName').fill(`Olena Kovalenko ${locale}`);
      await tamperNextPost(page, `/${locale}/lunches/manage/`, (fields) => fields.append('languages', 'xx'));
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: t('lunches.manage.changeSubmit'), exact: true }).click(),
      ]);
      expect(response?.status()).toBe(422);
      const message = t('errors.lunch.notInList');
      expect(await summaryOf(page)).toEqual([['#lunch-languages', `${t('lunches.form.languagesLegend')}: ${message}`]]);
      expect(await textOf(page, '#lunch-languages-error')).toBe(`${t('errors.titlePrefix')} ${message}`);
      expect(await page.locator('#lunch-contactName').inputValue()).toBe(`Olena Kovalenko ${locale}`);
      expect(await page.locator('input[name="languages"][value="uk"]').isChecked()).toBe(true);
      await context.close();
    },
  );
});

describe('the entry form’s work step with every field wrong at once', () => {
  /** Signs `email` in through the competition's own form and starts an entry; its work step's path without the locale. */
  async function startEntry(page: Page, email: string): Promise<string> {
    await page.goto(`${baseUrl}/en/competition/entries/`);
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await openMailedLink(page, mailLink(await newestMailTo(page, email), '/api/auth/callback?token='));
    await page.getByRole('button', { name: /^Start a new entry for / }).click();
    return new URL(page.url()).pathname.replace(/^\/en\//, '/');
  }

  const long = (n: number) => 'x'.repeat(n);
  /** Types what a person can type, then posts values no field offers or allows. */
  async function postEveryError(page: Page, workPath: string) {
    await page.locator('#f-title').fill('Waiting at the foreigners’ police');
    await page.locator('#f-outlet').fill('Denník N');
    await page.locator('#f-publishedOn').fill('31');
    await page.locator('#f-publishedOn-month').fill('2');
    await page.locator('#f-publishedOn-year').fill('2026');
    await page.locator('#f-url').fill('dennikn.sk/article');
    await page.locator('#f-summary').fill('How people wait months for a residence permit.');
    await tamperNextPost(page, workPath, (fields) => {
      fields.set('title', long(301));
      fields.set('categoryId', 'no-such-category');
      fields.set('language', 'xx');
      fields.set('outlet', long(201));
      fields.set('summary', long(SUMMARY_MAX + 1));
      fields.set('summaryTranslation', long(SUMMARY_MAX + 1));
    });
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.locator('main form button[type=submit]').click(),
    ]);
    return response;
  }

  it.each(locales)(
    '%s: one answer lists all eight problems in form order, each beside its field; nothing saved',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page } = await openPage(browser(), PHONE);
      const workPath = `/${locale}${await startEntry(page, `every-error-${locale}-${Date.now()}@example.org`)}`;
      await page.goto(`${baseUrl}${workPath}`);
      const response = await postEveryError(page, workPath);
      expect(response?.status()).toBe(422);
      expect(await page.title()).toMatch(new RegExp(`^${t('errors.titlePrefix')}`));
      const expected: [string, string][] = [
        ['title', t('errors.competition.tooLong')],
        ['categoryId', t('errors.competition.category')],
        ['language', t('errors.competition.language')],
        ['outlet', t('errors.competition.tooLong')],
        ['publishedOn', t('entrant.date.invalid')],
        ['url', t('errors.competition.url')],
        ['summary', t('errors.competition.tooLong')],
        ['summaryTranslation', t('errors.competition.tooLong')],
      ];
      expect(await summaryOf(page)).toEqual(
        expected.map(([field, message]) => [`#f-${field}`, `${t(`competition.fieldName.${field}`)}: ${message}`]),
      );
      for (const [field, message] of expected) {
        expect([field, await textOf(page, `#f-${field}-error`)]).toEqual([
          field,
          `${t('errors.titlePrefix')} ${message}`,
        ]);
      }
      // What was typed (and could be shown) comes back as it was sent.
      expect(await page.locator('#f-title').inputValue()).toBe(long(301));
      expect(await page.locator('#f-outlet').inputValue()).toBe(long(201));
      expect(await page.locator('#f-url').inputValue()).toBe('dennikn.sk/article');
      expect(
        await Promise.all(['', '-month', '-year'].map((p) => page.locator(`#f-publishedOn${p}`).inputValue())),
      ).toEqual(['31', '2', '2026']);
      // Nothing was saved: the step opened again shows the empty draft.
      await page.goto(`${baseUrl}${workPath}`);
      expect(await page.locator('#f-title').inputValue()).toBe('');
      expect(await page.locator('#f-url').inputValue()).toBe('');

      // axe needs JavaScript: the same refused answer in a browser that has it (the same session).
      const withJs = await openPage(browser(), {
        viewport: PHONE.viewport,
        storageState: await context.storageState(),
      });
      await context.close();
      await withJs.page.goto(`${baseUrl}${workPath}`);
      expect((await postEveryError(withJs.page, workPath))?.status()).toBe(422);
      expect(await axeViolations(withJs.page)).toEqual([]);
      await withJs.context.close();
    },
  );
});

describe('the rehearsal banner', () => {
  it('is not on a local portal (npm start, this test server): neither a prerendered nor an on-demand page', async () => {
    const { context, page } = await openPage(browser(), PHONE);
    for (const path of ['/en/', '/uk/about/', `/sk/lunches/sign-up/?day=${DEMO_DAY}`]) {
      await page.goto(`${baseUrl}${path}`);
      expect([path, await page.locator('[data-rehearsal]').count()]).toEqual([path, 0]);
    }
    await context.close();
  });
});
