import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  baseUrl,
  mailLink,
  newestMailTo,
  openMailedLink,
  openPage,
  signInByEmail,
  useBrowser,
} from './browser.ts';

const browser = useBrowser();
// Demo jurors (functions/jury/demo-jury.ts), one per journey so their reviews do not meet:
// Mária scores 04, 09, 11, 12; Éva 01, 03, 04, 05; Oleksandr 02, 07, 08, 10; Anna 02, 07, 10
// (02 carries the demo video); Ioana 03, 08, 12.
const MARIA = 'maria.kovacova@jury.example.org';
const EVA = 'eva.horvath@jury.example.org';
const OLEKSANDR = 'oleksandr.bondar@jury.example.org';
const ANNA = 'anna.schmidt@jury.example.org';
const IOANA = 'ioana.popescu@jury.example.org';
const ROUND = 'demo-2026-round-1';
const roundPath = `/en/jury/2026/rounds/${ROUND}/`;
const entryUrl = (entry: string, locale = 'en') => `${baseUrl}/${locale}/jury/2026/rounds/${ROUND}/${entry}/`;
const CRITERIA = ['Accuracy', 'Balance and fairness', 'Non-stigmatising language', 'Originality', 'Craft'];
const SESSION = '__Host-spotlight-session';
const OFFLINE = 'Offline — kept on this device. It will be saved when the connection returns.';

const status = (page: Page) => page.locator('[data-autosave-status]');
const saved = async (page: Page) => expect.poll(() => status(page).innerText(), { timeout: 15_000 }).toBe('Saved.');
/** What this browser keeps for unsent reviews (localStorage), by key. */
const kept = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('spotlight-review:'))
        .map((k) => [
          k,
          JSON.parse(localStorage.getItem(k) ?? 'null') as { base: number; values: Record<string, string> },
        ]),
    ),
  );

/** Chooses a value on every criterion with the keyboard (focus the radio, Space). */
async function scoreByKeyboard(page: Page, label = '4 – very good') {
  for (const criterion of CRITERIA) {
    await page.getByRole('group', { name: criterion }).getByLabel(label).focus();
    await page.keyboard.press('Space');
  }
}

/** Signs in from a sign-in page already open (with its `?return=`), following the mailed link. */
async function signInHere(page: Page, email: string) {
  await page.getByLabel("Your account's email address").fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).press('Enter');
  await page.waitForURL(`${baseUrl}/en/account/check-inbox/`);
  await openMailedLink(page, mailLink(await newestMailTo(page, email), '/api/auth/callback?token='));
}

const fileRequests = (context: BrowserContext) => {
  const seen: string[] = [];
  context.on('request', (r) => {
    if (r.url().includes('/files/')) seen.push(r.url());
  });
  return seen;
};

