import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, newestMailTo, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
// An administrator (scripts/e2e.mjs creates the account): admins manage every edition's results.
const PUBLISHER = 'e2e-publisher@example.org';
// Demo data: 2026's entry 1 (MIS-2026-0001, Slovak, written) is by entrant1@news.example.org;
// 2025's results are published (functions/results/publication-demo.ts), its entry 1 has a comment.
const ENTRANT_2026 = 'entrant1@news.example.org';
const ENTRANT_2025 = 'entrant1.2025@news.example.org';
const PHONE = { width: 390, height: 844 };
const titles = {
  sk: 'Víťazi – Migranti v centre pozornosti 2026',
  en: 'Winners – Migrants in the Spotlight 2026',
  uk: 'Переможці – Мігранти в центрі уваги 2026',
};
/** Words that exist only in the database (results, jury comments): never in a built file (S20). */
const databaseOnly = [
  'Opatrovateľky z Ukrajiny',
  'Careful sourcing',
  'The jury honoured work',
  'Porota ocenila prácu',
  'The jury valued accuracy in e2e',
  'Lucia Nováková',
];

/** Status and body of a GET, with the edition's id blanked (so two not-found pages compare). */
async function answer(path: string, id: string) {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, body: (await response.text()).replaceAll(id, 'ID') };
}

