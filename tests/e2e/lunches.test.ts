import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { formatTimeRange as formatTimes } from '../../core/dates.ts';
import { useTranslations } from '../../core/t.ts';
import {
  axeViolations,
  baseUrl,
  mailLink,
  newestMailTo,
  openPage,
  signInByEmail,
  useBrowser,
  openMailedLink,
} from './browser.ts';

const browser = useBrowser();

/**
 * The times as the page shows them, with plain spaces: the Worker's ICU and Node's may space a
 * range differently (thin or narrow no-break spaces), and `innerText` compares them as different.
 */
const plain = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, ' ');
const formatTimeRange = (locale: string, start: string, end: string) => plain(formatTimes(locale, start, end));

/** The newest mail to `address` once it is not `previous` (the outbox is sent in the background). */
async function mailAfter(page: Parameters<typeof newestMailTo>[0], address: string, previous: string) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const mail = await newestMailTo(page, address);
    if (mail !== previous) return mail;
    await page.waitForTimeout(250);
  }
  throw new Error(`no new mail to ${address}`);
}

/** The demo lunch day in Bratislava that scripts/seed-lunches.mjs keeps two weeks ahead. */
const DEMO_DAY = '7d1c6a52-0001-4a6b-9f00-000000000001';
/** The demo lunch held yesterday, with one confirmed guest family `survey-<locale>@example.org` per locale. */
const PAST_DAY = '7d1c6a52-0004-4a6b-9f00-000000000004';

