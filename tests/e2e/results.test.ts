import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
// An administrator (scripts/e2e.mjs creates the account): admins manage every edition's jury.
const MANAGER = 'e2e-results-manager@example.org';
// A demo juror of 2026 (functions/jury/demo-jury.ts): jurors never reach the results.
const JUROR = 'ioana.popescu@jury.example.org';
// The closed demo round with submitted reviews (functions/results/demo-results.ts).
const ROUND = 'demo-2026-round-0';
const PHONE = { width: 390, height: 844 };

describe("the managers' results pages", () => {
  it('from the admin home to a round’s leaderboards, sorts, the switch, fairness, exports and the report — without JavaScript, at 390 px', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, MANAGER);
    await page.goto(`${baseUrl}/en/admin/`);
    await page.getByRole('link', { name: 'Jury results: leaderboards, fairness, exports' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/results/`);
    await page.locator('main a[href="/en/admin/results/2026/"]').click();
    expect(await page.locator('h1').innerText()).toBe('Jury results of 2026');
    // Progress per round: a chart drawn on the server with its title, and the same figures as a table.
    const chart = page.getByRole('img', { name: 'Progress per round' });
    expect(await chart.count()).toBe(1);
    const closed = page.getByRole('row', { name: /Preliminary round: scoring \(closed\)/ });
    expect(await closed.locator('td').allInnerTexts()).toEqual(['rubric scoring', 'closed', '11', '25 of 27']);
    await closed.getByRole('link').click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/results/2026/rounds/${ROUND}/`);
    expect(await page.locator('h1').innerText()).toBe('Preliminary round: scoring (closed) – results');
    expect(await page.locator('main h1 + p').innerText()).toBe('25 reviews submitted');

    // The written category's leaderboard, by total.
    const written = page.getByRole('table', { name: 'Written and online journalism: leaderboard' });
    const firstColumn = async () =>
      (await written.locator('tbody tr').allInnerTexts()).map((row) => row.split('\n')[0]?.split('\t')[0]);
    expect(await written.locator('tbody th').allInnerTexts()).toEqual([
      'MIS-2026-0008\nWorking without papers',
      'MIS-2026-0001\nCudzinecká polícia zblízka',
      'MIS-2026-0004\nŽivot v kontejneru',
      'MIS-2026-0012\nA kert',
    ]);
    expect(await firstColumn()).toEqual(['1', '2', '3', '4']);

    // Sorted by disagreement (a plain link): entry 01 first, with why.
    await written.getByRole('link', { name: 'Disagreement' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/results/2026/rounds/${ROUND}/?sort=disagreement&scores=raw`);
    const first = page
      .getByRole('table', { name: 'Written and online journalism: leaderboard' })
      .locator('tbody tr')
      .first();
    expect(await first.locator('th').innerText()).toBe('MIS-2026-0001\nCudzinecká polícia zblízka');
    expect(await first.locator('.results-flag').innerText()).toBe(
      'Strong disagreement: Accuracy from 1 to 5 (4 points apart)',
    );

    // The raw/normalised switch: the student category's ranks change places.
    const student = () => page.getByRole('table', { name: 'Student journalism: leaderboard' }).locator('tbody tr');
    await page.getByRole('link', { name: 'Normalised totals' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/results/2026/rounds/${ROUND}/?sort=disagreement&scores=normalised`);
    expect(
      await page.getByRole('navigation', { name: 'Scores used for the ranks' }).locator('strong').innerText(),
    ).toBe('Normalised totals (shown)');
    await page
      .getByRole('table', { name: 'Student journalism: leaderboard' })
      .getByRole('link', { name: 'Normalised total', exact: true })
      .click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/results/2026/rounds/${ROUND}/?sort=normalised&scores=normalised`);
    expect(await student().locator('th').allInnerTexts()).toEqual([
      'MIS-2026-0011\nUčitelia bez hraníc',
      'MIS-2026-0010\nСтуденти з Харкова',
    ]);

    // Charts as images with a text alternative; Hungarian entries flagged with the p-value.
    expect(await page.getByRole('img', { name: 'Score distribution per juror' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Mean normalised total by entry language' }).count()).toBe(1);
    const hungarian = page.getByRole('row', { name: /^Hungarian/ });
    expect(await hungarian.locator('td').allInnerTexts()).toEqual([
      '2',
      '2.32',
      '3.5',
      '0.016',
      'Scored lower beyond chance',
    ]);
    expect(
      await page
        .getByRole('row', { name: /Anna Schmidt/ })
        .locator('td')
        .last()
        .innerText(),
    ).toBe('left raw: fewer than 3 reviews');

    // Exports: the score sheet as CSV (formula-safe) and XLSX.
    const csvHref = await page.getByRole('link', { name: 'Download the score sheet (CSV)' }).getAttribute('href');
    const csv = await page.request.get(`${baseUrl}${csvHref}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')[0]).toBe(
      '\uFEFF"Entry","Title","Category","Language","Juror","Accuracy","Balance and fairness","Non-stigmatising language","Originality","Craft","Abstained on the entry","Weighted total","Normalised total","Entry mean","Entry normalised mean"',
    );
    const xlsxHref = await page.getByRole('link', { name: 'Download the score sheet (XLSX)' }).getAttribute('href');
    expect((await page.request.get(`${baseUrl}${xlsxHref}`)).headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );

    // The printable report keeps the switch; printed, the site's header and navigation are gone.
    await page.getByRole('link', { name: 'Printable jury report' }).click();
    expect(page.url()).toBe(
      `${baseUrl}/en/admin/results/2026/rounds/${ROUND}/report/?sort=normalised&scores=normalised`,
    );
    expect(await page.locator('h1').innerText()).toBe('Jury report: Preliminary round: scoring (closed)');
    expect(await page.getByRole('heading', { name: 'Language fairness' }).count()).toBe(1);
    // The report's own stylesheet must have loaded (a click returns once the navigation commits).
    await page.waitForLoadState('load');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site-header').isVisible()).toBe(false);
    expect(await page.getByText('Back to the results').isVisible()).toBe(false);
    await context.close();
  });

  it('jurors never reach the results: the pages say so with 403, the API answers 403', async () => {
    const { context, page } = await openPage(browser(), { viewport: PHONE });
    await signInByEmail(page, JUROR);
    for (const path of [
      '/en/admin/results/2026/',
      `/en/admin/results/2026/rounds/${ROUND}/`,
      `/en/admin/results/2026/rounds/${ROUND}/report/`,
    ]) {
      const response = await page.goto(`${baseUrl}${path}`);
      expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
      expect(await page.locator('main').innerText()).toContain("You may not see the jury's results.");
      expect(await page.locator('table').count()).toBe(0);
    }
    for (const path of ['', `/rounds/${ROUND}`, `/rounds/${ROUND}/export/csv`]) {
      expect((await page.request.get(`${baseUrl}/api/results/editions/2026${path}`)).status()).toBe(403);
    }
    await context.close();
  });

  it('has no axe violations in any locale at 390 px, and nothing scrolls sideways', async () => {
    const { context, page } = await openPage(browser(), { viewport: PHONE });
    await signInByEmail(page, MANAGER);
    for (const locale of ['sk', 'en', 'uk']) {
      for (const path of [
        '/admin/results/',
        '/admin/results/2026/',
        `/admin/results/2026/rounds/${ROUND}/`,
        `/admin/results/2026/rounds/${ROUND}/?sort=disagreement&scores=normalised`,
        `/admin/results/2026/rounds/${ROUND}/report/`,
      ]) {
        const response = await page.goto(`${baseUrl}/${locale}${path}`);
        expect(response?.status()).toBe(200);
        expect(await page.locator('h1').count()).toBe(1);
        expect({ path: `/${locale}${path}`, violations: await axeViolations(page) }).toEqual({
          path: `/${locale}${path}`,
          violations: [],
        });
        const width = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.documentElement.clientWidth,
        ]);
        expect({ path: `/${locale}${path}`, fits: width[0]! <= width[1]! }).toEqual({
          path: `/${locale}${path}`,
          fits: true,
        });
      }
    }
    await context.close();
  });
});
