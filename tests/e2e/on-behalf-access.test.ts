// The caseworker's on-behalf sign-up form (/…/admin/lunches/on-behalf/) is for those who may sign
// families up (`signups.createOnBehalf`): a tester found it open to anyone — a visitor or a juror
// filled the whole household form in only to read "You do not have permission" on sending. Nobody
// signed in gets the sign-in page; someone signed in without the permission a 403 page without the
// form, in the page's language (390 px, JavaScript off, axe), and a post from them writes nothing.
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { guestSignUp } from '../../functions/testing/factories.ts';
import { axeViolations, baseUrl, openPage, signInByEmail, testClientAddress, useBrowser } from './browser.ts';

const browser = useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, javaScriptEnabled: false };
/** The demo lunch day in Bratislava that scripts/seed-lunches.mjs keeps two weeks ahead. */
const DEMO_DAY = '7d1c6a52-0001-4a6b-9f00-000000000001';
/** A demo juror of 2026 (scripts/seed-jury.ts): signed in, but no caseworker. */
const JUROR = 'jan.novak@jury.example.org';

describe('the on-behalf sign-up form is for caseworkers only', () => {
  it.each(locales)('%s: nobody signed in is sent to sign in', async (locale) => {
    const { context, page } = await openPage(browser(), PHONE);
    const path = `/${locale}/admin/lunches/on-behalf/?day=${DEMO_DAY}`;
    await page.goto(`${baseUrl}${path}`);
    expect(page.url()).toBe(`${baseUrl}/${locale}/account/sign-in/?return=${encodeURIComponent(path)}`);
    await context.close();
  });

  it('someone signed in without the permission gets 403 and no form, and their post writes nothing (sk/en/uk)', async () => {
    const { context: signIn, page: first } = await openPage(browser());
    await signInByEmail(first, JUROR);
    const storageState = await signIn.storageState();
    await signIn.close();
    for (const locale of locales) {
      const t = useTranslations(locale);
      const { context, page } = await openPage(browser(), { ...PHONE, storageState });
      const url = `${baseUrl}/${locale}/admin/lunches/on-behalf/?day=${DEMO_DAY}`;
      expect((await page.goto(url))?.status()).toBe(403);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('main').innerText()).toContain(t('errors.auth.forbidden'));
      expect(await page.locator('#lunch-role').count()).toBe(0);
      // axe needs JavaScript: the same 403 page in a browser that has it.
      const withJs = await openPage(browser(), { viewport: PHONE.viewport, storageState });
      expect((await withJs.page.goto(url))?.status()).toBe(403);
      expect(await axeViolations(withJs.page)).toEqual([]);
      await withJs.context.close();
      const body = new URLSearchParams({ consentRecorded: 'on' });
      for (const [name, value] of Object.entries(guestSignUp(`on-behalf-${locale}@example.org`)))
        for (const one of [value].flat()) body.append(name, String(one));
      const posted = await page.request.post(url, {
        headers: {
          origin: baseUrl,
          'content-type': 'application/x-www-form-urlencoded',
          'cf-connecting-ip': testClientAddress,
        },
        data: body.toString(),
        maxRedirects: 0,
      });
      expect(posted.status()).toBe(403);
      expect(await posted.text()).toContain(t('errors.auth.forbidden'));
      await context.close();
    }
  });
});
