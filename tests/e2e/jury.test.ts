import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
// Demo jurors (scripts/seed-jury.ts): Jan reads cs/sk/de and gets mails in English.
const JAN = 'jan.novak@jury.example.org';
const ROUND = 'demo-2026-round-1';

describe('the jury', () => {
  it('scores three entries by keyboard without JavaScript, each "submit and next" serving the next entry', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, JAN);
    // The magic link lands on the account page, whose role leads on to the jury.
    expect(page.url()).toBe(`${baseUrl}/en/account/`);
    await page.getByRole('link', { name: 'juror (edition:2026)' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/jury/2026/`);
    expect(await page.locator('h1').innerText()).toBe('Jury – 2026');
    await page.getByRole('link', { name: 'Round 1: scoring' }).click();
    expect(await page.getByRole('status').innerText()).toMatch(/^0 of (\d+) submitted, 0 drafts$/);
    const total = Number(/of (\d+)/.exec(await page.getByRole('status').innerText())?.[1]);
    expect(total).toBeGreaterThanOrEqual(3);
    await page.getByRole('link', { name: 'Score the next entry' }).press('Enter');
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await page.waitForURL(new RegExp(`/en/jury/2026/rounds/${ROUND}/demo-2026-entry-\\d+/$`));
      seen.add(page.url());
      for (const criterion of [
        'Accuracy',
        'Balance and fairness',
        'Non-stigmatising language',
        'Originality',
        'Craft',
      ]) {
        const radio = page.getByRole('group', { name: criterion }).getByLabel('4 – very good');
        await radio.focus();
        await page.keyboard.press('Space');
      }
      await page.getByLabel('Comment for the jury').focus();
      await page.keyboard.type(`Careful reporting ${i + 1}.`);
      await page.getByRole('button', { name: 'Submit and score the next entry' }).press('Enter');
    }
    expect(seen.size).toBe(3);
    await page.goto(`${baseUrl}/en/jury/2026/rounds/${ROUND}/`);
    expect(await page.getByRole('status').innerText()).toBe(`3 of ${total} submitted, 0 drafts`);
    await context.close();
  });

  it('a save based on an older version is refused, shows the saved version and keeps every typed word', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, JAN);
    await page.goto(`${baseUrl}/en/jury/2026/rounds/${ROUND}/`);
    const href = (await page.locator('tbody a').last().getAttribute('href'))!;
    const other = await context.newPage();
    await page.goto(`${baseUrl}${href}`);
    await other.goto(`${baseUrl}${href}`);
    await page.getByLabel('Comment for the jury').fill('Saved from the first tab.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect(await page.getByRole('status').innerText()).toMatch(/^Saved \(version \d+\)\.$/);
    await other.getByLabel('Comment for the jury').fill('Written in the second tab.');
    await other.getByLabel('Comment for the entrant').fill('Thank you.');
    await other.getByRole('button', { name: 'Save draft' }).click();
    expect(await other.getByRole('alert').first().innerText()).toContain('This review was changed elsewhere');
    expect(await other.getByRole('region', { name: 'The version saved elsewhere' }).innerText()).toContain(
      'Saved from the first tab.',
    );
    expect(await other.getByLabel('Comment for the jury').inputValue()).toBe('Written in the second tab.');
    expect(await other.getByLabel('Comment for the entrant').inputValue()).toBe('Thank you.');
    await context.close();
  });

  it('answers a conflicted or unknown entry with the not-found page', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, JAN);
    // Entry 4 is by Petra Malá, with whom Jan declared a conflict.
    const answer = async (path: string) => {
      const response = await page.request.get(`${baseUrl}/en/jury/2026/rounds/${ROUND}/${path}`);
      return { status: response.status(), body: await response.text() };
    };
    const conflicted = await answer('demo-2026-entry-04/');
    expect(conflicted.status).toBe(404);
    expect(conflicted).toEqual(await answer('no-such-entry/'));
    await context.close();
  });

  it('has no axe violations on the jury pages in any locale', async () => {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, JAN);
    await page.goto(`${baseUrl}/en/jury/2026/rounds/${ROUND}/`);
    const entry = (await page.locator('tbody a').first().getAttribute('href'))!.split('/').at(-2);
    for (const locale of ['sk', 'en', 'uk']) {
      for (const path of [
        `/jury/invitation/?token=not-a-token`,
        `/jury/2026/`,
        `/jury/2026/rounds/${ROUND}/`,
        `/jury/2026/rounds/${ROUND}/${entry}/`,
      ]) {
        await page.goto(`${baseUrl}/${locale}${path}`);
        expect({ path: `/${locale}${path}`, violations: await axeViolations(page) }).toEqual({
          path: `/${locale}${path}`,
          violations: [],
        });
      }
    }
    await context.close();
  });
});