describe('the scoring screen keeps every word (autosave)', () => {
  it('a juror scores three entries by keyboard; the connection drops mid-save, comes back, and nothing is lost', async () => {
    const { context, page, errors } = await openPage(browser());
    await signInByEmail(page, MARIA);
    await page.goto(`${baseUrl}${roundPath}`);
    expect(await page.getByRole('status').innerText()).toBe('0 of 4 submitted, 0 drafts');
    await page.getByRole('link', { name: 'Score the next entry' }).press('Enter');
    let tab = page;
    const seen: string[] = [];
    const comments: string[] = [];
    for (let i = 0; i < 3; i++) {
      await tab.waitForURL(new RegExp(`${roundPath}demo-2026-entry-\\d+/$`));
      const url = tab.url();
      seen.push(url);
      await scoreByKeyboard(tab);
      await saved(tab);
      await tab.getByLabel('Comment for the jury').focus();
      if (i === 1) {
        // The next save leaves, and the connection drops before its answer.
        const endpoint = `**/api/jury/editions/2026/rounds/${ROUND}/entries/*/review`;
        let dropped = 0;
        await tab.route(endpoint, async (route) => {
          dropped++;
          await context.setOffline(true);
          await route.abort('internetdisconnected');
        });
        await tab.keyboard.type('Written on a train.');
        await expect.poll(() => status(tab).innerText(), { timeout: 15_000 }).toBe(OFFLINE);
        expect(dropped).toBeGreaterThanOrEqual(1);
        await tab.unroute(endpoint);
        // Typing on while offline is kept on the device too; then the tab is closed, still offline.
        await tab.keyboard.type(' Through the tunnel.');
        await expect
          .poll(async () => Object.values(await kept(tab)).map((d) => d.values.commentForJury))
          .toEqual(['Written on a train. Through the tunnel.']);
        // "Save draft" pressed offline stays on the page (no browser error page) and says it is kept here.
        await tab.getByRole('button', { name: 'Save draft' }).press('Enter');
        await expect.poll(() => status(tab).innerText(), { timeout: 15_000 }).toBe(OFFLINE);
        expect(new URL(tab.url()).pathname).toBe(new URL(url).pathname);
        await tab.close();
        await context.setOffline(false);
        // Opened again online: the kept text is put back into the form and saved.
        tab = await context.newPage();
        await tab.goto(url);
        expect(await tab.getByLabel('Comment for the jury').inputValue()).toBe(
          'Written on a train. Through the tunnel.',
        );
        await saved(tab);
        expect(await kept(tab)).toEqual({});
        await tab.reload();
        expect(await tab.getByLabel('Comment for the jury').inputValue()).toBe(
          'Written on a train. Through the tunnel.',
        );
        expect(await tab.getByRole('group', { name: 'Craft' }).getByLabel('4 – very good').isChecked()).toBe(true);
        comments.push('Written on a train. Through the tunnel.');
      } else {
        await tab.keyboard.type(`Careful reporting ${i + 1}.`);
        await saved(tab);
        comments.push(`Careful reporting ${i + 1}.`);
      }
      await tab.getByRole('button', { name: 'Submit and score the next entry' }).press('Enter');
    }
    await tab.waitForURL(new RegExp(`${roundPath}demo-2026-entry-\\d+/$`));
    expect(new Set(seen).size).toBe(3);
    await tab.goto(`${baseUrl}${roundPath}`);
    expect(await tab.getByRole('status').innerText()).toBe('3 of 4 submitted, 0 drafts');
    // Every submitted text is there after a reload.
    for (const [i, url] of seen.entries()) {
      await tab.goto(url);
      expect(await tab.getByLabel('Comment for the jury').inputValue()).toBe(comments[i]);
    }
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it('a session that ends while the juror writes loses nothing: the text is restored and saved after signing in again', async () => {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, EVA);
    await page.goto(entryUrl('demo-2026-entry-03'));
    await scoreByKeyboard(page, '5 – outstanding');
    await saved(page);
    // The session ends (expired, or signed out elsewhere): the browser no longer has it.
    await context.clearCookies({ name: SESSION });
    await page.getByLabel('Comment for the entrant').focus();
    await page.keyboard.type('A brave piece; the ending could be shorter.');
    await expect
      .poll(() => status(page).innerText(), { timeout: 15_000 })
      .toBe(
        'You were signed out — your text is kept on this device. Sign in to save it (you will come back to this entry)',
      );
    expect(Object.values(await kept(page)).map((d) => d.values.commentForEntrant)).toEqual([
      'A brave piece; the ending could be shorter.',
    ]);
    await status(page).getByRole('link').press('Enter');
    await page.waitForURL(/\/en\/account\/sign-in\//);
    expect(page.url()).toBe(
      `${baseUrl}/en/account/sign-in/?return=${encodeURIComponent(`/en/jury/2026/rounds/${ROUND}/demo-2026-entry-03/`)}`,
    );
    await signInHere(page, EVA);
    expect(page.url()).toBe(entryUrl('demo-2026-entry-03'));
    expect(await page.getByLabel('Comment for the entrant').inputValue()).toBe(
      'A brave piece; the ending could be shorter.',
    );
    await saved(page);
    expect(await kept(page)).toEqual({});
    await page.reload();
    expect(await page.getByLabel('Comment for the entrant').inputValue()).toBe(
      'A brave piece; the ending could be shorter.',
    );
    expect(await page.getByRole('group', { name: 'Accuracy' }).getByLabel('5 – outstanding').isChecked()).toBe(true);
    await context.close();
  });

  it('a version saved in another tab is shown beside the juror’s text, never overwritten; the juror chooses', async () => {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, IOANA);
    const other = await context.newPage();
    await page.goto(entryUrl('demo-2026-entry-08'));
    await other.goto(entryUrl('demo-2026-entry-08'));
    await page.getByLabel('Comment for the jury').fill('Saved from the first tab.');
    await saved(page);
    await other.getByLabel('Comment for the jury').fill('Written in the second tab.');
    await expect
      .poll(() => status(other).innerText(), { timeout: 15_000 })
      .toBe(
        'Not saved: this review was changed elsewhere. Your text is kept in the form; the saved version is shown above it. Choose which to keep.',
      );
    const panel = other.getByRole('region', { name: 'The version saved elsewhere' });
    expect(await panel.locator('dl').innerText()).toContain('Saved from the first tab.');
    expect(await other.getByLabel('Comment for the jury').inputValue()).toBe('Written in the second tab.');
    for (const width of [390, 1280]) {
      await other.setViewportSize({ width, height: 800 });
      expect(await axeViolations(other)).toEqual([]);
    }
    await panel.getByRole('button', { name: 'Keep my text (save it over that version)' }).press('Enter');
    await saved(other);
    await page.reload();
    expect(await page.getByLabel('Comment for the jury').inputValue()).toBe('Written in the second tab.');
    await context.close();
  });

  it('without JavaScript: three entries by keyboard, and a refused save (signed out) keeps every typed value', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await signInByEmail(page, OLEKSANDR);
    await page.goto(`${baseUrl}${roundPath}`);
    await page.getByRole('link', { name: 'Score the next entry' }).press('Enter');
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await page.waitForURL(new RegExp(`${roundPath}demo-2026-entry-\\d+/$`));
      seen.add(page.url());
      // No autosave without JavaScript: no status line.
      expect(await status(page).isVisible()).toBe(false);
      await scoreByKeyboard(page, i === 0 ? '2 – fair' : '4 – very good');
      await page.getByLabel('Comment for the jury').focus();
      await page.keyboard.type(`Plain form ${i + 1}.`);
      if (i === 0) {
        // Signed out meanwhile: the refused post comes back with the text and the chosen scores kept.
        await context.clearCookies({ name: SESSION });
        await page.getByRole('button', { name: 'Save draft' }).press('Enter');
        expect(await page.locator('.notice[role=alert]').innerText()).toContain(
          'You were signed out, so this was not saved.',
        );
        expect(await page.getByLabel('Comment for the jury').inputValue()).toBe('Plain form 1.');
        const other = await context.newPage();
        await signInByEmail(other, OLEKSANDR);
        await other.close();
        await page.getByRole('button', { name: 'Submit and score the next entry' }).press('Enter');
        await page.waitForURL(new RegExp(`${roundPath}demo-2026-entry-\\d+/$`));
        const first = [...seen][0]!;
        const check = await context.newPage();
        await check.goto(first);
        expect(await check.getByLabel('Comment for the jury').inputValue()).toBe('Plain form 1.');
        for (const criterion of CRITERIA)
          expect(await check.getByRole('group', { name: criterion }).getByLabel('2 – fair').isChecked()).toBe(true);
        await check.close();
        continue;
      }
      await page.getByRole('button', { name: 'Submit and score the next entry' }).press('Enter');
    }
    expect(seen.size).toBe(3);
    await page.goto(`${baseUrl}${roundPath}`);
    expect(await page.getByRole('status').innerText()).toBe('3 of 4 submitted, 0 drafts');
    await context.close();
  });
});

