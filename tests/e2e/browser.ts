import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** The portal under test, started by scripts/test.mjs (or any running `npm start`). */
export const baseUrl = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:4321';

/** Debian's Chromium, with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** One browser for the test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running yet');
    return browser;
  };
}

/**
 * The client address this test file's browsers present. Every sign-in, sign-up and vote is
 * rate-limited per client address (S03); with one address for the whole run, the tests of one file
 * would use up the next file's allowance. Each test file is one client, as each visitor is.
 * Under `wrangler dev` the Worker reads `CF-Connecting-IP` from the request; in production
 * Cloudflare sets that header itself and a visitor cannot choose it.
 */
export const testClientAddress = `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;

/** Context options with this file's client address (see `testClientAddress`). */
export function asTestClient(options: BrowserContextOptions = {}): BrowserContextOptions {
  return { ...options, extraHTTPHeaders: { 'cf-connecting-ip': testClientAddress, ...options.extraHTTPHeaders } };
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(asTestClient(options));
  const page = await context.newPage();
  // Fail on the step that hangs, well before the test's own timeout.
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Opens the local mailbox (/dev/mail) and returns the newest mail's text for an address. */
export async function newestMailTo(page: Page, address: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(`${baseUrl}/dev/mail`);
    const link = page.locator('tr', { hasText: address }).locator('a').first();
    if ((await link.count()) > 0) {
      const href = await link.getAttribute('href');
      const response = await page.request.get(`${baseUrl}${href}`);
      return response.text();
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no mail to ${address} in the local mailbox`);
}

/** The first link in a mail that starts with `path`, made to point at the server under test. */
export function mailLink(mail: string, path: string): string {
  const url = new RegExp(`https?://[^/\\s]+${path.replace(/[?]/g, '\\$&')}[^\\s>]+`).exec(mail)?.[0];
  if (!url) throw new Error(`no ${path} link in:\n${mail}`);
  const parsed = new URL(url);
  return `${baseUrl}${parsed.pathname}${parsed.search}`;
}

/**
 * Opens a mailed link that changes something as a person does (S22): the link opens a page with
 * one button, and pressing it posts the link; resolves once the answer's page has loaded.
 */
export async function openMailedLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await Promise.all([page.waitForNavigation(), page.locator('main form button').click()]);
}

/**
 * Signs in through the real form and the link from the local outbox; `site` may be another
 * origin of the same server (http://localhost for passkeys).
 */
export async function signInByEmail(page: Page, email: string, site = baseUrl): Promise<void> {
  await page.goto(`${site}/en/account/sign-in/`);
  await page.getByLabel("Your account's email address").fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  // The form first finishes its proof of work, then posts.
  await page.waitForURL(`${site}/en/account/check-inbox/`);
  await openMailedLink(
    page,
    mailLink(await newestMailTo(page, email), '/api/auth/callback?token=').replace(baseUrl, site),
  );
}

/** WCAG 2.2 AA as axe checks it; the violations, reduced to what a failure message needs. */
export async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}
