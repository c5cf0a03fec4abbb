import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
// Its own account (created by scripts/test.mjs): the per-address sign-in limit applies to tests too.
const ADMIN = 'e2e-librarian@example.org';

describe('using the library: counted downloads, "How did you use it?", organiser figures', () => {
  it('a download button on a material page posts, is counted and sends the browser to the file (JavaScript off)', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/en/materials/arriving-worksheet/`);
    const button = page.locator('button[data-file]').first();
    const file = await button.getAttribute('data-file');
    expect(await button.locator('xpath=ancestor::form').getAttribute('action')).toBe(
      '/api/materials/arriving-worksheet/download',
    );
    // What the button sends: the counter answers 303 to the static file.
    const pressed = await page.request.post(`${baseUrl}/api/materials/arriving-worksheet/download`, {
      form: { file: file!, lang: 'en' },
      headers: { origin: baseUrl },
      maxRedirects: 0,
    });
    expect([pressed.status(), pressed.headers().location]).toEqual([303, `/materials/arriving-worksheet/${file}`]);
    const served = await page.request.get(`${baseUrl}/materials/arriving-worksheet/${file}`);
    expect([served.status(), served.headers()['content-type']]).toEqual([200, 'application/pdf']);
    // Opening the counter's URL (a crawler, a link preview) only redirects to the file.
    const redirect = await page.request.get(
      `${baseUrl}/api/materials/arriving-worksheet/download?file=${file}&lang=en`,
      {
        maxRedirects: 0,
      },
    );
    expect([redirect.status(), redirect.headers().location]).toEqual([302, `/materials/arriving-worksheet/${file}`]);
    expect(
      (
        await page.request.get(`${baseUrl}/api/materials/arriving-worksheet/download?file=nope.pdf`, {
          maxRedirects: 0,
        })
      ).status(),
    ).toBe(404);
    await context.close();
  });

  it.each(['sk', 'en', 'uk'])(
    'the anonymous feedback form in %s works without JavaScript and keeps what was typed',
    async (locale) => {
      const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
      await page.goto(`${baseUrl}/${locale}/materials/arriving-worksheet/`);
      await page.locator(`a[href^="/${locale}/materials/feedback/"]`).click();
      const submit = page.locator('form[data-pow] button[type=submit]');
      await page.locator('#feedback-comment').fill('Pupils compared it with their own first day at school.');
      await submit.click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary li').count()).toBe(3);
      expect(await page.locator('#feedback-comment').inputValue()).toBe(
        'Pupils compared it with their own first day at school.',
      );
      await page.locator('#feedback-students').fill('27');
      await page.locator('input[name=ageGroup][value="13-15"]').check();
      await page.locator('#feedback-schoolType').selectOption('lower-secondary');
      await submit.click();
      await page.waitForURL(/sent=1/);
      expect(await page.locator('.panel[role=status]').count()).toBe(1);
      await context.close();
    },
  );

  it.each(['sk', 'en', 'uk'])(
    'the feedback form in %s has no axe violations, also when it shows errors',
    async (locale) => {
      const { context, page, errors } = await openPage(browser());
      await page.goto(`${baseUrl}/${locale}/materials/feedback/?material=arriving-worksheet`);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('form[data-pow] button[type=submit]').click();
      await page.locator('.error-summary').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
      await context.close();
    },
  );

  it('organisers see downloads per month as a chart and a table, the impact, and CSV exports', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.request.post(`${baseUrl}/api/materials/feedback`, {
      data: {
        materialId: 'arriving-worksheet',
        lang: 'en',
        students: 12,
        ageGroup: 'adults',
        schoolType: 'informal',
        comment: '',
      },
    });
    await signInByEmail(page, ADMIN);
    await page.goto(`${baseUrl}/en/admin/materials/`);
    expect(await page.locator('h1').innerText()).toBe("Teachers' library: downloads and impact");
    expect(await page.locator('svg.bar-chart rect').count()).toBe(12);
    expect(await page.getByRole('row', { name: /worksheet/i }).count()).toBeGreaterThan(0);
    expect(await page.locator('dl.facts').innerText()).toContain('Learners reached');
    expect(await axeViolations(page)).toEqual([]);
    for (const locale of ['sk', 'uk']) {
      await page.goto(`${baseUrl}/${locale}/admin/materials/`);
      expect([locale, await axeViolations(page)]).toEqual([locale, []]);
    }
    const csv = await page.request.get(`${baseUrl}/api/admin/materials/downloads.csv`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain('"arriving-worksheet"');
    expect(errors).toEqual([]);
    await context.close();
  });
});
