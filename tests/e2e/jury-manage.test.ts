import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
// An administrator (scripts/e2e.mjs creates the account with scripts/create-admin.mjs): admins manage every jury.
const MANAGER = 'e2e-jury-manager@example.org';
const NEW_JUROR = 'e2e-new-juror@example.org';
// Demo data (functions/jury/demo-jury.ts): entry 04 is by Petra Malá, with whom Jan declared a
// conflict; entry 06 is Romanian and by Ioana Popescu, the only juror who reads Romanian.
const JAN = 'demo-juror-jan';
const PETRA_MALA_ENTRY = 'demo-2026-entry-04';
const ROMANIAN_ENTRY = 'demo-2026-entry-06';
const SLOVAK_ENTRY = 'demo-2026-entry-01';
const ROUND = 'demo-2026-round-1';
let roundPath = '';

describe("the jury managers' pages", () => {
  it('invite a juror, plan a round, run the assignment with its explanation, adjust by hand and remind — without JavaScript', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, MANAGER);
    await page.goto(`${baseUrl}/en/admin/`);
    await page.getByRole('link', { name: 'Jury: jurors, rounds and assignments' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/jury/`);
    expect(await page.locator('h1').innerText()).toBe('Jury – editions');
    await page.locator('main a[href="/en/admin/jury/2026/"]').click();
    expect(await page.locator('h1').innerText()).toBe('Jury of 2026');
    // The demo jurors are listed with their languages and state.
    const jan = page.getByRole('row', { name: /jan\.novak@jury\.example\.org/ });
    expect(await jan.locator('td').first().innerText()).toBe('Czech (native), Slovak (fluent), German (fluent)');
    expect(await jan.locator('td').last().innerText()).toBe('accepted');

    // Invite a juror.
    await page.getByLabel('E-mail address of the juror').fill(NEW_JUROR);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/jury/2026/?done=invite`);
    expect(await page.getByRole('status').innerText()).toBe('The invitation was sent.');
    expect(
      await page
        .getByRole('row', { name: new RegExp(NEW_JUROR) })
        .locator('td')
        .last()
        .innerText(),
    ).toMatch(/^invited /);

    // A round whose close is before its opening is refused with an error summary; then saved.
    await page.getByLabel('Order', { exact: true }).fill('2');
    await page.getByLabel('Name of the round (English)').fill('Round 2: second reading');
    await page.getByLabel('Name of the round (Slovenčina)').fill('2. kolo: druhé čítanie');
    await page.getByLabel('Name of the round (Українська)').fill('2-й тур: друге читання');
    await page.getByLabel('Opens', { exact: true }).fill('2026-11-01T09:00');
    await page.getByLabel('Closes', { exact: true }).fill('2026-10-01T18:00');
    await page.getByLabel('Jurors per entry').fill('2');
    await page.getByRole('button', { name: 'Save the round' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'Closes: Enter a time that exists in Bratislava time, with the close after the opening.',
    ]);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel('Name of the round (English)').inputValue()).toBe('Round 2: second reading');
    await page.getByLabel('Closes', { exact: true }).fill('2027-12-31T18:00');
    await page.getByRole('button', { name: 'Save the round' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/jury/2026/?done=round`);
    expect(await page.getByRole('status').innerText()).toBe('The round was saved.');
    const row = page.getByRole('row', { name: /Round 2: second reading/ });
    expect(await row.locator('td').nth(2).innerText()).toContain(' – ');
    expect(await row.locator('td').nth(3).innerText()).toBe('open');
    await row.getByRole('link', { name: 'Round 2: second reading', exact: true }).click();
    roundPath = new URL(page.url()).pathname.replace(/^\/en/, '');
    expect(roundPath).toMatch(/^\/admin\/jury\/2026\/rounds\/[^/]+\/$/);
    expect(await page.locator('h1').innerText()).toBe('Round 2: second reading – assignment and progress');
    expect(await page.locator('#explanation + p').innerText()).toBe(
      'The automatic assignment has not been run for this round.',
    );

    // Run the assignment: its explanation names the Romanian entry and why (its one reader wrote it).
    await page.getByRole('button', { name: 'Run the automatic assignment' }).click();
    expect(await page.getByRole('status').innerText()).toBe('The assignment was run.');
    const explanation = page.getByRole('region', { name: 'The last assignment' });
    expect(await explanation.locator('dt').allInnerTexts()).toEqual([
      'Run',
      'Cost (lower is better)',
      "Worst-off entry's match quality",
      'Load spread (most − fewest entries per juror)',
    ]);
    const romanian = explanation.getByRole('row', { name: /Drumul spre Bratislava/ });
    expect(await romanian.locator('td').allInnerTexts()).toEqual(['2', 'too few jurors read its language', '1', '0']);
    expect(await romanian.locator('[lang="ro"]').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Coverage' }).locator('p').first().innerText()).toMatch(
      /^\d+ entries have fewer than 2 jurors\.$/,
    );

    // By hand: a conflicted pair and a pair that cannot read the entry are refused; a good one is saved.
    const adjust = async (entry: string, action = 'add') => {
      await page.getByLabel('Entry', { exact: true }).selectOption(entry);
      await page.getByLabel('Juror', { exact: true }).selectOption(JAN);
      await page.getByLabel('Change', { exact: true }).selectOption(action);
      await page.getByRole('button', { name: 'Save the change' }).click();
    };
    await adjust(PETRA_MALA_ENTRY);
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      'This juror has a conflict with this entry.',
    ]);
    expect(await page.getByLabel('Entry', { exact: true }).inputValue()).toBe(PETRA_MALA_ENTRY);
    await adjust(ROMANIAN_ENTRY);
    expect(await page.getByRole('alert').getByRole('link').allInnerTexts()).toEqual([
      "This juror reads neither the entry's language nor a summary language its category accepts.",
    ]);
    await adjust(SLOVAK_ENTRY);
    expect(await page.getByRole('status').innerText()).toBe('The assignment was changed.');

    // A reminder by hand.
    const progress = page.getByRole('region', { name: "Jurors' progress" });
    const janRow = progress.getByRole('row', { name: /Jan Novák/ });
    expect(Number(await janRow.locator('td').first().innerText())).toBeGreaterThanOrEqual(1);
    await janRow.getByRole('button', { name: 'Send Jan Novák a reminder' }).click();
    expect(await page.getByRole('status').innerText()).toMatch(/^The reminder was sent \(\d+ unfinished\)\.$/);
    await context.close();
  });

  it('has no axe violations on the managers’ pages in any locale, and none scrolls sideways at 320 px', async () => {
    const { context, page } = await openPage(browser(), { viewport: { width: 320, height: 720 } });
    await signInByEmail(page, MANAGER);
    for (const locale of ['sk', 'en', 'uk']) {
      for (const path of [
        '/admin/jury/',
        '/admin/jury/2026/',
        `/admin/jury/2026/?edit=${ROUND}`,
        `/admin/jury/2026/rounds/${ROUND}/`,
      ]) {
        await page.goto(`${baseUrl}/${locale}${path}`);
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
