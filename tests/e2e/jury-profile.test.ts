import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
// Demo jurors (functions/jury/demo-jury.ts) no other browser test signs in as: Mária reads
// Slovak, Czech and English and works for Denník N; Oleksandr and Ioana are used for the prompt
// and for axe. The managers' account is made by scripts/e2e.mjs (an administrator).
const MARIA = 'maria.kovacova@jury.example.org';
const OLEKSANDR = 'oleksandr.bondar@jury.example.org';
const IOANA = 'ioana.popescu@jury.example.org';
const MANAGER = 'e2e-jury-conflicts@example.org';
const ROUND = 'demo-2026-round-1';
const PHONE = { width: 390, height: 844 };

/** Whether the page scrolls sideways (it must not at 390 px). */
const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe("the juror's profile", () => {
  it('sets languages with levels, expertise, bio and outlet without JavaScript at 390 px; a refused save keeps everything typed', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, MARIA);
    await page.goto(`${baseUrl}/en/jury/2026/`);
    // "My jury work" shows the profile in short and leads to the form.
    const facts = page.locator('main dl.facts');
    expect(await facts.locator('dd').first().innerText()).toBe('Slovak (native), Czech (fluent), English (fluent)');
    expect(await facts.locator('dd').nth(1).innerText()).toBe('Written and online journalism');
    await page.getByRole('link', { name: 'Change your profile and conflicts' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/jury/2026/profile/`);
    expect(await page.locator('h1').innerText()).toBe('Your juror profile – 2026');
    const languages = page.getByRole('group', { name: 'Languages you read' });
    // One row per language of the edition, named in the page's language, with the saved level.
    expect(await languages.getByRole('combobox').count()).toBe(8);
    expect(await languages.locator('label').allInnerTexts()).toEqual([
      'Czech',
      'German',
      'English',
      'Hungarian',
      'Polish',
      'Romanian',
      'Slovak',
      'Ukrainian',
    ]);
    expect(await page.getByLabel('Slovak').inputValue()).toBe('native');
    expect(await page.getByLabel('German').inputValue()).toBe('');
    expect(await page.getByRole('checkbox', { name: 'Written and online journalism' }).isChecked()).toBe(true);
    expect(await overflows(page)).toBe(false);

    // Nothing read: refused, with the error summary linking to the first language, and every
    // other typed value kept.
    for (const name of ['Czech', 'English', 'Slovak']) await page.getByLabel(name).selectOption('');
    await page.getByRole('checkbox', { name: 'Video' }).check();
    await page.getByLabel('Short public bio').fill('Editor of the migration desk.');
    await page.getByLabel('Outlet you work for').fill('Denník N');
    await page.getByRole('button', { name: 'Save the profile' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'Languages you read: Choose at least one language you read.',
    ]);
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#level-cs');
    expect(await page.getByRole('checkbox', { name: 'Video' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Short public bio').inputValue()).toBe('Editor of the migration desk.');
    expect(await page.getByLabel('Outlet you work for').inputValue()).toBe('Denník N');
    expect(await overflows(page)).toBe(false);

    await page.getByLabel('Slovak').selectOption('native');
    await page.getByLabel('Ukrainian').selectOption('reading');
    await page.getByRole('button', { name: 'Save the profile' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/jury/2026/?saved=profile`);
    expect(await page.getByRole('status').innerText()).toBe('Profile saved.');
    expect(await facts.locator('dd').first().innerText()).toBe('Slovak (native), Ukrainian (reading)');
    expect(await facts.locator('dd').nth(1).innerText()).toBe('Written and online journalism, Video');
    expect(await facts.locator('dd').nth(2).innerText()).toBe('Editor of the migration desk.');
    await context.close();
  });

  it('declares a conflict with an outlet and removes it again, in Slovak, without JavaScript', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, MARIA);
    await page.goto(`${baseUrl}/sk/jury/2026/profile/`);
    expect(await page.getByText('Zatiaľ ste neuviedli žiadny konflikt.').count()).toBe(1);
    // A name of one letter is refused and kept.
    await page.getByLabel('Konflikt s', { exact: true }).selectOption('outlet');
    await page.getByLabel('Osoba alebo médium').fill('H');
    await page.getByRole('button', { name: 'Uviesť konflikt' }).click();
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      'Osoba alebo médium: Zadajte meno, aspoň 2 znaky.',
    ]);
    expect(await page.getByLabel('Osoba alebo médium').inputValue()).toBe('H');
    expect(await page.getByLabel('Konflikt s', { exact: true }).inputValue()).toBe('outlet');
    await page.getByLabel('Osoba alebo médium').fill('Hromadske');
    await page.getByRole('button', { name: 'Uviesť konflikt' }).click();
    expect(page.url()).toBe(`${baseUrl}/sk/jury/2026/profile/?done=declared#conflicts`);
    expect(await page.getByRole('status').innerText()).toBe('Konflikt je uložený.');
    const list = page.getByRole('list', { name: 'Konflikty, ktoré ste uviedli' });
    expect(await list.getByRole('listitem').locator('strong').allInnerTexts()).toEqual(['Hromadske']);
    await list.getByRole('button', { name: 'Odstrániť konflikt s „Hromadske“' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Konflikt je odstránený.');
    expect(await page.getByText('Zatiaľ ste neuviedli žiadny konflikt.').count()).toBe(1);
    // A conflict that is not hers (tampered form=withdraw&conflict=someone-else): a translated 404, not "removed".
    const foreign = await page.request.post(`${baseUrl}/sk/jury/2026/profile/`, {
      form: { form: 'withdraw', conflict: 'someone-else' },
      headers: { Origin: baseUrl },
      maxRedirects: 0,
    });
    const html = await foreign.text();
    expect(foreign.status()).toBe(404);
    expect(html).toContain('Tento konflikt nie je medzi vašimi deklarovanými konfliktmi, preto sa nič neodstránilo.');
    expect(html).not.toContain('Konflikt je odstránený.');
    await context.close();
  });

  it('counts the bio down while typing (JavaScript on)', async () => {
    const { context, page, errors } = await openPage(browser(), { viewport: PHONE });
    await signInByEmail(page, IOANA);
    await page.goto(`${baseUrl}/uk/jury/2026/profile/`);
    await page.getByLabel('Коротка публічна біографія').fill('Журналістка.');
    await expect.poll(() => page.locator('#bio-count').innerText()).toBe('Залишилося 588 символів');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the passkey prompt', () => {
  it('asks a juror without a passkey on the jury pages, links to the account, and "not now" (a POST) stops it everywhere', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, OLEKSANDR);
    const round = `${baseUrl}/en/jury/2026/rounds/${ROUND}/`;
    await page.goto(round);
    const prompt = page.getByRole('region', { name: 'Add a passkey' });
    expect(await prompt.count()).toBe(1);
    expect(await prompt.getByRole('link').getAttribute('href')).toBe('/en/account/#passkeys');
    // The link leads to the account page's passkey section.
    await page.goto(`${baseUrl}/en/account/#passkeys`);
    expect(await page.locator('#passkeys').innerText()).toBe('Passkeys');
    await page.goto(`${baseUrl}/en/jury/2026/`);
    expect(await prompt.count()).toBe(1);
    await page.goto(round);
    await prompt.getByRole('button', { name: 'Not now – stop asking' }).click();
    expect(page.url()).toBe(round);
    expect(await prompt.count()).toBe(0);
    for (const path of ['/en/jury/2026/', '/uk/jury/2026/profile/', `/sk/jury/2026/rounds/${ROUND}/`]) {
      await page.goto(`${baseUrl}${path}`);
      expect(await page.locator('.passkey-prompt').count()).toBe(0);
    }
    await context.close();
  });
});

