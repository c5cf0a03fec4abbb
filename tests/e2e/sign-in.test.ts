import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, mailLink, newestMailTo, openPage, useBrowser, openMailedLink } from './browser.ts';

const browser = useBrowser();
// Created by scripts/test.mjs with `admin:create`; the leaver deletes their own account.
const ADMIN = 'e2e-admin@example.org';
const LEAVER = 'e2e-leaver@example.org';

describe('sign-in by magic link', () => {
  it('signs in with the link from the local outbox, with a __Host- session cookie, and signs out', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(`${baseUrl}/en/account/`);
    expect(page.url()).toBe(`${baseUrl}/en/account/sign-in/?return=%2Fen%2Faccount%2F`);
    await page.getByLabel("Your account's email address").fill(ADMIN);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    // The form first finishes its proof of work, then posts.
    await page.waitForURL(`${baseUrl}/en/account/check-inbox/`);

    const link = mailLink(await newestMailTo(page, ADMIN), '/api/auth/callback?token=');
    // The same link in another browser is refused, and does not use the link up.
    const other = await openPage(browser());
    await openMailedLink(other.page, link);
    // The link was mailed in the language of the page it was asked from (English).
    expect(other.page.url()).toBe(`${baseUrl}/en/account/link-invalid/`);
    await other.context.close();

    // Back to the page that asked for the sign-in (not the account's own language).
    await openMailedLink(page, link);
    expect(page.url()).toBe(`${baseUrl}/en/account/`);
    expect(await page.locator('h1').innerText()).toBe('Your account');
    expect(await page.locator('dl').innerText()).toContain(ADMIN);
    expect(await page.locator('dl').innerText()).toContain('administrator');
    const session = (await context.cookies()).find((c) => c.name === '__Host-spotlight-session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });

    await openMailedLink(page, link);
    expect(page.url()).toBe(`${baseUrl}/en/account/link-invalid/`);

    await page.goto(`${baseUrl}/sk/account/`);
    await page.getByRole('button', { name: 'Odhlásiť sa', exact: true }).click();
    expect(page.url()).toBe(`${baseUrl}/sk/account/signed-out/`);
    await page.goto(`${baseUrl}/sk/account/`);
    expect(page.url()).toBe(`${baseUrl}/sk/account/sign-in/?return=%2Fsk%2Faccount%2F`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the error summary and keeps the typed address', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/uk/account/sign-in/`);
    await page.getByLabel('Електронна адреса вашого облікового запису').fill('ne-adresa');
    await page.getByRole('button', { name: 'Надіслати посилання для входу' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Введіть електронну адресу в правильному форматі');
    expect(await page.getByLabel('Електронна адреса вашого облікового запису').inputValue()).toBe('ne-adresa');
    await context.close();
  });

  it('downloads all my data and deletes my account (S19)', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(`${baseUrl}/sk/account/sign-in/`);
    await page.getByLabel('E-mailová adresa vášho účtu').fill(LEAVER);
    await page.getByRole('button', { name: 'Poslať odkaz na prihlásenie' }).click();
    await page.waitForURL(`${baseUrl}/sk/account/check-inbox/`);
    await openMailedLink(page, mailLink(await newestMailTo(page, LEAVER), '/api/auth/callback?token='));
    expect(page.url()).toBe(`${baseUrl}/sk/account/`);
    expect(await axeViolations(page)).toEqual([]);

    const download = await page.request.get(`${baseUrl}/api/auth/me/export`);
    expect(download.headers()['content-disposition']).toBe('attachment; filename="spotlight-my-data.json"');
    expect(((await download.json()) as { account: { email: string } }).account.email).toBe(LEAVER);

    await page.getByRole('link', { name: 'Zrušiť účet' }).click();
    await page.getByRole('button', { name: 'Natrvalo zrušiť môj účet' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Potvrďte, že rozumiete');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Rozumiem, že sa to nedá vrátiť späť').check();
    await page.getByRole('button', { name: 'Natrvalo zrušiť môj účet' }).click();
    expect(page.url()).toBe(`${baseUrl}/sk/account/deleted/`);
    await page.goto(`${baseUrl}/sk/account/`);
    expect(page.url()).toBe(`${baseUrl}/sk/account/sign-in/?return=%2Fsk%2Faccount%2F`);
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
    await context.close();
  });
});
