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
  await page.goto(`${baseUrl}/en/competition/entries/`);
}

/** A PDF-looking file of `size` bytes (the server checks the first bytes, not the name). */
function pdfOf(size: number, name: string) {
  const buffer = Buffer.alloc(size, 7);
  buffer.write('%PDF-1.7\n');
  return { name, mimeType: 'application/pdf', buffer };
}

const lastMonth = () => new Date(Date.now() - 30 * 24 * 60 * 60_000).toISOString().slice(0, 10);

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
    await page.getByLabel('Publication date').fill(lastMonth());
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
    await page.getByLabel('Your country').fill('SK');
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
    await page.getByRole('button', { name: 'Submit the entry' }).click();
    const done = await page.getByRole('status').innerText();
    expect(done).toMatch(/^Entry MIS-2027-\d{4} is submitted\./);
    const number = /MIS-2027-\d{4}/.exec(done)![0];
    expect(await newestMailTo(page, email)).toContain(`Your entry ${number} has been received`);
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
    await page.getByLabel('Publication date').fill(lastMonth());
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
    await page.getByLabel('File', { exact: true }).setInputFiles(pdfOf(6 * 1024 * 1024, 'night-shift.pdf'));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL(`${entryUrl}files/?done=attached`, { timeout: 30_000 });
    expect(seen.at(-1)).toBe(100);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
    expect(await page.getByRole('status').innerText()).toBe('The file is attached to the entry.');
    expect(await page.locator('#f-files + ul li').innerText()).toContain('night-shift.pdf (PDF, 6.3 MB)');

    await page.getByRole('link', { name: 'Continue' }).click();
    await page.getByLabel('Name of author 1').fill('Jana Nováková');
    await page.getByLabel('Your country').fill('SK');
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
    // Screen the first submitted entry as eligible.
    await page.locator('tbody select[name=decision]').first().selectOption('eligible');
    await page.locator('tbody form button[type=submit]').first().click();
    expect(await page.getByRole('status').innerText()).toBe('The screening decision is saved.');
    const csv = await page.request.get(`${baseUrl}/api/competition/manage/editions/2027/export/csv?state=submitted`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toMatch(/^\uFEFF?"number","status","screening"/);
    await context.close();
  });
});