describe('Next Door Family lunches, with JavaScript disabled', () => {
  it.each(locales)(
    '%s: lists the days, keeps typed values on errors, signs up, confirms by mail and shows the place',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page, errors } = await openPage(browser(), { javaScriptEnabled: false });
      const address = `lunch-${locale}-${Date.now()}@example.org`;

      await page.goto(`${baseUrl}/${locale}/lunches/`);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.title'));
      await page.locator(`a[href$="?day=${DEMO_DAY}"]`).click();
      expect(page.url()).toBe(`${baseUrl}/${locale}/lunches/sign-up/?day=${DEMO_DAY}`);

      // Without JavaScript the role comes first: "Continue" brings back the form with that side's
      // questions only (the guests' diet; the hosts' seats stay hidden and are not sent).
      expect(await page.locator('#lunch-seats').isVisible()).toBe(false);
      expect(await page.locator('#lunch-diets-halal').isVisible()).toBe(false);
      await page.locator('#lunch-role').check();
      await page.getByRole('button', { name: t('lunches.form.continue'), exact: true }).click();
      await page.waitForLoadState();
      expect(await page.locator('#lunch-role').isChecked()).toBe(true);
      expect(await page.locator('#lunch-diets-halal').isVisible()).toBe(true);
      expect(await page.locator('#lunch-seats').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: t('lunches.form.continue'), exact: true }).count()).toBe(0);

      // Missing name, consents and languages: the error summary links to each field, nothing typed
      // is lost; an empty children field means none (no error for it).
      await page.locator('#lunch-email').fill(address);
      await page.locator('#lunch-town').selectOption('Senec');
      await page.locator('#lunch-children-0-2').fill('');
      await page.locator('#lunch-children-3-5').fill('2');
      await page.locator('#lunch-diets-halal').check();
      await page.getByRole('button', { name: t('lunches.form.submit'), exact: true }).click();
      expect(await page.title()).toBe(`${t('errors.titlePrefix')} ${t('lunches.form.title')} – Spotlight`);
      const summary = page.getByRole('alert');
      expect(await summary.getByRole('link').allInnerTexts()).toEqual([
        t('errors.lunch.contactNameRequired'),
        t('errors.lunch.languagesRequired'),
        t('errors.lunch.consentRequired'),
        t('errors.lunch.conductRequired'),
      ]);
      expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#lunch-contactName');
      expect(await page.locator('#lunch-email').inputValue()).toBe(address);
      expect(await page.locator('#lunch-town').inputValue()).toBe('Senec');
      expect(await page.locator('#lunch-children-3-5').inputValue()).toBe('2');
      expect(await page.locator('#lunch-diets-halal').isChecked()).toBe(true);
      expect(await page.locator('#lunch-role').isChecked()).toBe(true);

      const name = `Olena ${locale}`;
      await page.locator('#lunch-contactName').fill(name);
      await page.locator('#lunch-languages-uk').check();
      await page.locator('#lunch-consentData').check();
      await page.locator('#lunch-codeOfConduct').check();
      await page.getByRole('button', { name: t('lunches.form.submit'), exact: true }).click();
      await page.waitForURL(`${baseUrl}/${locale}/lunches/check-inbox/`);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.status.checkInbox.title'));

      const mail = await newestMailTo(page, address);
      const confirmUrl = mailLink(mail, '/api/lunches/confirm?');
      await openMailedLink(page, confirmUrl);
      expect(page.url()).toContain(`${baseUrl}/${locale}/lunches/manage/?id=`);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.manage.title'));
      expect(await page.getByRole('status').innerText()).toBe(t('lunches.manage.state.confirmed'));
      expect(await page.locator('.summary').innerText()).toContain(name);
      expect(plain(await page.locator('.summary').innerText())).toContain(formatTimeRange(locale, '12:00', '15:00'));

      // The confirmation is mailed once, in the family's language, greeting it by name, with the
      // times and the calendar file's link (a GET that only reads).
      const inbox = await context.newPage();
      const placed = await mailAfter(inbox, address, mail);
      expect(placed).toContain(t('lunches.mail.greeting', { name }));
      expect(plain(placed)).toContain(formatTimeRange(locale, '12:00', '15:00'));
      const calendarUrl = mailLink(placed, `/api/lunches/days/${DEMO_DAY}/calendar.ics?`);
      const calendar = await inbox.request.get(calendarUrl);
      expect(calendar.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      // RFC 5545 text: commas escaped.
      expect(await calendar.text()).toContain(
        `SUMMARY:${t('lunches.calendar.title', { city: 'Bratislava' }).replaceAll(',', '\\,')}\r\n`,
      );
      expect(
        await page.locator(`a[href="/api/lunches/days/${DEMO_DAY}/calendar.ics?lang=${locale}"]`).innerText(),
      ).toBe(t('lunches.manage.calendar'));

      // A change by the link: the same form, prefilled; errors keep what was typed.
      expect(await page.locator('#lunch-town').inputValue()).toBe('Senec');
      expect(await page.locator('#lunch-role').count()).toBe(0);
      expect(await page.locator('#lunch-seats').isVisible()).toBe(false);
      await page.locator('#lunch-town').selectOption('Trnava');
      await page.locator('#lunch-adults').fill('0');
      await page.getByRole('button', { name: t('lunches.manage.changeSubmit'), exact: true }).click();
      expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
        t('errors.lunch.adultsInvalid'),
      ]);
      expect(await page.locator('#lunch-town').inputValue()).toBe('Trnava');
      expect(await page.locator('#lunch-adults').inputValue()).toBe('0');
      await page.locator('#lunch-adults').fill('3');
      await page.getByRole('button', { name: t('lunches.manage.changeSubmit'), exact: true }).click();
      await page.waitForURL(/done=changed/);
      expect(await page.getByRole('status').innerText()).toContain(t('lunches.manage.changed'));
      expect(await page.locator('.summary').innerText()).toContain('Trnava (20 km)');
      expect(await page.locator('#lunch-adults').inputValue()).toBe('3');
      const changedMail = await mailAfter(inbox, address, placed);
      expect(changedMail).toContain(
        t('lunches.mail.changed.body', { organisation: '', city: 'Bratislava', date: '' }).split('\n\n').at(-1) ?? '',
      );

      // "We can't come" asks first: "No" keeps the sign-up, "Yes" frees the place.
      const manageUrl = page.url();
      await page.getByRole('link', { name: t('lunches.manage.cancel') }).click();
      await page.waitForURL(/step=cancel/);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.manage.cancelConfirm.title'));
      await page.getByRole('link', { name: t('lunches.manage.cancelConfirm.no') }).click();
      expect(await page.getByRole('status').innerText()).toBe(t('lunches.manage.state.confirmed'));
      await page.goto(`${manageUrl.replace(/&done=changed/, '')}&step=cancel`);
      await page.getByRole('button', { name: t('lunches.manage.cancelConfirm.yes') }).click();
      await page.waitForURL(`${baseUrl}/${locale}/lunches/cancelled/`);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.status.cancelled.title'));
      const cancelledMail = await mailAfter(inbox, address, changedMail);
      expect(cancelledMail).toContain(t('lunches.mail.greeting', { name }));
      // Exactly one mail for each step: the confirm link, the place, the change, the cancellation.
      await inbox.goto(`${baseUrl}/dev/mail`);
      expect(await inbox.locator('tr', { hasText: address }).count()).toBe(4);

      expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
      await context.close();
    },
  );

  it.each(locales)(
    '%s: the list, the form and its error state pass axe (axe itself needs JavaScript)',
    async (locale) => {
      const t = useTranslations(locale);
      const { context, page } = await openPage(browser());
      await page.goto(`${baseUrl}/${locale}/lunches/`);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${baseUrl}/${locale}/lunches/sign-up/?day=${DEMO_DAY}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: t('lunches.form.submit'), exact: true }).click();
      await page.getByRole('alert').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );
});

