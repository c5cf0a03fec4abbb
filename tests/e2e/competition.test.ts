import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
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

/** Registers (or signs in) through the competition's own form and follows the mailed link. */
async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl}/en/competition/entries/`);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  expect(await page.getByRole('status').innerText()).toContain('Check your inbox');
  await openMailedLink(page, mailLink(await newestMailTo(page, email), '/api/auth/callback?token='));
  // The link brings the entrant back to the entries page they registered on, not to the account page.
  expect(page.url()).toBe(`${baseUrl}/en/competition/entries/`);
}

/** A PDF-looking file of `size` bytes (the server checks the first bytes, not the name). */
function pdfOf(size: number, name: string) {
  const buffer = Buffer.alloc(size, 7);
  buffer.write('%PDF-1.7\n');
  return { name, mimeType: 'application/pdf', buffer };
}

const lastMonth = () => new Date(Date.now() - 30 * 24 * 60 * 60_000).toISOString().slice(0, 10);

/** Types a `YYYY-MM-DD` day into the publication date's day, month and year fields, as a person would (`7`, `3`, `2026`). */
async function fillPublicationDate(page: Page, day: string, labels = { day: 'Day', month: 'Month', year: 'Year' }) {
  const [year, month, date] = day.split('-');
  const group = page.getByRole('group', { name: /Publication date|Dátum publikovania|Дата публікації/ });
  await group.getByLabel(labels.day, { exact: true }).fill(String(Number(date)));
  await group.getByLabel(labels.month, { exact: true }).fill(String(Number(month)));
  await group.getByLabel(labels.year, { exact: true }).fill(year!);
}

describe('the media competition, entrant side', () => {
  it('takes an entry through every step to submission, keeping typed input on a validation error, without JavaScript', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    const email = `reporter-${Date.now()}@example.org`;
    await signIn(page, email);
    expect(await page.locator('h1').innerText()).toBe('Your competition entries');
    await page.getByRole('button', { name: 'Start a new entry for Migrants in the Spotlight 2027' }).click();
    expect(page.url()).toMatch(/\/en\/competition\/entries\/[\w-]+\/work\/$/);
    const entryUrl = page.url().replace(/work\/$/, '');

    // A malformed address: the step comes back with the summary and everything typed.
    await page.getByLabel('Title').fill('Waiting at the foreigners’ police');
    await page.getByLabel('Category').selectOption({ label: 'Written and online journalism' });
    await page.getByLabel('Language of the work').selectOption('uk');
    await page.getByLabel('Outlet').fill('Denník N');
    await fillPublicationDate(page, lastMonth());
    await page.getByLabel('Web address of the published work').fill('dennikn.sk/article');
    await page.getByLabel('Summary', { exact: true }).fill('How people wait months for a residence permit.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    const alert = page.getByRole('alert');
    expect(await alert.innerText()).toContain(
      'Web address of the published work: Enter the full web address, starting with https://',
    );
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.getByLabel('Title').inputValue()).toBe('Waiting at the foreigners’ police');
    expect(await page.getByLabel('Language of the work').inputValue()).toBe('uk');
    expect(await page.getByLabel('Web address of the published work').inputValue()).toBe('dennikn.sk/article');
    // The date comes back as typed, in the three fields the hint describes.
    const [, typedMonth, typedDay] = lastMonth().split('-');
    expect(await page.getByLabel('Day', { exact: true }).inputValue()).toBe(String(Number(typedDay)));
    expect(await page.getByLabel('Month', { exact: true }).inputValue()).toBe(String(Number(typedMonth)));
    expect(await page.locator('#f-publishedOn-hint').innerText()).toMatch(
      /^For example, 27 3 2026\. Works published from /,
    );
    expect(await page.getByLabel('Summary', { exact: true }).inputValue()).toBe(
      'How people wait months for a residence permit.',
    );

    await page.getByLabel('Web address of the published work').fill('https://dennikn.sk/article');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    expect(page.url()).toBe(`${entryUrl}files/?saved=1`);
    expect(await page.getByRole('status').innerText()).toBe('Your draft is saved.');

    // The files step without JavaScript: the plain upload form comes back, the upload waits for "Attach".
    await page.getByLabel('File', { exact: true }).setInputFiles(pdfOf(20_000, 'article.pdf'));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(page.url()).toMatch(/\/files\/\?uploaded=[\w-]+$/);
    expect(await page.getByText('No file is attached yet.').count()).toBe(1);
    await page.getByRole('button', { name: 'Attach article.pdf' }).click();
    expect(page.url()).toBe(`${entryUrl}files/?done=attached`);
    expect(await page.locator('#f-files + ul li').innerText()).toContain('article.pdf (PDF, 20 kB)');
    await page.getByRole('link', { name: 'Continue' }).click();
    expect(page.url()).toBe(`${entryUrl}authors/`);

    await page.getByLabel('Name of author 1').fill('Jana Nováková');
    await page.getByLabel('Role of author 1 (for example reporter, camera)').fill('reporter');
    await page.getByLabel('Your country').selectOption('SK');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(`${entryUrl}conflicts/?saved=1`);
    await page.getByRole('button', { name: 'Save and continue' }).click(); // no conflicts
    await page.waitForURL(`${entryUrl}declarations/?saved=1`);
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // The review lists what is still wrong: a Ukrainian work needs an English or Slovak summary.
    expect(page.url()).toBe(`${entryUrl}review/?saved=1`);
    const problems = page.locator('#review-problems + ul');
    expect(await problems.innerText()).toBe(
      'Summary in English or Slovak: Add a summary in English or Slovak, because the work is in another language',
    );
    await problems.getByRole('link').click();
    expect(page.url()).toBe(`${entryUrl}work/#f-summaryTranslation`);
    await page.getByLabel('Summary in English or Slovak').fill('Ako ľudia mesiace čakajú na povolenie na pobyt.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.goto(`${entryUrl}review/`);
    expect(await page.getByText('Your entry meets the rules and is ready to submit.').count()).toBe(1);
    // Check answers: every step's fields and the attached file, each step with its Change link.
    const section = (name: string) => page.getByRole('region', { name, exact: true });
    expect(await section('The work').locator('dl').innerText()).toContain('Publication date\n');
    expect(await section('Files').locator('dl').innerText()).toBe('article.pdf\nPDF, 20 kB');
    expect(await section('Authors').locator('dl').innerText()).toBe(
      'Author 1\nJana Nováková (reporter)\nYour country\nSlovakia',
    );
    for (const step of ['The work', 'Files', 'Authors', 'Conflicts of interest', 'Declarations']) {
      const change = page.getByRole('link', { name: `Change – ${step}`, exact: true });
      expect([step, await change.count()]).toEqual([step, 1]);
    }
    await page.getByRole('link', { name: 'Change – Files', exact: true }).click();
    expect(page.url()).toBe(`${entryUrl}files/`);
    await page.goto(`${entryUrl}review/`);
    await page.getByRole('button', { name: 'Submit the entry' }).click();
    const done = await page.getByRole('status').innerText();
    expect(done).toMatch(/^Entry MIS-2027-\d{4} is submitted\./);
    const number = /MIS-2027-\d{4}/.exec(done)![0];
    // The mail is a receipt of what was sent, with the entry's page to change or withdraw it.
    const mail = (await newestMailTo(page, email)).replace(/\r\n/g, '\n');
    expect(mail).toContain(`Your entry ${number} has been received`);
    for (const line of [
      'Category: Written and online journalism',
      'Authors: Jana Nováková (reporter)',
      'Files:\n- article.pdf (PDF, 20 kB)',
      '(Bratislava time) you can change or withdraw the entry on its page.',
      'The competition is organised by IOM Slovakia.',
    ])
      expect(mail).toContain(line);
    // Opening the mailed link (as a mail scanner would) changes nothing: the entry stays submitted.
    const link = mailLink(mail, '/en/competition/entries/');
    expect(link).toBe(`${entryUrl}review/`);
    await page.goto(link);
    expect(await page.getByText(`This entry is submitted as ${number}.`).count()).toBe(1);

    // Withdrawing asks first, on a page of its own that works without JavaScript; "No" keeps the entry.
    await page.getByRole('link', { name: 'Withdraw the entry' }).click();
    expect(page.url()).toBe(`${entryUrl}review/?withdraw=confirm#withdraw`);
    expect(await page.getByRole('heading', { name: 'Are you sure you want to withdraw this entry?' }).count()).toBe(1);
    await page.getByRole('link', { name: 'No, keep the entry' }).click();
    expect(await page.getByText(`This entry is submitted as ${number}.`).count()).toBe(1);
    await page.getByRole('link', { name: 'Withdraw the entry' }).click();
    await page.getByRole('button', { name: 'Yes, withdraw the entry' }).click();
    expect(page.url()).toBe(`${entryUrl}review/?done=withdrawn`);
    expect(await page.getByRole('status').innerText()).toBe('This entry is withdrawn.');

    // Withdrawn: its steps still show what was sent, but offer no Save button that could only fail.
    await page.goto(`${entryUrl}conflicts/`);
    expect(await page.getByText('This entry is withdrawn.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save and continue' }).count()).toBe(0);
    await context.close();
  });

  it('uploads a file on the files step with JavaScript (progress to 100), lists it, and submits the entry', async () => {
    const { context, page, errors } = await openPage(browser());
    await signIn(page, `uploader-${Date.now()}@example.org`);
    await page.getByRole('button', { name: /Start a new entry for Migrants in the Spotlight 2027/ }).click();
    const entryUrl = page.url().replace(/work\/$/, '');
    await page.getByLabel('Title').fill('Night shift at the border');
    await page.getByLabel('Category').selectOption({ label: 'Written and online journalism' });
    await page.getByLabel('Language of the work').selectOption('en');
    await page.getByLabel('Outlet').fill('Denník N');
    await fillPublicationDate(page, lastMonth());
    await page.getByLabel('Web address of the published work').fill('https://dennikn.sk/night');
    await page.getByLabel('Summary', { exact: true }).fill('A night with the border police.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(`${entryUrl}files/?saved=1`);
    expect(await page.getByText('The category Written and online journalism accepts: PDF.').count()).toBe(1);

    // The page moves on once the file is attached, so the bar's values are reported out as they change.
    const seen: number[] = [];
    await page.exposeFunction('reportProgress', (v: number) => seen.push(v));
    await page.evaluate(() => {
      const bar = document.querySelector('progress')!;
      new MutationObserver(() =>
        (window as unknown as { reportProgress: (v: number) => void }).reportProgress(bar.value),
      ).observe(bar, { attributes: true, attributeFilter: ['value'] });
    });
    // A wrong type is refused from the file's first bytes, before anything is sent to the server.
    const sent: string[] = [];
    page.on('request', (r) => r.url().includes('/api/uploads') && sent.push(`${r.method()} ${r.url()}`));
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'article.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!DOCTYPE html><p>not a PDF</p>'),
    });
    const problem = page.locator('[data-upload-error]');
    await problem.waitFor();
    expect(await problem.innerText()).toBe(
      'The file is not of an accepted type. We check what the file contains, not its name.',
    );
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForTimeout(300);
    expect([await problem.innerText(), sent]).toEqual([
      'The file is not of an accepted type. We check what the file contains, not its name.',
      [],
    ]);

    await page.getByLabel('File', { exact: true }).setInputFiles(pdfOf(6 * 1024 * 1024, 'night-shift.pdf'));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL(`${entryUrl}files/?done=attached`, { timeout: 30_000 });
    expect(seen.at(-1)).toBe(100);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
    expect(await page.getByRole('status').innerText()).toBe('The file is attached to the entry.');
    expect(await page.locator('#f-files + ul li').innerText()).toContain('night-shift.pdf (PDF, 6.3 MB)');

    await page.getByRole('link', { name: 'Continue' }).click();
    await page.getByLabel('Name of author 1').fill('Jana Nováková');
    await page.getByLabel('Your country').selectOption('SK');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/conflicts\/\?saved=1$/);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/declarations\/\?saved=1$/);
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/review\/\?saved=1$/);
    await page.getByRole('button', { name: 'Submit the entry' }).click();
    expect(await page.getByRole('status').innerText()).toMatch(/^Entry MIS-2027-\d{4} is submitted\./);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('resumes a draft in a second browser, and shows a live character count with JavaScript', async () => {
    const email = `resume-${Date.now()}@example.org`;
    const first = await openPage(browser());
    await signIn(first.page, email);
    await first.page.getByRole('button', { name: /Start a new entry for/ }).click();
    // The count is the page's script: type once it has run (a loaded machine can be slower than typing).
    await first.page.waitForLoadState('load');
    await first.page.getByLabel('Title').fill('Draft from the laptop');
    await first.page.getByLabel('Summary', { exact: true }).fill('Twelve chars');
    await first.page.getByLabel('Summary', { exact: true }).pressSequentially('!');
    await first.page.waitForFunction(
      () => document.getElementById('f-summary-count')?.textContent === '1487 characters left',
    );
    await first.page.getByRole('button', { name: 'Save and continue' }).click();
    await first.context.close();

    const second = await openPage(browser());
    await signIn(second.page, email);
    await second.page.getByRole('link', { name: 'Draft from the laptop' }).click();
    expect(await second.page.getByLabel('Title').inputValue()).toBe('Draft from the laptop');
    expect(await second.page.getByLabel('Summary', { exact: true }).inputValue()).toBe('Twelve chars!');
    expect(await second.page.locator('#f-summary-count').innerText()).toBe('1487 characters left');
    expect(second.errors).toEqual([]);
    await second.context.close();
  });

  it('keeps what was typed when the connection drops while saving a step (with JavaScript)', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, `offline-${Date.now()}@example.org`);
    await page.getByRole('button', { name: /Start a new entry for/ }).click();
    // The keep-typed script runs once the page has loaded; typing before that is not copied.
    await page.waitForLoadState('load');
    const workUrl = page.url();
    await page.getByLabel('Title').fill('Typed on a train');
    await page.getByLabel('Outlet').fill('Rádio Slovensko');
    await context.setOffline(true);
    await page
      .getByRole('button', { name: 'Save and continue' })
      .click()
      .catch(() => undefined);
    await page.waitForLoadState().catch(() => undefined);
    await context.setOffline(false);
    await page.goto(workUrl);
    expect(await page.getByLabel('Title').inputValue()).toBe('Typed on a train');
    expect(await page.getByLabel('Outlet').inputValue()).toBe('Rádio Slovensko');
    expect(
      await page.getByText('What you typed in this browser but had not saved yet is back in the form.').isVisible(),
    ).toBe(true);
    // Once saved, the browser's copy is dropped and the server's draft is what the form shows.
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/files\/\?saved=1$/);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('spotlight-keep:')))).toEqual(
      [],
    );
    await context.close();
  });

  it('forgets what an entrant typed but had not saved when they sign out (a shared computer)', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, `shared-${Date.now()}@example.org`);
    await page.getByRole('button', { name: /Start a new entry for/ }).click();
    await page.waitForLoadState('load');
    await page.getByLabel('Title').fill('A source lives at Obchodná 5');
    const keptCopies = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('spotlight-keep:')).length);
    expect(await keptCopies()).toBe(1);
    await page.goto(`${baseUrl}/en/account/`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${baseUrl}/en/account/signed-out/`);
    await expect.poll(keptCopies).toBe(0);
    await context.close();
  });

  it('refuses entries to an edition whose submissions have closed (server clock)', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, `late-${Date.now()}@example.org`);
    expect(await page.getByRole('button', { name: /2026/ }).count()).toBe(0);
    // A crafted form post for the closed edition gets the refusal, in the page's language.
    const response = await page.request.post(`${baseUrl}/sk/competition/entries/`, {
      form: { intent: 'start', edition: '2026' },
      headers: { origin: baseUrl },
    });
    expect(response.status()).toBe(409);
    expect(await response.text()).toContain('Prihlasovanie do tohto ročníka sa skončilo.');
    await page.goto(`${baseUrl}/en/competition/2026/`);
    expect(await page.locator('.panel').innerText()).toMatch(/^Submissions closed /);
    await context.close();
  });

  it.each(locales)(
    'has no axe violations on any step of the entry form in %s, nor on a refused step',
    async (locale) => {
      const { context, page } = await openPage(browser());
      await signIn(page, `axe-${locale}-${Date.now()}@example.org`);
      await page.getByRole('button', { name: /Start a new entry for/ }).click();
      const entryPath = new URL(page.url()).pathname.replace(/^\/en\//, '/').replace(/work\/$/, '');
      const found: Record<string, unknown> = {};
      for (const step of ['', 'work/', 'files/', 'authors/', 'conflicts/', 'declarations/', 'review/']) {
        const path = step ? `/${locale}${entryPath}${step}` : `/${locale}/competition/entries/`;
        await page.goto(`${baseUrl}${path}`);
        const violations = await axeViolations(page);
        if (violations.length) found[path] = violations;
      }
      // A refused step, with its error summary and messages.
      await page.goto(`${baseUrl}/${locale}${entryPath}work/`);
      await page.locator('#f-url').fill('not a url');
      await page.locator('main form button[type=submit]').click();
      expect(await page.getByRole('alert').count()).toBe(1);
      const violations = await axeViolations(page);
      if (violations.length) found[`/${locale}${entryPath}work/ (error)`] = violations;
      expect(found).toEqual({});
      await context.close();
    },
  );

  it('lets a manager see, filter, screen and export entries', async () => {
    const { context, page } = await openPage(browser());
    // Its own account: the per-address sign-in limit (5 in 15 minutes) applies to tests too.
    await signInByEmail(page, 'e2e-manager@example.org');
    await page.goto(`${baseUrl}/en/admin/competition/`);
    expect(await page.locator('h1').innerText()).toBe('Competition administration');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Migrants in the Spotlight 2027', exact: true }).click();
    await page.getByLabel('State').selectOption('submitted');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    expect(page.url()).toContain('state=submitted');
    expect(await axeViolations(page)).toEqual([]);
    // Screen the first submitted entry as eligible, on its own page (the list links each entry).
    await page.locator('tbody th a').first().click();
    expect(await page.locator('h1').innerText()).toMatch(/^Entry MIS-2027-\d{4}$/);
    await page.getByLabel('Decision').selectOption('eligible');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await page.getByRole('status').innerText()).toBe('The screening decision is saved.');
    const csv = await page.request.get(`${baseUrl}/api/competition/manage/editions/2027/export/csv?state=submitted`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toMatch(/^\uFEFF?"number","status","screening"/);
    await context.close();
  });

  it("opens an entry from the searched, paged list: every field, its file (download and preview), history, screening; 404 to another edition's manager", async () => {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, 'e2e-manager@example.org');
    await page.goto(`${baseUrl}/en/admin/competition/2027/?state=submitted`);
    await page.getByLabel('Title, number, author or outlet contains').fill('night SHIFT');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    expect(page.url()).toContain('q=night+SHIFT');
    expect(await page.locator('tbody th').allInnerTexts()).toEqual(['Night shift at the border']);
    expect(await page.getByRole('navigation', { name: 'Pages' }).innerText()).toBe('Page 1 of 1 · 1 in all');
    // The export keeps the search, never the paging.
    expect(await page.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe(
      '/api/competition/manage/editions/2027/export/csv?q=night+SHIFT&state=submitted',
    );
    await page.getByRole('link', { name: 'Night shift at the border' }).click();
    expect(await page.locator('h1').innerText()).toMatch(/^Entry MIS-2027-\d{4}$/);
    const entryPath = new URL(page.url()).pathname;
    const details = await page.locator('section[aria-labelledby=details] dl').innerText();
    for (const value of [
      'Night shift at the border',
      'Denník N',
      'https://dennikn.sk/night',
      'Jana Nováková',
      'Slovakia (SK)',
    ])
      expect([value, details.includes(value)]).toEqual([value, true]);
    const files = page.locator('section[aria-labelledby=files]');
    expect(await files.locator('li p').first().innerText()).toBe('night-shift.pdf (the work, 6.3 MB)');
    const download = await page.request.get(
      `${baseUrl}${await files.getByRole('link', { name: 'Download night-shift.pdf' }).getAttribute('href')}`,
    );
    expect([download.status(), download.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="night-shift.pdf"/);
    const preview = await page.request.get(
      `${baseUrl}${await files.getByRole('link', { name: 'Preview night-shift.pdf' }).getAttribute('href')}`,
    );
    expect(preview.headers()['content-disposition']).toMatch(/^inline; filename="night-shift.pdf"/);
    expect((await preview.body()).subarray(0, 8).toString()).toBe('%PDF-1.7');
    const history = await page.locator('section[aria-labelledby=history] tbody').innerText();
    for (const line of ['started the entry', 'attached a file', 'submitted the entry'])
      expect([line, history.includes(line)]).toEqual([line, true]);
    await page.getByLabel('Decision').selectOption('ineligible');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Give the reason the entry is not eligible');
    await page.getByLabel('Decision').selectOption('pending');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await page.getByRole('status').innerText()).toBe('The screening decision is saved.');
    expect(await page.locator('section[aria-labelledby=history] tbody').innerText()).toContain(
      'screened: not screened',
    );

    // Every locale: axe clean; the content scrolls nowhere sideways at 320 px (wide tables scroll in
    // their own region; the header's site search is the header's own work, issue 16 item 2).
    for (const locale of locales) {
      for (const path of [
        entryPath.replace('/en/', `/${locale}/`),
        `/${locale}/admin/competition/2027/?size=10`,
        `/${locale}/admin/competition/`,
      ]) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.goto(`${baseUrl}${path}`);
        expect([path, await axeViolations(page)]).toEqual([path, []]);
        await page.setViewportSize({ width: 320, height: 800 });
        const fits = await page.evaluate(() => {
          const main = document.querySelector('main')!;
          return main.scrollWidth <= main.clientWidth;
        });
        expect([path, fits]).toEqual([path, true]);
      }
    }

    // A manager of 2026 only: the 2027 entry answers as if it did not exist; their own edition opens.
    await page.setViewportSize({ width: 1280, height: 800 });
    const m2026 = `manager-2026-${Date.now()}@example.org`;
    await page.goto(`${baseUrl}/en/admin/`);
    await page.locator('main').getByLabel('Email address').fill(m2026);
    await page.getByLabel('Role', { exact: true }).selectOption('competition_manager');
    await page.getByLabel('Competition edition (optional)', { exact: true }).fill('edition:2026');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    expect(await page.getByRole('status').innerText()).toBe('The invitation has been sent.');
    const other = await openPage(browser());
    await signInByEmail(other.page, m2026);
    const entryId = entryPath.split('/').at(-2);
    for (const edition of ['2027', '2026']) {
      const api = await other.page.request.get(
        `${baseUrl}/api/competition/manage/editions/${edition}/entries/${entryId}`,
      );
      expect([edition, api.status(), (await api.json()).code]).toEqual([edition, 404, 'request.notFound']);
      // The page answers the API's 404 through src/lib/api.ts `read` (its not-found page is another change).
      const shown = await other.page.request.get(`${baseUrl}${entryPath.replace('/2027/', `/${edition}/`)}`);
      expect([edition, shown.status() === 200, (await shown.text()).includes('Night shift')]).toEqual([
        edition,
        false,
        false,
      ]);
    }
    await other.page.goto(`${baseUrl}/en/admin/`);
    expect(await other.page.getByRole('navigation', { name: 'Your areas' }).getByRole('link').allInnerTexts()).toEqual([
      // A competition manager also runs that edition's jury.
      'Competition',
      'Jury: jurors, rounds and assignments',
      'Results and winners: lock and publish',
      'Jury results: leaderboards, fairness, exports',
    ]);
    expect((await other.page.goto(`${baseUrl}/en/admin/competition/2026/`))?.status()).toBe(200);
    await other.context.close();
    await context.close();
  });
});
