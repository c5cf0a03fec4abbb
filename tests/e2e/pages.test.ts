import { describe, expect, it } from 'vitest';
import { isLocale } from '../../core/locales.ts';
import { axeViolations, baseUrl, openPage, useBrowser } from './browser.ts';
import { singleLanguagePages, sitePages } from './site-pages.ts';

const browser = useBrowser();

const pages = sitePages();

describe('every page in every locale', () => {
  it('covers the three locales', () => {
    for (const locale of ['sk', 'en', 'uk']) {
      expect(pages.filter((p) => p.path.startsWith(`/${locale}/`)).length).toBeGreaterThanOrEqual(25);
    }
  });

  it.each(pages)(
    '$path opens without console errors, with 0 axe violations and no JavaScript',
    async ({ path, status }) => {
      const { context, page, errors } = await openPage(browser());
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status()).toBe(status);
      const locale = path.split('/')[1];
      expect(await page.getAttribute('html', 'lang')).toBe(isLocale(locale) ? locale : 'sk');
      expect(await page.locator('h1').count()).toBe(1);
      // 0 bytes of JavaScript, except the quick exit, the documentary's chapter links, search, the
      // materials filter, the sign-in and stay-informed pages (passkeys, proof of work), and the
      // header's account island (who is signed in, asked of /api/auth/session; never in the HTML).
      const enhanced = await page
        .locator(
          '[data-quick-exit], #film-player, [data-search], [data-materials-filter], form[data-pow], [data-passkey-sign-in], [data-account]',
        )
        .count();
      expect(await page.locator('script').count()).toBeLessThanOrEqual(enhanced);
      if (status === 200) {
        expect(await page.locator('link[rel=alternate][hreflang=x-default]').count()).toBe(
          singleLanguagePages.includes(path) ? 0 : 1,
        );
        expect(await page.getAttribute('link[rel=canonical]', 'href')).toBe(
          new URL(path, 'http://127.0.0.1:4321').href,
        );
        const ogImage = new URL((await page.getAttribute('meta[property="og:image"]', 'content')) ?? '');
        const image = await page.request.get(`${baseUrl}${ogImage.pathname}`);
        expect([image.status(), image.headers()['content-type']]).toEqual([200, 'image/png']);
      }
      expect(await axeViolations(page)).toEqual([]);
      // Console errors include 404s of the page itself; only count the others.
      expect(errors.filter((e) => !(status === 404 && e.includes('404')))).toEqual([]);
      await context.close();
    },
  );
});
