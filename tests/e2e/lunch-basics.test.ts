import { describe, expect, it } from 'vitest';
import { formatTimeRange as formatTimes } from '../../core/dates.ts';
import { locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { axeViolations, baseUrl, mailLink, newestMailTo, openMailedLink, openPage, useBrowser } from './browser.ts';

// Issue 16 item 7, lunch basics as pretix users expect them, with JavaScript on at 390 px in every
// locale (the JavaScript-off journeys are in lunches.test.ts): the day's times on every page, the
// calendar file, the sign-up's side-specific questions shown as the role is ticked, the contact
// name, and "are you sure?" before cancelling. axe on each page and state.

const browser = useBrowser();

/**
 * The times as the page shows them, with plain spaces: the Worker's ICU and Node's may space a
 * range differently (thin or narrow no-break spaces), and `innerText` compares them as different.
 */
const plain = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, ' ');
const formatTimeRange = (locale: string, start: string, end: string) => plain(formatTimes(locale, start, end));
/** The demo lunch day in Bratislava (scripts/seed-lunches.mjs), 12:00–15:00 at a shared place. */
const DEMO_DAY = '7d1c6a52-0001-4a6b-9f00-000000000001';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Whether the page is no wider than the viewport (no sideways scrolling). */
const fits = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('lunch basics with JavaScript, on a phone', () => {
  it.each(locales)(
    '%s: times on the list and the form; each side sees only its own questions; sign-up, calendar, are-you-sure',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page, errors } = await openPage(browser(), phone);
      const time = formatTimeRange(locale, '12:00', '15:00');

      await page.goto(`${baseUrl}/${locale}/lunches/`);
      const card = page.locator('.lunch-day', { has: page.locator(`a[href$="?day=${DEMO_DAY}"]`) });
      expect(plain(await card.locator('.lunch-time').innerText())).toBe(`${time} ${t('lunches.timeZoneNote')}`);
      expect(await fits(page)).toBe(true);

      await card.locator(`a[href$="?day=${DEMO_DAY}"]`).click();
      await page.waitForURL(`${baseUrl}/${locale}/lunches/sign-up/?day=${DEMO_DAY}`);
      expect(plain(await page.locator('main .lead').first().innerText())).toContain(time);
      // No "Continue" with JavaScript: ticking a role shows that side's questions at once.
      expect(await page.getByRole('button', { name: t('lunches.form.continue'), exact: true }).count()).toBe(0);
      expect([
        await page.locator('#lunch-seats').isVisible(),
        await page.locator('#lunch-diets-halal').isVisible(),
      ]).toEqual([false, false]);
      await page.locator('#lunch-role-host').check();
      expect([
        await page.locator('#lunch-seats').isVisible(),
        await page.locator('#lunch-diets-halal').isVisible(),
      ]).toEqual([true, false]);
      expect(await page.getByRole('group', { name: t('lunches.form.hostSection') }).isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(await fits(page)).toBe(true);
      await page.locator('#lunch-role').check();
      expect([
        await page.locator('#lunch-seats').isVisible(),
        await page.locator('#lunch-diets-halal').isVisible(),
      ]).toEqual([false, true]);

      // A guest signs up; a host's answer typed before switching is not sent (the section is disabled).
      const address = `basics-${locale}-${Date.now()}@example.org`;
      const name = `Mariia ${locale}`;
      await page.locator('#lunch-contactName').fill(name);
      await page.locator('#lunch-email').fill(address);
      await page.locator('#lunch-languages-uk').check();
      await page.locator('#lunch-town').selectOption('Pezinok');
      await page.locator('#lunch-children-6-11').fill('');
      await page.locator('#lunch-consentData').check();
      await page.locator('#lunch-codeOfConduct').check();
      await page.getByRole('button', { name: t('lunches.form.submit'), exact: true }).click();
      await page.waitForURL(`${baseUrl}/${locale}/lunches/check-inbox/`, { timeout: 30_000 });

      await openMailedLink(
        page,
        mailLink(await newestMailTo(await context.newPage(), address), '/api/lunches/confirm?'),
      );
      expect(page.url()).toContain(`${baseUrl}/${locale}/lunches/manage/?id=`);
      const summary = plain(await page.locator('.summary').innerText());
      expect(summary).toContain(name);
      expect(summary).toContain(time);
      const calendar = page.getByRole('link', { name: t('lunches.manage.calendar') });
      expect(await calendar.getAttribute('href')).toBe(`/api/lunches/days/${DEMO_DAY}/calendar.ics?lang=${locale}`);
      const ics = await page.request.get(`${baseUrl}${await calendar.getAttribute('href')}`);
      expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
      // The guest's change form has no host questions.
      expect(await page.locator('#lunch-seats').count()).toBe(1);
      expect(await page.locator('#lunch-seats').isVisible()).toBe(false);
      expect(await page.locator('#lunch-diets-halal').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(await fits(page)).toBe(true);

      // "Are you sure?" is a page of its own (a GET that changes nothing), then one button.
      await page.getByRole('link', { name: t('lunches.manage.cancel') }).click();
      await page.waitForURL(/step=cancel/);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.manage.cancelConfirm.title'));
      expect(await axeViolations(page)).toEqual([]);
      expect(await fits(page)).toBe(true);
      await page.getByRole('button', { name: t('lunches.manage.cancelConfirm.yes') }).click();
      await page.waitForURL(`${baseUrl}/${locale}/lunches/cancelled/`);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
