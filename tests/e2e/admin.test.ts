import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { asTestClient, axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
const ADMIN = 'e2e-admin@example.org'; // created by scripts/test.mjs with `admin:create`

/**
 * At 320 px: whether the page's content (`main`) fits without scrolling sideways; wide tables
 * scroll inside their own region. (The header's site search is the header's own work, issue 16 item 2.)
 */
async function fitsAt320(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  return page.evaluate(() => {
    const main = document.querySelector('main')!;
    return main.scrollWidth <= main.clientWidth;
  });
}

describe('the admin area', () => {
  it('invites a juror, shows the audit log, and works by keyboard without JavaScript', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, ADMIN);
    await page.goto(`${baseUrl}/en/admin/`);
    expect(await page.locator('h1').innerText()).toBe('Administration');

    // A bad address comes back with the error summary and the typed values.
    await page.locator('main').getByLabel('Email address').fill('not-an-address');
    await page.getByLabel('Role', { exact: true }).selectOption('juror');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Enter an email address in the correct format');
    expect(await page.locator('main').getByLabel('Email address').inputValue()).toBe('not-an-address');
    expect(await page.getByLabel('Role', { exact: true }).inputValue()).toBe('juror');

    const juror = `juror-${Date.now()}@example.org`;
    await page.locator('main').getByLabel('Email address').fill(juror);
    await page.getByLabel('Competition edition (optional)', { exact: true }).fill('edition:2027');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/?done=invite`);
    expect(await page.getByRole('status').innerText()).toBe('The invitation has been sent.');
    // The list is sorted by address and paged: find the new account by searching for it.
    await page.goto(`${baseUrl}/en/admin/?q=${encodeURIComponent(juror)}`);
    const row = page
      .locator('table')
      .first()
      .getByRole('row', { name: new RegExp(juror) });
    expect(await row.innerText()).toContain('juror (edition:2027)');
    expect(await page.locator('table').nth(1).innerText()).toContain('role.granted');
    await context.close();
  });

  it('has no axe violations', async () => {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, ADMIN);
    await page.goto(`${baseUrl}/sk/admin/`);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('sends people who are not signed in to the sign-in page', async () => {
    const { context, page } = await openPage(browser());
    await page.goto(`${baseUrl}/uk/admin/`);
    expect(page.url()).toBe(`${baseUrl}/uk/account/sign-in/?return=%2Fuk%2Fadmin%2F`);
    await context.close();
  });

  it('finds, opens and changes an account on its own page: no role preselected, admin only when confirmed (no JavaScript)', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, ADMIN);
    await page.goto(`${baseUrl}/en/admin/`);
    // The home links every area an administrator may use.
    const areas = page.getByRole('navigation', { name: 'Your areas' }).getByRole('link');
    expect(await areas.allInnerTexts()).toEqual([
      'Accounts and roles',
      'Competition',
      'Family lunches',
      'Library downloads and impact',
      'Jury: jurors, rounds and assignments',
      'Results and winners: lock and publish',
      'Jury results: leaderboards, fairness, exports',
    ]);
    const person = `person-${Date.now()}@example.org`;
    await page.locator('main').getByLabel('Email address').fill(person);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    expect(await page.getByRole('status').innerText()).toBe('The invitation has been sent.');
    // The administrator role cannot be given by invitation.
    expect(await page.getByLabel('Role', { exact: true }).locator('option').allInnerTexts()).not.toContain(
      'administrator',
    );

    // Search by address: exactly this person; by role: only holders of it.
    await page.getByLabel('Find accounts by address').fill(person.toUpperCase());
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/?q=${encodeURIComponent(person.toUpperCase())}&role=`);
    const rows = page.locator('table').first().locator('tbody tr');
    expect(await rows.allInnerTexts()).toEqual([`${person}\tactive\t—`]);
    expect(await page.getByRole('navigation', { name: 'Pages' }).innerText()).toBe('Page 1 of 1 · 1 in all');
    await page.getByLabel('Find accounts by address').fill('e2e-');
    await page.getByLabel('Has the role').selectOption('admin');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const admins = await rows.locator('th').allInnerTexts();
    expect(admins).toContain(ADMIN);
    expect(admins.every((email) => email.startsWith('e2e-'))).toBe(true);
    // Paging keeps the search: 1 per page would be too few to offer, so ask for 10 and follow "Next" if any.
    await page.goto(`${baseUrl}/en/admin/?size=10`);
    expect(await page.getByRole('navigation', { name: 'Pages' }).innerText()).toMatch(
      /^Page 1 of \d+ · \d+ in all(\n+Next page)?$/,
    );
    expect(await rows.count()).toBeLessThanOrEqual(10);

    await page.goto(`${baseUrl}/en/admin/?q=${encodeURIComponent(person)}`);
    await page.locator('table').first().getByRole('link', { name: person, exact: true }).click();
    expect(await page.locator('h1').innerText()).toBe(`Account: ${person}`);
    expect(await page.getByLabel('Role', { exact: true }).inputValue()).toBe('');
    // Nothing chosen: refused.
    await page.getByRole('button', { name: 'Give the role' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Choose a role from the list');
    // Administrator without the confirmation: refused, the choice kept.
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    await page.getByRole('button', { name: 'Give the role' }).click();
    expect(await page.getByRole('alert').innerText()).toContain(
      'Confirm that you are making this person an administrator',
    );
    expect(await page.getByLabel('Role', { exact: true }).inputValue()).toBe('admin');
    await page.getByLabel(/I confirm that this person becomes an administrator/).check();
    await page.getByRole('button', { name: 'Give the role' }).click();
    expect(await page.getByRole('status').innerText()).toBe('The role has been added.');
    expect(await page.locator('section[aria-labelledby=roles] ul li').allInnerTexts()).toHaveLength(1);
    expect(await page.getByRole('button', { name: 'Remove administrator' }).count()).toBe(1);
    expect(await page.locator('section[aria-labelledby=history] tbody tr').first().innerText()).toContain(
      'role.granted role: admin',
    );
    await page.getByRole('button', { name: 'Remove administrator' }).click();
    expect(await page.getByRole('status').innerText()).toBe('The role has been removed.');
    expect(await page.locator('section[aria-labelledby=roles]').innerText()).toContain('No roles.');
    const personPage = page.url().replace(/\?.*$/, '');

    // Every locale: axe clean, and nothing scrolls sideways at 320 px (axe needs JavaScript: the
    // same signed-in session in a browser with it on).
    const withJs = await browser().newContext(asTestClient({ storageState: await context.storageState() }));
    await context.close();
    const jsPage = await withJs.newPage();
    for (const locale of locales) {
      for (const path of ['/admin/', personPage.replace(`${baseUrl}/en`, '')]) {
        await jsPage.setViewportSize({ width: 1280, height: 800 });
        await jsPage.goto(`${baseUrl}/${locale}${path}`);
        expect([locale, path, await axeViolations(jsPage)]).toEqual([locale, path, []]);
        expect([locale, path, await fitsAt320(jsPage)]).toEqual([locale, path, true]);
      }
    }
    await withJs.close();
  });
});