describe('low-bandwidth mode', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`loads no media bytes until asked, and remembers the choice (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context, page } = await openPage(browser(), { javaScriptEnabled });
      await signInByEmail(page, ANNA);
      const requests = fileRequests(context);
      await page.goto(entryUrl('demo-2026-entry-02'));
      await page.getByRole('button', { name: 'Turn on low-bandwidth mode' }).press('Enter');
      await page.waitForURL(entryUrl('demo-2026-entry-02'));
      requests.length = 0;
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.getByText('Low-bandwidth mode is on: files load only when you ask.').isVisible()).toBe(true);
      expect(await page.locator('.entry-files li p').first().innerText()).toBe('file-demo-202.mp4 (video, 232 kB)');
      expect(await page.locator('video').count()).toBe(0);
      // Another entry, too: the choice is remembered.
      await page.goto(entryUrl('demo-2026-entry-07'), { waitUntil: 'networkidle' });
      await page.goto(entryUrl('demo-2026-entry-02'), { waitUntil: 'networkidle' });
      expect(requests).toEqual([]);
      const load = page.getByRole('link', { name: 'Load the video (232 kB)' });
      const [request] = await Promise.all([
        context.waitForEvent('request', (r) => r.url().includes('/files/')),
        load.press('Enter'),
      ]);
      expect(request.url()).toBe(
        `${baseUrl}/api/jury/editions/2026/rounds/${ROUND}/entries/demo-2026-entry-02/files/demo-2026-file-02-video?inline=1`,
      );
      const answer = await page.request.get(request.url());
      expect([answer.status(), answer.headers()['content-type'], answer.headers()['content-disposition']]).toEqual([
        200,
        'video/mp4',
        'inline; filename="file-demo-202.mp4"; filename*=UTF-8\'\'file-demo-202.mp4',
      ]);
      expect(await page.locator('video').count()).toBe(1);
      await page.getByRole('button', { name: 'Turn off low-bandwidth mode' }).press('Enter');
      await page.waitForURL(entryUrl('demo-2026-entry-02'));
      expect(await page.locator('video').count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Load the video (232 kB)' }).count()).toBe(0);
      await context.close();
    });
  }
});

describe('the scoring screen is accessible', () => {
  it('has no axe violations in sk, en and uk at 390 px and 1280 px, with the autosave line and the media shown', async () => {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, ANNA);
    const names: Record<string, string> = { sk: 'Presnosť', en: 'Accuracy', uk: 'Точність' };
    for (const locale of ['sk', 'en', 'uk']) {
      for (const entry of ['demo-2026-entry-02', 'demo-2026-entry-10']) {
        await page.goto(entryUrl(entry, locale));
        await page.getByRole('group', { name: names[locale] }).getByRole('radio').nth(2).check();
        await expect.poll(() => status(page).isVisible()).toBe(true);
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          expect({ locale, entry, width, violations: await axeViolations(page) }).toEqual({
            locale,
            entry,
            width,
            violations: [],
          });
        }
      }
    }
    await context.close();
  });
});

describe('drafts do not outlive the juror on a shared device', () => {
  it('expires drafts older than 14 days when the screen loads, and signing out deletes every draft', async () => {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, IOANA);
    await page.goto(entryUrl('demo-2026-entry-12'));
    const day = 24 * 60 * 60 * 1000;
    await page.evaluate((day) => {
      const draft = (at: number) => JSON.stringify({ base: 0, values: { commentForJury: 'notes' }, at });
      localStorage.setItem('spotlight-review:x:r:old', draft(Date.now() - 15 * day));
      localStorage.setItem('spotlight-review:x:r:recent', draft(Date.now() - 13 * day));
      localStorage.setItem('not-a-draft', 'stays');
    }, day);
    await page.reload();
    expect(Object.keys(await kept(page))).toEqual(['spotlight-review:x:r:recent']);
    await page.goto(`${baseUrl}/en/account/`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${baseUrl}/en/account/signed-out/`);
    await expect.poll(() => kept(page)).toEqual({});
    expect(await page.evaluate(() => localStorage.getItem('not-a-draft'))).toBe('stays');
    await context.close();
  });
});