/** Every file under a folder. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const path = join(dir, n);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('results: lock, publish, the winners page, feedback (S20)', () => {
  it('an unpublished edition’s winners page answers exactly like an unknown edition, and the edition page does not link it', async () => {
    const unpublished = await answer('/en/competition/2026/winners/', '2026');
    expect(unpublished.status).toBe(404);
    expect(unpublished).toEqual(await answer('/en/competition/1999/winners/', '1999'));
    const api = await fetch(`${baseUrl}/api/publication/editions/2026/winners`);
    expect(api.status).toBe(404);
    const edition = await (await fetch(`${baseUrl}/en/competition/2026/`)).text();
    expect(edition).not.toContain('/en/competition/2026/winners/');
  });

  it('S20: the built site, sitemap, feeds and search index hold no results, winners page or jury text', () => {
    const client = 'dist/client';
    const all = files(client);
    expect(all.filter((f) => /winners|publication|\/results\//.test(f))).toEqual([]);
    const texts = all.filter((f) => /\.(html|xml|json|js|txt)$/.test(f));
    const fragments = all.filter((f) => f.endsWith('.pf_fragment') || f.endsWith('.pf_index'));
    expect(fragments.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const f of texts) {
      const text = readFileSync(f, 'utf8');
      for (const word of databaseOnly) if (text.includes(word)) found.push(`${f}: ${word}`);
      if (/sitemap|rss/.test(f) && /\/winners\/|\/admin\/publication\//.test(text)) found.push(`${f}: winners URL`);
    }
    for (const f of fragments) {
      const text = gunzipSync(readFileSync(f)).toString('utf8');
      for (const word of [...databaseOnly, '/winners/']) if (text.includes(word)) found.push(`${f}: ${word}`);
    }
    expect(found).toEqual([]);
    expect(texts.some((f) => f.endsWith('rss.xml'))).toBe(true);
    expect(texts.some((f) => /sitemap-0\.xml$/.test(f))).toBe(true);
  });

  it('a manager records places, locks and publishes without JavaScript; the winners page appears in sk/en/uk (axe, 390 px) and the entrant is mailed', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false, viewport: PHONE });
    await signInByEmail(page, PUBLISHER);
    await page.goto(`${baseUrl}/en/admin/`);
    await page.getByRole('link', { name: 'Results and winners: lock and publish' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/admin/publication/`);
    await page.locator('main a[href="/en/admin/publication/2026/"]').click();
    expect(await page.locator('h1').innerText()).toBe('Results – Migrants in the Spotlight 2026');

    // Locking needs a winner: refused with the reason.
    await page.getByRole('button', { name: 'Lock the results' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Choose a winner in at least one category');

    const written = page.getByRole('region', { name: 'Written and online journalism', exact: true });
    // Beside each entry, the jury's order: the Schulze count of the final's ballots (recorded by hand still).
    expect(await written.getByRole('columnheader', { name: 'Jury’s order (Schulze)' }).count()).toBe(1);
    expect(
      await written
        .getByRole('row', { name: /MIS-2026-0012/ })
        .locator('td')
        .nth(2)
        .innerText(),
    ).toBe('1');
    await written.getByLabel('Place of MIS-2026-0001').selectOption('winner');
    await written.getByLabel('Place of MIS-2026-0004').selectOption('winner');
    await written.getByLabel('In English').fill('The jury valued accuracy in e2e.');
    await written.getByRole('button', { name: 'Save places and statement' }).click();
    // Two winners: refused, what was chosen and typed is kept.
    expect(await page.getByRole('alert').innerText()).toContain('Only one entry can hold this place in a category.');
    expect(await written.getByLabel('In English').inputValue()).toBe('The jury valued accuracy in e2e.');
    await written.getByLabel('Place of MIS-2026-0004').selectOption('shortlist');
    await written.getByRole('button', { name: 'Save places and statement' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Saved.');
    const overall = page.getByRole('region', { name: 'The jury’s statement on the whole competition', exact: true });
    await overall.getByLabel('In English').fill('A strong year for careful reporting.');
    await overall.getByRole('button', { name: 'Save the statement' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Saved.');

    await page.getByRole('button', { name: 'Lock the results' }).click();
    expect(await page.getByRole('status').innerText()).toBe('The results are locked.');
    expect(await page.getByLabel('Place of MIS-2026-0001').count()).toBe(0);
    await page.getByRole('button', { name: 'Publish the results' }).click();
    expect(await page.getByRole('status').innerText()).toBe('The results are published.');

    // axe needs JavaScript: the same pages in a second browser context with it.
    const { context: withJs, page: look } = await openPage(browser(), { viewport: PHONE });
    await signInByEmail(look, PUBLISHER);
    for (const locale of ['sk', 'en', 'uk']) {
      await look.goto(`${baseUrl}/${locale}/admin/publication/2026/`);
      expect({ locale, violations: await axeViolations(look) }).toEqual({ locale, violations: [] });
      await look.goto(`${baseUrl}/${locale}/admin/publication/`);
      expect({ locale, violations: await axeViolations(look) }).toEqual({ locale, violations: [] });
    }

    for (const locale of ['sk', 'en', 'uk'] as const) {
      const response = await page.goto(`${baseUrl}/${locale}/competition/2026/winners/`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=60');
      expect(await page.locator('h1').innerText()).toBe(titles[locale]);
      expect(await page.locator('main').innerText()).toContain('Cudzinecká polícia zblízka');
      await look.goto(`${baseUrl}/${locale}/competition/2026/winners/`);
      expect({ locale, violations: await axeViolations(look) }).toEqual({ locale, violations: [] });
      expect(await look.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
    await withJs.close();
    // The manager's signed-in renders above were not kept (functions/http/edge-cache.ts): the first
    // request without cookies is kept, and the next one comes from the edge cache.
    await (await fetch(`${baseUrl}/en/competition/2026/winners/`)).arrayBuffer();
    const again = await fetch(`${baseUrl}/en/competition/2026/winners/`);
    expect(again.headers.get('x-edge-cache')).toBe('hit');
    await page.goto(`${baseUrl}/en/competition/2026/winners/`);
    const winners = page.getByRole('region', { name: 'Written and online journalism', exact: true });
    expect(await winners.getByRole('heading', { level: 3 }).first().innerText()).toBe('Cudzinecká polícia zblízka');
    // The edition page now links the winners.
    await page.goto(`${baseUrl}/en/competition/2026/`);
    await page.getByRole('link', { name: 'Winners and the jury’s statement' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/competition/2026/winners/`);

    // The entrant's mail, in the entry's language (Slovak), names the outcome and no juror.
    const mail = await newestMailTo(page, ENTRANT_2026);
    expect(mail).toContain('MIS-2026-0001');
    expect(mail).toContain('víťaz kategórie');
    expect(mail).not.toContain('Kováčová');
    await context.close();
  });

  it('the entrant sees the outcome and the jurors’ comments without names (sk/en/uk, axe, 390 px)', async () => {
    const { context, page } = await openPage(browser(), { viewport: PHONE });
    await signInByEmail(page, ENTRANT_2025);
    await page.goto(`${baseUrl}/en/competition/entries/`);
    await page.getByRole('link', { name: 'winner of its category: Results and jury comments' }).click();
    expect(page.url()).toBe(`${baseUrl}/en/competition/entries/demo-2025-entry-01/results/`);
    for (const locale of ['sk', 'en', 'uk']) {
      await page.goto(`${baseUrl}/${locale}/competition/entries/demo-2025-entry-01/results/`);
      const main = await page.locator('main').innerText();
      expect(main).toContain('Careful sourcing and a story told in the carers’ own words.');
      expect(main).not.toContain('Mária Kováčová');
      expect({ locale, violations: await axeViolations(page) }).toEqual({ locale, violations: [] });
    }
    // Someone else's entry, or one whose edition is not published: not found.
    expect((await page.goto(`${baseUrl}/en/competition/entries/demo-2025-entry-02/results/`))?.status()).toBe(404);
    expect((await page.goto(`${baseUrl}/en/competition/entries/demo-2026-entry-02/results/`))?.status()).toBe(404);
    // The demo's 2025 winners page, marked as demo, with the jurors' bios.
    for (const locale of ['sk', 'en', 'uk']) {
      await page.goto(`${baseUrl}/${locale}/competition/2025/winners/`);
      expect({ locale, violations: await axeViolations(page) }).toEqual({ locale, violations: [] });
    }
    expect(await page.locator('main').innerText()).toContain('Демонстраційні результати');
    await context.close();
  });

  it('unlocking with a reason takes the winners page down at once (the edge cache is purged)', async () => {
    const { context, page } = await openPage(browser(), { viewport: PHONE });
    await signInByEmail(page, PUBLISHER);
    await page.goto(`${baseUrl}/en/admin/publication/2026/`);
    await page.getByRole('button', { name: 'Unlock the results' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Give a reason');
    await page.getByLabel('Why the results need to change').fill('A name was misspelt.');
    await page.getByRole('button', { name: 'Unlock the results' }).click();
    expect(await page.getByRole('status').innerText()).toBe('The results are a draft again.');
    // The draft's forms, in every locale.
    for (const locale of ['sk', 'en', 'uk']) {
      await page.goto(`${baseUrl}/${locale}/admin/publication/2026/`);
      expect({ locale, violations: await axeViolations(page) }).toEqual({ locale, violations: [] });
    }
    const gone = await answer('/en/competition/2026/winners/', '2026');
    expect(gone).toEqual(await answer('/en/competition/1999/winners/', '1999'));
    expect(gone.status).toBe(404);
    await context.close();
  });
});
