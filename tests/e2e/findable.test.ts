import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { asTestClient, axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

// Issue 16.1: a newcomer finds the lunch days and the current competition edition from the home
// page, the navigation and the two campaigns, in every locale, with JavaScript on and off; the
// header shows who is signed in (an island asking /api/auth/session) and their areas, and never
// bakes a person into the static HTML.

const browser = useBrowser();
// The seeded demo: the 2027 edition is open, 2026 closed (scripts/seed-competition.ts).
const CURRENT = '2027';
// A demo juror of 2026 (functions/jury/demo-jury.ts) and an administrator (scripts/e2e.mjs).
const JUROR = 'eva.horvath@jury.example.org';
const ADMIN = 'e2e-librarian@example.org';

/** Whether the page scrolls sideways (WCAG 1.4.10 at 320 px). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the lunch days and the current edition are findable', () => {
  for (const javaScriptEnabled of [true, false])
    for (const locale of locales) {
      const t = useTranslations(locale);
      it(`${locale}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}: home → lunches, home → current edition, nav, campaigns`, async () => {
        const { context, page, errors } = await openPage(browser(), { javaScriptEnabled });
        await page.goto(`${baseUrl}/${locale}/`);
        await page.getByRole('link', { name: t('findable.takePart.lunchesLink'), exact: true }).click();
        expect(page.url()).toBe(`${baseUrl}/${locale}/lunches/`);
        expect(await page.locator('h1').innerText()).toBe(t('lunches.title'));

        await page.goto(`${baseUrl}/${locale}/`);
        await page.getByRole('link', { name: t('findable.takePart.competitionLink'), exact: true }).click();
        expect(page.url()).toBe(`${baseUrl}/${locale}/competition/${CURRENT}/`);

        // The navigation: the lunch days, and the competition's page, which leads to the current edition.
        const nav = page.getByRole('navigation', { name: t('nav.label') });
        await nav.getByRole('link', { name: t('findable.nav.lunches'), exact: true }).click();
        expect(page.url()).toBe(`${baseUrl}/${locale}/lunches/`);
        await page
          .getByRole('navigation', { name: t('nav.label') })
          .getByRole('link', { name: t('findable.nav.competition'), exact: true })
          .click();
        expect(page.url()).toBe(`${baseUrl}/${locale}/competition/`);
        const current = page.getByRole('region', { name: t('findable.competition.current') });
        expect(await current.getByRole('link').first().getAttribute('href')).toBe(`/${locale}/competition/${CURRENT}/`);
        expect(await current.getByRole('link', { name: t('competition.edition.enter') }).getAttribute('href')).toBe(
          `/${locale}/competition/entries/`,
        );
        // axe runs in the page, so only with JavaScript on.
        if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);

        await page.goto(`${baseUrl}/${locale}/campaigns/next-door-family/`);
        await page.getByRole('link', { name: t('findable.campaign.lunches'), exact: true }).click();
        expect(page.url()).toBe(`${baseUrl}/${locale}/lunches/`);
        await page.goto(`${baseUrl}/${locale}/campaigns/migrants-in-the-spotlight/`);
        await page.getByRole('link', { name: t('findable.campaign.competition'), exact: true }).click();
        expect(page.url()).toBe(`${baseUrl}/${locale}/competition/${CURRENT}/`);

        // Nobody is signed in: the header's plain link, whether or not the island ran.
        await page.goto(`${baseUrl}/${locale}/`);
        await page.waitForLoadState('networkidle');
        const header = page.getByRole('banner');
        expect(
          await header.getByRole('link', { name: t('findable.account.link'), exact: true }).getAttribute('href'),
        ).toBe(`/${locale}/account/`);
        // axe runs in the page, so only with JavaScript on.
        if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });
    }

  it('the redirect names no year and is not personal; the competition page reflows at 320 px in every locale', async () => {
    const { context, page } = await openPage(browser(), { viewport: { width: 320, height: 640 } });
    const response = await page.request.get(`${baseUrl}/uk/competition/current/`, { maxRedirects: 0 });
    expect([response.status(), response.headers().location, response.headers()['cache-control']]).toEqual([
      302,
      `/uk/competition/${CURRENT}/`,
      'public, max-age=60',
    ]);
    for (const locale of locales) {
      for (const path of ['/', '/competition/', '/lunches/']) {
        await page.goto(`${baseUrl}/${locale}${path}`);
        expect(`${locale}${path}: ${await sideways(page)}`).toBe(`${locale}${path}: false`);
      }
    }
    await context.close();
  });
});

describe('the header shows who is signed in', () => {
  it('a juror: their address and jury work, no admin; the static HTML stays anonymous; JavaScript off shows the plain link; sign-out from the header', async () => {
    const t = useTranslations('en');
    const { context, page, errors } = await openPage(browser(), { viewport: { width: 320, height: 640 } });
    await signInByEmail(page, JUROR);
    await page.goto(`${baseUrl}/en/stories/`);
    const header = page.getByRole('banner');
    const menu = header.locator('details.account-menu');
    // At 320 px the account is in the header's folded menu (issue 16 item 2): open it first.
    const siteMenu = header.locator('details.site-menu > summary');
    await siteMenu.click();
    await menu.locator('summary').waitFor();
    expect(await menu.locator('summary').innerText()).toBe(`Signed in as ${JUROR}`);
    await menu.locator('summary').click();
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Your account', 'My jury work (2026)']);
    expect(await menu.getByRole('link', { name: 'My jury work (2026)' }).getAttribute('href')).toBe('/en/jury/2026/');
    expect(await sideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    // The page itself is the same static file for everyone: no address in it, and the answer
    // about the person is never stored.
    const html = await (await page.request.get(`${baseUrl}/en/stories/`)).text();
    expect(html).not.toContain(JUROR);
    const asked = await page.request.get(`${baseUrl}/api/auth/session`);
    expect(asked.headers()['cache-control']).toBe('no-store');

    // The account page links the same areas.
    await page.goto(`${baseUrl}/en/account/`);
    const areas = page.getByRole('region', { name: t('findable.account.areas') });
    expect(await areas.getByRole('link').allInnerTexts()).toEqual(['My jury work (2026)']);

    // JavaScript off, still signed in: the plain link, correct for anyone.
    const noJs = await browser().newContext(
      asTestClient({ javaScriptEnabled: false, storageState: await context.storageState() }),
    );
    const plain = await noJs.newPage();
    await plain.goto(`${baseUrl}/en/`);
    expect(
      await plain.getByRole('banner').getByRole('link', { name: 'Account', exact: true }).getAttribute('href'),
    ).toBe('/en/account/');
    expect(await plain.getByRole('banner').innerText()).not.toContain(JUROR);
    await noJs.close();

    await page.goto(`${baseUrl}/en/`);
    await siteMenu.click();
    await menu.locator('summary').click();
    await menu.getByRole('button', { name: 'Sign out' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/account/signed-out/`);
    // The plain link is back (in the folded menu at 320 px, so attached rather than visible).
    expect(await header.locator('[data-account] > a').textContent()).toBe('Account');
    expect(await header.locator('details.account-menu').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an administrator gets the admin home in the menu, in Ukrainian', async () => {
    const t = useTranslations('uk');
    const { context, page, errors } = await openPage(browser());
    await signInByEmail(page, ADMIN);
    await page.goto(`${baseUrl}/uk/`);
    const menu = page.getByRole('banner').locator('details.account-menu');
    await menu.locator('summary').click();
    expect(await menu.getByRole('link').allInnerTexts()).toEqual([
      t('findable.account.mine'),
      t('findable.account.admin'),
    ]);
    expect(await menu.getByRole('link', { name: t('findable.account.admin') }).getAttribute('href')).toBe('/uk/admin/');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
