// People's choice, the whole journey in sk, en and uk at 390 px with axe on every page (axe needs
// JavaScript, so there the form's proof-of-work solver runs); once more in en without JavaScript
// (the free posts pass without proof of work, as on every public form). The
// mail read from the local outbox (/dev/mail), the mailed link opened by GET and HEAD first (nothing
// counted), its page's one button, the thank-you page; axe on every page. The manager's page shows
// that exactly one vote per address was counted, a re-cased address included.
import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, mailLink, newestMailTo, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
const MANAGER = 'e2e-votes-manager@example.org';
const PHONE = { viewport: { width: 390, height: 844 } };
const ballot = (lang: string) => `${baseUrl}/${lang}/competition/2026/vote/`;

const texts = {
  sk: {
    h1: 'Cena verejnosti: Migranti v centre pozornosti 2026',
    send: 'Poslať odkaz',
    cast: 'Odovzdať hlas',
    thanks: 'Ďakujeme za váš hlas',
  },
  en: {
    h1: "People's choice: Migrants in the Spotlight 2026",
    send: 'Send me the link',
    cast: 'Cast my vote',
    thanks: 'Thank you for voting',
  },
  uk: {
    h1: 'Вибір публіки: Мігранти в центрі уваги 2026',
    send: 'Надіслати посилання',
    cast: 'Віддати голос',
    thanks: 'Дякуємо за ваш голос',
  },
} as const;

/** The manager's count for the first work on the ballot (the row names the work). */
async function countFor(title: string): Promise<number> {
  const { context, page } = await openPage(browser(), PHONE);
  await signInByEmail(page, MANAGER);
  await page.goto(`${baseUrl}/en/admin/competition/2026/votes/`);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${title}`) }) });
  const n = Number(await row.locator('td').last().innerText());
  await context.close();
  return n;
}

describe("people's choice in the browser", () => {
  let title = '';
  let before = 0;

  it('the ballot shows the demo vote, works and outlets, no counts', async () => {
    const { context, page } = await openPage(browser(), { ...PHONE, javaScriptEnabled: false });
    // The edition's page links the vote while it is open.
    await page.goto(`${baseUrl}/en/competition/2026/`);
    await page.getByRole('link', { name: "Vote in the people's choice" }).click();
    expect(page.url()).toBe(ballot('en'));
    expect(await page.locator('h1').innerText()).toBe(texts.en.h1);
    expect(await page.locator('main').innerText()).toContain('Demo vote');
    title = (await page.locator('main .ballot h3').first().innerText()).trim();
    expect(await page.locator('main').innerText()).not.toMatch(/\d+ votes?\b/);
    await context.close();
    before = await countFor(title);
  });

  for (const lang of ['sk', 'en', 'uk'] as const) {
    it(`${lang}: choose a work, get the link by mail, GET/HEAD do nothing, the button casts (axe, 390 px)`, async () => {
      const { context, page, errors } = await openPage(browser(), PHONE);
      const email = `e2e-voter-${lang}@example.org`;
      await page.goto(ballot(lang));
      expect(await page.locator('h1').innerText()).toBe(texts[lang].h1);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('main .ballot a.button').first().click();
      expect(page.url()).toMatch(new RegExp(`/${lang}/competition/2026/vote/request/\\?entry=`));
      expect(await axeViolations(page)).toEqual([]);

      // An address that is not one: the error summary, the typed value kept, axe on the error state.
      await page.locator('#vote-email').fill('not-an-address');
      await page.getByRole('button', { name: texts[lang].send }).click();
      // The form first finishes its proof of work, then posts.
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').count()).toBe(1);
      expect(await page.locator('#vote-email').inputValue()).toBe('not-an-address');
      expect(await axeViolations(page)).toEqual([]);

      await page.locator('#vote-email').fill(email);
      await page.getByRole('button', { name: texts[lang].send }).click();
      await page.waitForURL(/sent=1/);
      expect(await page.getByRole('status').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      const link = mailLink(await newestMailTo(page, email), `/${lang}/competition/2026/vote/confirm/?token=`);
      // A mail scanner: GET and HEAD without cookies, several times. Nothing may be cast.
      for (const method of ['GET', 'HEAD', 'GET']) {
        const response = await page.request.fetch(link, { method });
        expect(response.status()).toBe(200);
      }
      await page.goto(link);
      expect(await page.locator('main form button').innerText()).toBe(texts[lang].cast);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: texts[lang].cast }).click();
      await page.waitForURL(`${baseUrl}/${lang}/competition/2026/vote/thanks/`);
      expect(await page.locator('h1').innerText()).toBe(texts[lang].thanks);
      expect(await axeViolations(page)).toEqual([]);
      // The link again: it says the vote is counted, and offers no button.
      await page.goto(link);
      expect(await page.locator('main form').count()).toBe(0);
      // The one failed load is the form's answer to the address that is not one (422, on purpose).
      expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
      await context.close();
    });
  }

  it('a link that does not work is explained once, whether opened or its form is posted without a token', async () => {
    const { context, page } = await openPage(browser(), PHONE);
    const confirm = `${baseUrl}/en/competition/2026/vote/confirm/`;
    const opened = await page.goto(`${confirm}?token=not-a-real-token`);
    expect(opened?.status()).toBe(410);
    expect(await page.locator('h1').innerText()).toBe('This link does not work');
    // The same page's form posted with no token (a hand-made or replayed post, from the site itself).
    await Promise.all([
      page.waitForNavigation(),
      page.evaluate(() => {
        const form = document.createElement('form');
        form.method = 'post';
        form.innerHTML = '<input type="hidden" name="token" value="">';
        document.body.appendChild(form);
        form.submit();
      }),
    ]);
    expect(await page.locator('h1').innerText()).toBe('This link does not work');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.locator('main p').first().innerText()).toBe(
      'The link is wrong or has expired. Choose the work again to get a new link.',
    );
    await context.close();
  });

  it('without JavaScript, a re-cased address votes again: counted once per address; the manager page in sk/en/uk', async () => {
    const { context, page } = await openPage(browser(), { ...PHONE, javaScriptEnabled: false });
    await page.goto(ballot('en'));
    await page.locator('main .ballot a.button').first().click();
    await page.locator('#vote-email').fill('  E2E-Voter-EN@Example.ORG ');
    await page.getByRole('button', { name: texts.en.send }).click();
    await page.waitForURL(/sent=1/);
    const link = mailLink(
      await newestMailTo(page, 'e2e-voter-en@example.org'),
      '/en/competition/2026/vote/confirm/?token=',
    );
    await page.goto(link);
    await page.getByRole('button', { name: texts.en.cast }).click();
    await page.waitForURL(/\/vote\/thanks\//);
    await context.close();
    expect(await countFor(title)).toBe(before + 3);

    const manager = await openPage(browser(), PHONE);
    await signInByEmail(manager.page, MANAGER);
    for (const lang of ['sk', 'en', 'uk']) {
      await manager.page.goto(`${baseUrl}/${lang}/admin/competition/2026/votes/`);
      expect(await manager.page.locator('main table').count()).toBeGreaterThan(0);
      expect(await axeViolations(manager.page)).toEqual([]);
    }
    await manager.context.close();
  });
});