describe('the after-lunch survey', () => {
  it.each(locales)(
    '%s: mailed the day after; answered without JavaScript (errors keep the comment), once; passes axe',
    async (locale) => {
      const t = useTranslations(locale);
      const address = `survey-${locale}@example.org`;
      // wrangler dev fires no cron: run the scheduled handler (it mails the survey once).
      await fetch(`${baseUrl}/cdn-cgi/local/scheduled`);
      const withJs = await openPage(browser());
      const link = mailLink(await newestMailTo(withJs.page, address), `/${locale}/lunches/survey/?`);
      await withJs.page.goto(link);
      expect(await withJs.page.locator('h1').innerText()).toBe(t('lunches.survey.title'));
      expect(await axeViolations(withJs.page)).toEqual([]);
      await withJs.page.getByRole('button', { name: t('lunches.survey.submit') }).click();
      await withJs.page.getByRole('alert').waitFor();
      expect(await axeViolations(withJs.page)).toEqual([]);
      await withJs.context.close();

      const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
      const second = await context.newPage();
      await second.goto(link);
      await page.goto(link);
      await page.locator('#survey-comment').fill(`More time to talk (${locale})`);
      await page.getByRole('button', { name: t('lunches.survey.submit') }).click();
      expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
        t('errors.lunch.ratingRequired'),
        t('errors.lunch.meetAgainRequired'),
      ]);
      expect(await page.locator('#survey-comment').inputValue()).toBe(`More time to talk (${locale})`);
      await page.locator('#survey-rating-4').check();
      await page.locator('#survey-meetAgain').check();
      await page.getByRole('button', { name: t('lunches.survey.submit') }).click();
      await page.waitForURL(`${baseUrl}/${locale}/lunches/survey-thanks/`);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.status.surveyThanks.title'));
      // The link works once; opened again it thanks for the answer (not "this link does not work").
      await page.goto(link);
      expect(page.url()).toBe(`${baseUrl}/${locale}/lunches/survey-answered/`);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.status.surveyAnswered.title'));
      // A second submit of a form opened before the answer (another tab, Back): the same thanks.
      await second.locator('#survey-rating-5').check();
      await second.locator('#survey-meetAgain').check();
      await second.getByRole('button', { name: t('lunches.survey.submit') }).click();
      await second.waitForURL(`${baseUrl}/${locale}/lunches/survey-answered/`);
      expect(await second.locator('h1').innerText()).toBe(t('lunches.status.surveyAnswered.title'));
      await context.close();
    },
  );

  it('the coordinator sees the answers of the day, without names', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, 'e2e-coordinator@example.org');
    // Reached from the day list's "Survey" link.
    await page.goto(`${baseUrl}/en/admin/lunches/`);
    await page.locator(`a[href="/en/admin/lunches/${PAST_DAY}/survey/"]`).click();
    await page.waitForURL(`${baseUrl}/en/admin/lunches/${PAST_DAY}/survey/`);
    const section = page.getByRole('region', { name: /Survey/ });
    expect(await section.getByRole('row', { name: /Answers/ }).innerText()).toMatch(/Answers\s+0\s+3/);
    expect(await section.getByRole('row', { name: /Average rating/ }).innerText()).toMatch(/4\s*$/);
    for (const locale of locales) expect(await section.innerText()).toContain(`More time to talk (${locale})`);
    expect(await section.innerText()).not.toContain('@example.org');
    await context.close();
  });
});