describe("managers' conflicts", () => {
  it('records a conflict with a reason (refused without one, kept), lists it per juror and removes it after asking — without JavaScript', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, MANAGER);
    await page.goto(`${baseUrl}/en/admin/jury/2026/`);
    await page.getByRole('link', { name: "Jurors' conflicts: record and remove" }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/jury/2026/conflicts/`);
    expect(await page.locator('h1').innerText()).toBe('Conflicts of the 2026 jury');
    // What the rules find is listed: Mária works for Denník N, whose entry is number 1.
    const maria = page.getByRole('region', { name: 'Mária Kováčová (maria.kovacova@jury.example.org)' });
    expect(await maria.locator('dd').nth(2).innerText()).toBe('MIS-2026-0001 – Cudzinecká polícia zblízka');

    const record = page.getByRole('region', { name: 'Record a conflict' });
    await record.getByLabel('Juror').selectOption({ label: 'Oleksandr Bondar (oleksandr.bondar@jury.example.org)' });
    await record.getByLabel('Entry').selectOption({ label: 'MIS-2026-0010 – Студенти з Харкова' });
    await record.getByRole('button', { name: 'Record the conflict' }).click();
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      'Reason: Give a reason (at least three characters).',
    ]);
    expect(await record.getByLabel('Juror').locator('option:checked').innerText()).toBe(
      'Oleksandr Bondar (oleksandr.bondar@jury.example.org)',
    );
    expect(await record.getByLabel('Entry').locator('option:checked').innerText()).toBe(
      'MIS-2026-0010 – Студенти з Харкова',
    );
    await record.getByLabel('Reason').fill('Taught the author at the summer school.');
    await record.getByRole('button', { name: 'Record the conflict' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/jury/2026/conflicts/?done=recorded`);
    expect(await page.getByRole('status').innerText()).toMatch(/^The conflict was recorded\./);
    const oleksandr = page.getByRole('region', { name: 'Oleksandr Bondar (oleksandr.bondar@jury.example.org)' });
    const row = oleksandr.getByRole('row', { name: /MIS-2026-0010/ });
    expect(await row.locator('td').first().innerText()).toBe('an organiser');
    expect(await row.locator('td').nth(1).innerText()).toBe('Taught the author at the summer school.');
    expect(await overflows(page)).toBe(false);

    // Removing asks first (a link: nothing changes), then the POST removes.
    await row.getByRole('link', { name: /^Remove the conflict: Oleksandr Bondar/ }).click();
    const confirm = page.getByRole('region', { name: 'Remove this conflict?' });
    expect(await confirm.locator('p').first().innerText()).toBe(
      'The conflict between Oleksandr Bondar (oleksandr.bondar@jury.example.org) and the entry MIS-2026-0010 – Студенти з Харкова.',
    );
    await page.goto(`${baseUrl}/en/admin/jury/2026/conflicts/`);
    expect(await row.count()).toBe(1);
    await row.getByRole('link', { name: /^Remove the conflict/ }).click();
    await confirm.getByRole('button', { name: 'Yes, remove it' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/jury/2026/conflicts/?done=removed`);
    expect(await page.getByRole('status').innerText()).toMatch(/^The conflict was removed\./);
    expect(await row.count()).toBe(0);
    await context.close();
  });

  it('the round page names the files jurors cannot open and prepares the blind copies, without JavaScript', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, MANAGER);
    await page.goto(`${baseUrl}/en/admin/jury/2026/rounds/${ROUND}/`);
    const section = page.getByRole('region', { name: 'Files jurors cannot open' });
    expect(await section.locator('p').nth(1).innerText()).toBe(
      "An anonymised copy can be made of every file of this round's entries.",
    );
    await section.getByRole('button', { name: 'Prepare the copies now' }).click();
    expect(await section.getByRole('status').innerText()).toMatch(/^\d+ new cop(y|ies) made\.$/);
    expect(await overflows(page)).toBe(false);
    await context.close();
  });
});

describe('axe on the new jury pages', () => {
  // One juror and one manager, signed in once (the sign-in limit is 5 an address in 15 minutes).
  let juror: Awaited<ReturnType<typeof openPage>>;
  let manager: Awaited<ReturnType<typeof openPage>>;
  beforeAll(async () => {
    juror = await openPage(browser(), { viewport: PHONE });
    await signInByEmail(juror.page, IOANA);
    manager = await openPage(browser(), { viewport: PHONE });
    await signInByEmail(manager.page, MANAGER);
  });
  afterAll(async () => {
    await juror?.context.close();
    await manager?.context.close();
  });
  const check = async (p: Page, path: string) => {
    expect({ path, violations: await axeViolations(p) }).toEqual({ path, violations: [] });
  };

  for (const locale of ['sk', 'en', 'uk']) {
    it(`has no violations in ${locale} at 390 px, with the passkey prompt and with an error summary`, async () => {
      for (const path of [`/${locale}/jury/2026/`, `/${locale}/jury/2026/profile/`]) {
        await juror.page.goto(`${baseUrl}${path}`);
        await check(juror.page, path);
      }
      expect(await juror.page.locator('.passkey-prompt').count()).toBe(1);
      for (const path of [`/${locale}/admin/jury/2026/conflicts/`, `/${locale}/admin/jury/2026/rounds/${ROUND}/`]) {
        await manager.page.goto(`${baseUrl}${path}`);
        await check(manager.page, path);
      }
      // With an error summary and what was typed.
      await juror.page.goto(`${baseUrl}/${locale}/jury/2026/profile/`);
      for (const select of await juror.page.locator('select[name^="level-"]').all()) await select.selectOption('');
      await juror.page.locator('form:has(input[name="form"][value="profile"]) button[type="submit"]').click();
      expect(await juror.page.locator('.error-summary').count()).toBe(1);
      await check(juror.page, `/${locale}/jury/2026/profile/ (errors)`);
      await manager.page.goto(`${baseUrl}/${locale}/admin/jury/2026/conflicts/`);
      await manager.page.locator('#record-reason').fill('x');
      await manager.page.locator('form:has(input[name="form"][value="record"]) button[type="submit"]').click();
      expect(await manager.page.locator('.error-summary').count()).toBe(1);
      await check(manager.page, `/${locale}/admin/jury/2026/conflicts/ (errors)`);
    }, 120_000);
  }

  it('has no violations on a desktop (1280 px) in English', async () => {
    await juror.page.setViewportSize({ width: 1280, height: 900 });
    await manager.page.setViewportSize({ width: 1280, height: 900 });
    for (const path of ['/en/jury/2026/', '/en/jury/2026/profile/']) {
      await juror.page.goto(`${baseUrl}${path}`);
      await check(juror.page, `${path} @1280`);
    }
    for (const path of ['/en/admin/jury/2026/conflicts/', `/en/admin/jury/2026/rounds/${ROUND}/`]) {
      await manager.page.goto(`${baseUrl}${path}`);
      await check(manager.page, `${path} @1280`);
    }
  }, 120_000);
});
