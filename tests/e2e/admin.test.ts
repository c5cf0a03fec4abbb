import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
const ADMIN = 'e2e-admin@example.org'; // created by scripts/test.mjs with `admin:create`

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
});
