import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
// An administrator (scripts/e2e.mjs creates it): admins manage every jury.
const MANAGER = 'e2e-ballot-manager@example.org';
// Demo final (functions/results/demo-ballots.ts): five jurors have voted; Éva Horváth has not.
const EVA = 'eva.horvath@jury.example.org';
const MARIA = 'maria.kovacova@jury.example.org';
const ROUND1 = 'demo-2026-round-1';
const SEMIFINAL = 'demo-2026-round-semifinal';
const FINAL = 'demo-2026-round-final';
const PHONE = { width: 390, height: 844 };

/** Whether the page fits its viewport (nothing scrolls sideways); otherwise the elements that stick out. */
const fits = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return true;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`);
  });

describe('shortlist, ranked ballots and the Schulze count (issue 13 items 4–5)', () => {
  it('managers read the Schulze result with its tables, and keep a shortlist with reasons — without JavaScript, at 390 px', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, MANAGER);
    await page.goto(`${baseUrl}/en/admin/jury/2026/rounds/${FINAL}/`);
    // The final's progress counts ballots: categories to rank, ballots submitted, drafts.
    const progress = page.getByRole('region', { name: "Jurors' progress" });
    expect((await progress.getByRole('columnheader').allInnerTexts()).slice(1, 4)).toEqual([
      'Categories to rank',
      'Ballots submitted',
      'Ballots saved as drafts',
    ]);
    const eva = progress.getByRole('row', { name: /Éva Horváth/ }).locator('td');
    expect((await eva.allInnerTexts()).slice(0, 3)).toEqual(['2', '0', '0']);
    await page.getByRole('link', { name: 'Result of the ranked ballots (Schulze method)' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/jury/2026/rounds/${FINAL}/ranking/`);
    expect(await page.locator('h1').innerText()).toBe('Final: ranked ballots – result');
    const written = page.getByRole('region', { name: 'Written and online journalism' });
    expect(await written.getByText('5 ballots counted.').count()).toBe(1);
    // The order: entry 12 first, though three jurors could not rank every entry (conflicts).
    expect(await written.getByRole('list').first().locator('li').allInnerTexts()).toEqual([
      'MIS-2026-0012 – A kert',
      'MIS-2026-0001 – Cudzinecká polícia zblízka',
      'MIS-2026-0008 – Working without papers',
      'MIS-2026-0004 – Život v kontejneru',
    ]);
    const d = written.getByRole('table', { name: /how many ballots rank the row’s entry above/ });
    expect(await d.locator('tbody tr').nth(3).locator('td').allInnerTexts()).toEqual([
      '2',
      '4',
      '4',
      expect.stringContaining('–'),
    ]);
    const p = written.getByRole('table', { name: /strength of the strongest path/ });
    expect(await p.locator('tbody tr').nth(0).locator('td').allInnerTexts()).toEqual([
      expect.stringContaining('–'),
      '3',
      '2',
      '0',
    ]);
    // Video is a perfect tie (2 : 2), broken by the seeded tie-breaking ranking, and said so.
    const video = page.getByRole('region', { name: 'Video', exact: true });
    expect(await video.getByText(/^One place was a tie/).count()).toBe(1);
    expect(await video.getByRole('list').first().innerText()).toContain('(tied with MIS-2026-0');
    expect(await video.getByText(new RegExp(`seed ${FINAL}/2026-video`)).count()).toBe(1);
    expect(await fits(page)).toBe(true);

    // The printable jury report of the final carries the same count under "Final vote".
    await page.goto(`${baseUrl}/en/admin/results/2026/rounds/${FINAL}/report/`);
    const finalVote = page.getByRole('region', { name: 'Final vote: ranked ballots (Schulze method)' });
    const reported = finalVote.getByRole('region', { name: 'Written and online journalism' });
    expect(await reported.getByText('5 ballots counted.').count()).toBe(1);
    expect(await reported.getByRole('list').first().locator('li').first().innerText()).toBe('MIS-2026-0012 – A kert');

    // The semi-final's shortlist feeds the final, which has ballots: fixed.
    await page.goto(`${baseUrl}/en/admin/jury/2026/rounds/${SEMIFINAL}/shortlist/`);
    expect(await page.getByText('The next round has started, so this shortlist is fixed.').count()).toBe(1);

    // Round 1: choose an entry without a reason — refused, the choice kept; then with one.
    await page.goto(`${baseUrl}/en/admin/jury/2026/rounds/${ROUND1}/shortlist/`);
    expect(await page.locator('h1').innerText()).toBe('Round 1: scoring – shortlist');
    // The top N ranks by the normalised total unless raw is asked for; the page says which.
    expect(await page.getByText(/^Ranked by the normalised total:/).count()).toBe(1);
    await page.getByRole('link', { name: 'Rank by raw scores instead' }).click();
    expect(await page.getByText('Ranked by the raw mean score, as the jurors gave it.').count()).toBe(1);
    await page.goto(`${baseUrl}/en/admin/jury/2026/rounds/${ROUND1}/shortlist/`);
    await page.getByLabel('Choose MIS-2026-0003').check();
    await page.getByRole('button', { name: 'Put the chosen entries on the shortlist' }).click();
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      'Give a reason (at least three characters).',
    ]);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel('Choose MIS-2026-0003').isChecked()).toBe(true);
    await page.getByLabel('Reason for MIS-2026-0003').fill('The only radio piece from the east');
    await page.getByRole('button', { name: 'Put the chosen entries on the shortlist' }).click();
    expect(await page.getByRole('status').innerText()).toBe('1 entry was put on the shortlist.');
    expect(await page.getByRole('row', { name: /MIS-2026-0003/ }).innerText()).toContain(
      'yes, chosen: The only radio piece from the east',
    );
    // Taking it off needs a reason too.
    await page.getByLabel('Entry', { exact: true }).selectOption({ label: 'MIS-2026-0003 – Szomszédok' });
    await page.getByRole('button', { name: 'Take it off the shortlist' }).click();
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      'Give a reason (at least three characters).',
    ]);
    await page.getByLabel('Reason (logged)').fill('Entered in the wrong category');
    await page.getByRole('button', { name: 'Take it off the shortlist' }).click();
    expect(await page.getByRole('status').innerText()).toBe('The entry was taken off the shortlist.');
    expect(await fits(page)).toBe(true);
    await context.close();
  });

  it('a juror ranks a whole category on one ballot without JavaScript at 390 px; a stale version is refused and the choices kept', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, EVA);
    await page.goto(`${baseUrl}/en/jury/2026/`);
    await page.getByRole('link', { name: 'Final: ranked ballots' }).click();
    await page.getByRole('link', { name: 'Ballot: Video' }).click();
    const here = `${baseUrl}/en/jury/2026/rounds/${FINAL}/ballot/2026-video/`;
    expect(page.url()).toBe(here);
    expect(await page.locator('h1').innerText()).toBe('Your ballot: Video');
    // An entry of a ranked round offers no rank of its own: its page leads back to the category's ballot.
    await page
      .getByRole('link', { name: /^Read entry / })
      .first()
      .click();
    expect(await page.getByRole('textbox', { name: /rank/i }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Add a passkey' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Open the ballot of this entry’s category' }).click();
    expect(page.url()).toBe(here);
    const other = await context.newPage();
    await other.goto(here);
    await page.getByLabel('Place for entry MIS-2026-0002').selectOption({ label: 'place 2' });
    await page.getByLabel('Place for entry MIS-2026-0006').selectOption({ label: 'place 1' });
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Your ballot was saved as a draft (version 1).');
    // The second tab still edits version 0: refused, the saved ballot shown, its own choices kept.
    await other.getByLabel('Place for entry MIS-2026-0002').selectOption({ label: 'place 1' });
    await other.getByRole('button', { name: 'Submit the ballot' }).click();
    expect(await other.getByRole('alert').first().innerText()).toContain('This ballot was changed elsewhere');
    expect(await other.getByRole('region', { name: 'The ballot saved elsewhere (version 1)' }).count()).toBe(1);
    expect(await other.getByLabel('Place for entry MIS-2026-0002').inputValue()).toBe('1');
    // Submitting again now edits version 1 on purpose.
    await other.getByRole('button', { name: 'Submit the ballot' }).click();
    expect(await other.getByRole('status').innerText()).toMatch(/^Your ballot was submitted \(version 2\)\./);
    expect(await other.getByLabel('Place for entry MIS-2026-0002').inputValue()).toBe('1');
    expect(await fits(other)).toBe(true);
    // A category with no entry for her answers like one that does not exist.
    const photo = await page.request.get(`${baseUrl}/en/jury/2026/rounds/${FINAL}/ballot/2026-photo/`);
    const none = await page.request.get(`${baseUrl}/en/jury/2026/rounds/${FINAL}/ballot/nothing/`);
    expect([photo.status(), none.status()]).toEqual([404, 404]);
    await context.close();
  });

  describe('the new pages in every locale', () => {
    let juror: Awaited<ReturnType<typeof openPage>>;
    let manager: Awaited<ReturnType<typeof openPage>>;
    beforeAll(async () => {
      juror = await openPage(browser(), { viewport: PHONE });
      await signInByEmail(juror.page, MARIA);
      manager = await openPage(browser(), { viewport: PHONE });
      await signInByEmail(manager.page, MANAGER);
    });
    afterAll(async () => {
      await juror?.context.close();
      await manager?.context.close();
    });

    it('a conflicted entry is not on the juror’s ballot', async () => {
      // María works for Denník N: entry 1 (theirs) is not on her written ballot.
      await juror.page.goto(`${baseUrl}/en/jury/2026/rounds/${FINAL}/ballot/2026-written/`);
      expect(await juror.page.locator('.ballot h2').allInnerTexts()).toEqual([
        'MIS-2026-0004 – Život v kontejneru',
        'MIS-2026-0008 – Working without papers',
        'MIS-2026-0012 – A kert',
      ]);
    });

    it.each(['sk', 'en', 'uk'])(
      'in %s: no axe violations, and everything fits 390 px',
      async (locale) => {
        const pages = [
          { page: juror.page, path: `/jury/2026/rounds/${FINAL}/` },
          { page: juror.page, path: `/jury/2026/rounds/${FINAL}/ballot/2026-written/` },
          { page: manager.page, path: `/admin/jury/2026/rounds/${FINAL}/` },
          { page: manager.page, path: `/admin/jury/2026/rounds/${FINAL}/ranking/` },
          { page: manager.page, path: `/admin/jury/2026/rounds/${ROUND1}/shortlist/` },
          { page: manager.page, path: `/admin/jury/2026/rounds/${SEMIFINAL}/shortlist/?n=1` },
        ];
        for (const { page, path } of pages) {
          const response = await page.goto(`${baseUrl}/${locale}${path}`);
          expect({ path: `/${locale}${path}`, status: response?.status() }).toEqual({
            path: `/${locale}${path}`,
            status: 200,
          });
          expect(await page.locator('h1').count()).toBe(1);
          expect({ path: `/${locale}${path}`, violations: await axeViolations(page), fits: await fits(page) }).toEqual({
            path: `/${locale}${path}`,
            violations: [],
            fits: true,
          });
        }
      },
      150_000,
    );
  });
});