describe('lunch days in the admin area', () => {
  it('a coordinator plans a lunch day with plain forms (errors keep typed values) and asks the matcher; the page passes axe', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, 'e2e-coordinator@example.org'); // created by scripts/test.mjs; admins may manage events
    await page.goto(`${baseUrl}/en/admin/lunches/`);
    expect(await page.locator('h1').innerText()).toBe('Lunch days');
    await page.locator('#day-city').selectOption('Trnava');
    await page.locator('#day-date').fill('2030-05-20');
    await page.locator('#day-startTime').fill('14:00');
    await page.locator('#day-endTime').fill('12:00');
    await page.locator('#day-signupDeadline').fill('2030-05-25');
    await page.getByRole('button', { name: 'Create lunch day' }).click();
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      'Enter a number of places from 0 to 500',
      'Enter a number of places from 0 to 500',
      'Choose at least one language',
    ]);
    expect(await page.locator('#day-city').inputValue()).toBe('Trnava');
    await page.locator('#day-hostPlaces').fill('2');
    await page.locator('#day-guestPlaces').fill('2');
    await page.locator('#day-languages').check();
    await page.locator('#day-signupDeadline').fill('2030-05-10');
    await page.getByRole('button', { name: 'Create lunch day' }).click();
    // The end must come after the start; the times typed stay.
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      'The end time must be after the start time',
    ]);
    expect(await page.getByRole('alert').getByRole('link').getAttribute('href')).toBe('#day-endTime');
    expect(await page.locator('#day-startTime').inputValue()).toBe('14:00');
    await page.locator('#day-endTime').fill('16:30');
    await page.getByRole('button', { name: 'Create lunch day' }).click();
    await page.waitForURL(`${baseUrl}/en/admin/lunches/?done=created`);
    expect(await page.getByRole('status').innerText()).toBe('The lunch day is created.');
    const row = plain(await page.getByRole('row', { name: /Trnava/ }).innerText());
    expect(row).toContain('Host: 0/2; Guest: 0/2');
    expect(row).toContain(`May 20, 2030, ${formatTimeRange('en', '14:00', '16:30')}`);

    await page.locator(`a[href="/en/admin/lunches/${DEMO_DAY}/pairs/"]`).click();
    await page.waitForURL(`${baseUrl}/en/admin/lunches/${DEMO_DAY}/pairs/`);
    expect(await page.locator('#pairs').innerText()).toBe('Proposed pairs');
    await context.close();

    const withJs = await openPage(browser());
    await signInByEmail(withJs.page, 'e2e-coordinator@example.org');
    await withJs.page.goto(`${baseUrl}/en/admin/lunches/${DEMO_DAY}/pairs/`);
    expect(await axeViolations(withJs.page)).toEqual([]);
    await withJs.context.close();
  });
});
