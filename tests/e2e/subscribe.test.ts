import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, mailLink, newestMailTo, openPage, useBrowser, openMailedLink } from './browser.ts';

const browser = useBrowser();

describe('Stay informed, with JavaScript disabled', () => {
  it('keeps the typed value and shows an error summary, then subscribes, confirms and unsubscribes', async () => {
    const { context, page, errors } = await openPage(browser(), { javaScriptEnabled: false });
    const address = `e2e-${Date.now()}@example.org`;

    await page.goto(`${baseUrl}/en/about/`);
    const footerForm = page.locator('footer form');
    await footerForm.getByLabel('Email address').fill('not-an-address');
    await footerForm.getByRole('button', { name: 'Subscribe' }).click();

    expect(page.url()).toBe(`${baseUrl}/en/stay-informed/`);
    expect(await page.title()).toBe('Error: Stay informed – Spotlight');
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('heading').innerText()).toBe('There is a problem');
    const summaryLink = summary.getByRole('link', {
      name: 'Enter an email address in the correct format, like name@example.com',
    });
    expect(await summaryLink.getAttribute('href')).toBe('#subscribe-email');
    const input = page.getByLabel('Email address');
    expect(await input.inputValue()).toBe('not-an-address');
    expect(await input.getAttribute('aria-invalid')).toBe('true');

    await input.fill(address);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/stay-informed/check-inbox/`);
    expect(await page.locator('h1').innerText()).toBe('Check your inbox');

    const mail = await newestMailTo(page, address);
    expect(mail).toContain('Subject: Confirm your subscription to news from IOM Slovakia');
    // Links in mails use PUBLIC_ORIGIN; mailLink points them at the server under test.
    const confirmUrl = mailLink(mail, '/api/subscriptions/confirm?token=');
    const unsubscribeUrl = mailLink(mail, '/api/subscriptions/unsubscribe?');

    await openMailedLink(page, confirmUrl);
    expect(page.url()).toBe(`${baseUrl}/en/stay-informed/confirmed/`);
    expect(await page.locator('h1').innerText()).toBe('You are subscribed');

    // Used twice (a double submit): said to be done again, not "this link does not work".
    await openMailedLink(page, confirmUrl);
    expect(page.url()).toBe(`${baseUrl}/en/stay-informed/confirmed/`);

    await openMailedLink(page, unsubscribeUrl);
    expect(page.url()).toBe(`${baseUrl}/en/stay-informed/unsubscribed/`);
    expect(await page.locator('h1').innerText()).toBe('You are unsubscribed');

    // S23 the mail provider's RFC 8058 one-click post (no Origin, no cookies) reaches the API.
    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect([oneClick.status, await oneClick.json()]).toEqual([200, { status: 'unsubscribed' }]);

    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
    await context.close();
  });

  it('the error state passes axe (axe itself needs JavaScript)', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(`${baseUrl}/uk/stay-informed/`);
    await page.getByRole('button', { name: 'Підписатися' }).click();
    expect(await page.getByRole('alert').getByRole('link').innerText()).toBe('Введіть свою електронну адресу');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
    await context.close();
  });

  it('gives a second sign-up of the same address the same answer', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    const address = `twice-${Date.now()}@example.org`;
    for (let i = 0; i < 2; i++) {
      await page.goto(`${baseUrl}/sk/`);
      await page.locator('footer form').getByLabel('E-mailová adresa').fill(address);
      await page.locator('footer form').getByRole('button', { name: 'Prihlásiť sa na odber' }).click();
      expect(page.url()).toBe(`${baseUrl}/sk/stay-informed/check-inbox/`);
      expect(await page.locator('h1').innerText()).toBe('Skontrolujte si e-mail');
    }
    await page.goto(`${baseUrl}/dev/mail`);
    expect(await page.locator('tr', { hasText: address }).count()).toBe(1);
    await context.close();
  });
});
