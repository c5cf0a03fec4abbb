import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { organisation } from '../../core/organisation.ts';
import { baseUrl, openPage, useBrowser } from './browser.ts';

const browser = useBrowser();

const neutral = new URL(organisation.quickExitUrl);

/** The neutral site is answered locally: the test machine has no internet. */
async function fakeNeutralSite(page: Page) {
  await page.route(`${neutral.origin}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }),
  );
}

describe('quick exit', () => {
  it.each(['/en/campaigns/dont-become-a-slave/', '/sk/helplines/', '/uk/campaigns/ukraine-response/'])(
    '%s has it; pages without risk do not',
    async (path) => {
      const { context, page } = await openPage(browser());
      await page.goto(`${baseUrl}${path}`);
      expect(await page.locator('[data-quick-exit]').count()).toBe(1);
      await page.goto(`${baseUrl}/en/about/`);
      expect(await page.locator('[data-quick-exit]').count()).toBe(0);
      await context.close();
    },
  );

  it('leaves by click and takes the portal out of the back history (tests/e2e/phone.test.ts: before the portal)', async () => {
    const { context, page } = await openPage(browser());
    await fakeNeutralSite(page);
    await page.goto(`${baseUrl}/en/`);
    await page.goto(`${baseUrl}/en/campaigns/dont-become-a-slave/`);
    await page.getByRole('link', { name: 'Exit this page' }).click();
    await page.waitForURL(`${neutral.origin}/**`);
    expect(await page.title()).toBe('Weather');
    // The portal's first page in this tab was replaced too: Back has nowhere to go on the portal.
    await page.goBack();
    expect(page.url()).not.toContain(baseUrl);
    await context.close();
  });

  it('leaves when Esc is pressed three times', async () => {
    const { context, page } = await openPage(browser());
    await fakeNeutralSite(page);
    await page.goto(`${baseUrl}/sk/helplines/`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
    await page.waitForURL(`${neutral.origin}/**`);
    expect(await page.title()).toBe('Weather');
    await context.close();
  });

  it('still works as a plain link without JavaScript', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/uk/campaigns/ukraine-response/`);
    expect(await page.locator('[data-quick-exit]').getAttribute('href')).toBe(organisation.quickExitUrl);
    await context.close();
  });
});
