import { describe, expect, it } from 'vitest';
import { baseUrl, openPage, useBrowser } from './browser.ts';

const browser = useBrowser();

const visibleCards = (page: import('playwright-core').Page) =>
  page.locator('[data-material]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-material')).sort());

describe("the teachers' library", () => {
  it('lists every material, grouped by film chapter, with JavaScript off; the GET form filters on the server', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/en/materials/`);
    expect(await page.locator('[data-material]').count()).toBe(12);
    expect(await visibleCards(page)).toHaveLength(12);
    expect(await page.locator('[data-materials-count]').innerText()).toBe('12 materials');
    expect(await page.locator('[data-material-group] h2').allInnerTexts()).toEqual([
      'Film chapter: Arriving',
      'Film chapter: Work, school and neighbours',
      'Film chapter: In the classroom',
      'Materials on migration and prevention',
    ]);
    expect(await page.locator('form[data-materials-filter]').getAttribute('method')).toBe('get');
    // The plain GET form's query: the server answers the filtered list, the box still ticked.
    await page.goto(`${baseUrl}/en/materials/?age=adults`);
    expect(await page.locator('[data-material]').count()).toBe(12);
    expect(await visibleCards(page)).toEqual([
      'arriving-clip',
      'everyday-life-discussion-guide',
      'hotline-fact-sheet',
      'migration-glossary',
    ]);
    expect(await page.locator('[data-materials-count]').innerText()).toBe('4 materials');
    expect(await page.locator('input[name=age][value=adults]').isChecked()).toBe(true);
    await context.close();
  });

  it('filters by combined facets in place, keeps the filter in the URL, and Back restores the previous list', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(`${baseUrl}/en/materials/`);
    const count = page.locator('[data-materials-count]');
    expect(await count.innerText()).toBe('12 materials');

    await page.getByRole('group', { name: 'Age' }).getByLabel('Adults').check();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/en/materials/?age=adults`);
    expect(await count.innerText()).toBe('4 materials');
    expect(await visibleCards(page)).toEqual([
      'arriving-clip',
      'everyday-life-discussion-guide',
      'hotline-fact-sheet',
      'migration-glossary',
    ]);

    await page.getByRole('group', { name: 'Format' }).getByLabel('Guide').check();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/en/materials/?age=adults&format=guide`);
    expect(await count.innerText()).toBe('3 materials');
    expect(await visibleCards(page)).toEqual([
      'everyday-life-discussion-guide',
      'hotline-fact-sheet',
      'migration-glossary',
    ]);

    await page.getByRole('group', { name: 'Language' }).getByLabel('English').check();
    await page.getByRole('group', { name: 'Licence' }).getByLabel('CC BY-SA 4.0').check();
    expect(await count.innerText()).toBe('1 material');
    expect(await visibleCards(page)).toEqual(['migration-glossary']);

    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/en/materials/?age=adults&language=en&format=guide`);
    expect(await count.innerText()).toBe('3 materials');
    expect(await page.getByRole('group', { name: 'Licence' }).getByLabel('CC BY-SA 4.0').isChecked()).toBe(false);

    await page.goBack();
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/en/materials/?age=adults`);
    expect(await count.innerText()).toBe('4 materials');
    expect(await page.getByRole('group', { name: 'Format' }).getByLabel('Guide').isChecked()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a shared filtered link filtered, with the count in the page language’s plural form', async () => {
    const { context, page } = await openPage(browser());
    await page.goto(`${baseUrl}/uk/materials/?subject=history&subject=ethics`);
    expect(await page.locator('[data-materials-count]').innerText()).toBe('6 матеріалів');
    await page.goto(`${baseUrl}/sk/materials/?format=worksheet`);
    expect(await page.locator('[data-materials-count]').innerText()).toBe('3 materiály');
    expect(await page.getByRole('group', { name: 'Formát' }).getByLabel('Pracovný list').isChecked()).toBe(true);
    await context.close();
  });

  it('shows a material with everything a teacher checks before downloading, and links through the counter', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/sk/materials/arriving-lesson-plan/`);
    expect(await page.locator('dl.facts').innerText()).toContain('45 minút');
    expect(await page.getByRole('link', { name: 'CC BY-NC 4.0' }).getAttribute('href')).toBe(
      'https://creativecommons.org/licenses/by-nc/4.0/',
    );
    const rows = await page
      .locator('table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([
      'Stiahnuť lesson-plan-sk.pdf',
      'slovenčina',
      'PDF dokument',
      expect.stringMatching(/^\d+,\d kB$/),
      '1 strana',
    ]);
    // A download is a button that posts (counted once); the counter sends the browser to the file.
    const button = page.getByRole('button', { name: 'Stiahnuť lesson-plan-uk.pdf' });
    const form = button.locator('xpath=ancestor::form');
    expect([
      await form.getAttribute('method'),
      await form.getAttribute('action'),
      await form.locator('input[name=file]').inputValue(),
      await form.locator('input[name=lang]').inputValue(),
    ]).toEqual(['post', '/api/materials/arriving-lesson-plan/download', 'lesson-plan-uk.pdf', 'sk']);
    // The static file is served as built.
    const pdf = await page.request.get(`${baseUrl}/materials/arriving-lesson-plan/lesson-plan-uk.pdf`);
    expect([pdf.status(), (await pdf.body()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    expect(await page.locator('.material-preview').innerText()).toContain('„Doma sa cítim, keď…“');
    await context.close();
  });

  it('has a kit per film chapter with the clip time code, its materials and one ZIP', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/en/materials/kits/classroom/`);
    expect(await page.locator('h1').innerText()).toBe('Teacher kit: In the classroom');
    expect(await page.getByRole('link', { name: 'Play the film from 0:16 to 0:24' }).getAttribute('href')).toBe(
      '/media/documentary/we-are-at-home-here-demo.webm#t=16',
    );
    expect(await visibleCards(page)).toEqual(['classroom-audio', 'classroom-discussion-guide', 'classroom-worksheet']);
    const zip = page.getByRole('button', { name: /^Download the whole kit \(ZIP, 8 files\)$/ });
    expect(await zip.locator('xpath=ancestor::form').getAttribute('action')).toBe(
      '/api/materials/kit-classroom/download',
    );
    expect(await zip.getAttribute('data-file')).toBe('we-are-at-home-here-classroom.zip');
    const archive = await page.request.get(`${baseUrl}/materials/kit-classroom/we-are-at-home-here-classroom.zip`);
    expect([archive.status(), (await archive.body()).subarray(0, 2).toString()]).toEqual([200, 'PK']);
    const manifest = await (await page.request.get(`${baseUrl}/materials/manifest.json`)).json();
    expect(Object.keys(manifest.items['kit-classroom'].files)).toEqual(['we-are-at-home-here-classroom.zip']);
    await context.close();
  });
});
