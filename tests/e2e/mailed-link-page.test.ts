import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Locale, locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { axeViolations, baseUrl, mailLink, newestMailTo, openPage, useBrowser } from './browser.ts';

// Issue 16 fault (c): the page a mailed link opens (S22: one button that posts, so a mail scanner
// opening the link changes nothing) is rendered in the site's layout — header, footer, the reader's
// language — with its rules kept: one button posting the link, noindex, never cached, no Referer
// to other sites.

const browser = useBrowser();

/** Signs `address` up for the newsletter through the footer form and returns the mailed confirm link. */
async function confirmLink(page: Page, locale: Locale, address: string): Promise<string> {
  const t = useTranslations(locale);
  await page.goto(`${baseUrl}/${locale}/`);
  await page.locator('footer form').getByLabel(t('subscribe.emailLabel')).fill(address);
  await Promise.all([page.waitForNavigation(), page.locator('footer form button[type=submit]').click()]);
  return mailLink(await newestMailTo(page, address), '/api/subscriptions/confirm?token=');
}

describe('a mailed link opens a page in the site’s layout', () => {
  it.each(locales)(
    '%s: header, footer, language, one button posting the link; noindex, no-store, no Referer out',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page, errors } = await openPage(browser(), { viewport: { width: 390, height: 844 } });
      const link = await confirmLink(page, locale, `mailed-page-${locale}-${Date.now()}@example.org`);
      const path = link.slice(baseUrl.length);
      const response = await page.goto(link);
      expect(response?.status()).toBe(200);
      const headers = response!.headers();
      expect([headers['cache-control'], headers['referrer-policy'], headers['x-robots-tag']]).toEqual([
        'no-store',
        'same-origin',
        'noindex',
      ]);
      expect(headers['x-mailed-link']).toBeUndefined();
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.getAttribute('meta[name=robots]', 'content')).toBe('noindex');
      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await page.getByRole('contentinfo').count()).toBe(1);
      expect(await page.locator('main h1').innerText()).toBe(t('mailedLink.newsletterConfirm.title'));
      expect(await page.locator('main button').allInnerTexts()).toEqual([t('mailedLink.newsletterConfirm.button')]);
      expect(await page.locator('main form').getAttribute('method')).toBe('post');
      expect(await page.locator('main form').getAttribute('action')).toBe(path);
      // The language switcher opens the same link in another language.
      const other = locales.find((l) => l !== locale)!;
      // (In the header's menu, folded on a phone.)
      const switched = new URL(
        (await page.locator(`nav.language-switcher a[hreflang=${other}]`).getAttribute('href'))!,
        baseUrl,
      );
      expect([switched.pathname, switched.searchParams.get('lang'), switched.searchParams.get('token')]).toEqual([
        '/api/subscriptions/confirm',
        other,
        new URL(link).searchParams.get('token'),
      ]);
      expect(await page.locator('link[rel=canonical], link[rel=alternate][hreflang]').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      // A HEAD (a scanner) gets no body and no internal mark.
      const head = await page.request.head(link);
      expect([head.status(), (await head.body()).length, head.headers()['x-mailed-link']]).toEqual([200, 0, undefined]);
      // Pressing the one button does it.
      await Promise.all([page.waitForNavigation(), page.locator('main form button').click()]);
      expect(page.url()).toBe(`${baseUrl}/${locale}/stay-informed/confirmed/`);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('works without JavaScript and fits 320 px', async () => {
    const { context, page } = await openPage(browser(), {
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    const link = await confirmLink(page, 'uk', `mailed-page-nojs-${Date.now()}@example.org`);
    await page.goto(link);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    await Promise.all([page.waitForNavigation(), page.locator('main form button').click()]);
    expect(page.url()).toBe(`${baseUrl}/uk/stay-informed/confirmed/`);
    await context.close();
  });

  it.each(locales)(
    '/%s/mailed-link/ opened by its own URL is not found (only a mailed link renders it)',
    async (locale) => {
      const response = await fetch(`${baseUrl}/${locale}/mailed-link/?kind=signIn&action=/api/auth/logout`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('/api/auth/logout');
    },
  );
});
