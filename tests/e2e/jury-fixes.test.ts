import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTranslations } from '../../core/t.ts';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

// Tester findings on the scoring screen, the jury's round list and the lunch links (fixjury):
// closed-set fields refused with a translated 400 keeping what was typed, error summaries naming
// the criterion, the screen's layout at 390 px, and closed rounds saying when they closed.
const browser = useBrowser();
// Anna (a demo juror, mails in English): signed in once for the whole file, so the sign-in limits
// (S27) are not spent; other files sign Jan in.
const ANNA = 'anna.schmidt@jury.example.org';
const ROUND = 'demo-2026-round-1';
const locales = ['sk', 'en', 'uk'] as const;
const criterion = { sk: 'Presnosť', en: 'Accuracy', uk: 'Точність' };

let signedIn: Awaited<ReturnType<typeof openPage>>;
beforeAll(async () => {
  signedIn = await openPage(browser(), { viewport: { width: 390, height: 844 } });
  await signInByEmail(signedIn.page, ANNA);
});
afterAll(() => signedIn.context.close());

/** Opens the next entry Anna scores, in `locale`; its URL. */
async function scoringScreen(locale: (typeof locales)[number]) {
  const { page } = signedIn;
  await page.goto(`${baseUrl}/${locale}/jury/2026/rounds/${ROUND}/next/`);
  await page.waitForURL(new RegExp(`/${locale}/jury/2026/rounds/${ROUND}/demo-2026-entry-\\d+/$`));
  return { page, url: page.url() };
}

/** A refused post's page, rendered: its error summary's links and the comment box's text. */
async function refusedPage(html: string) {
  const view = await signedIn.context.newPage();
  await view.setContent(html.replace(/<script[^>]*>[^<]*<\/script>/g, ''));
  const links = await view.locator('.error-summary a').all();
  const shown = {
    summary: await Promise.all(links.map(async (a) => [await a.innerText(), await a.getAttribute('href')])),
    comment: await view.locator('#commentForJury').inputValue(),
  };
  await view.close();
  return shown;
}

describe('the scoring form refuses what it does not offer, and names what is wrong', () => {
  for (const locale of locales) {
    it(`${locale}: action=foo and version=abc are refused with a translated 4xx that keeps the text; a score off the scale names its criterion`, async () => {
      const t = useTranslations(locale);
      const { page, url } = await scoringScreen(locale);
      const post = (form: Record<string, string>) =>
        page.request.post(url, { form, headers: { Origin: baseUrl }, maxRedirects: 0 });

      const foo = await post({ version: '0', action: 'foo', commentForJury: 'Kept text 1' });
      expect(foo.status()).toBe(400);
      expect(await refusedPage(await foo.text())).toEqual({
        summary: [[t('errors.form.unknownChoice'), '#review-actions']],
        comment: 'Kept text 1',
      });

      const abc = await post({ version: 'abc', action: 'draft', commentForJury: 'Kept text 2' });
      expect(abc.status()).toBe(422);
      expect(await refusedPage(await abc.text())).toEqual({
        summary: [[t('errors.jury.version'), '#review']],
        comment: 'Kept text 2',
      });

      // A score off the scale is named by its criterion, and the summary links to it.
      const off = await post({ version: '0', action: 'draft', 'score.accuracy': '9', commentForJury: 'Kept text 3' });
      expect(off.status()).toBe(422);
      expect(await refusedPage(await off.text())).toEqual({
        summary: [[`${criterion[locale]}: ${t('errors.jury.scoreInvalid')}`, '#scores-accuracy']],
        comment: 'Kept text 3',
      });
    });
  }
});

describe('submitting without every score, or with a criterion the form does not have (tester findings)', () => {
  it('en: the summary names each criterion left empty and links to it; score.nonexistent links to the first criterion', async () => {
    const t = useTranslations('en');
    const { page, url } = await scoringScreen('en');
    const post = (form: Record<string, string>) =>
      page.request.post(url, { form, headers: { Origin: baseUrl }, maxRedirects: 0 });
    const missing = t('jury.pages.entry.scoreMissing');
    const incomplete = await post({ version: '0', action: 'submit', 'score.accuracy': '4', commentForJury: 'Kept 4' });
    expect(incomplete.status()).toBe(422);
    expect(await refusedPage(await incomplete.text())).toEqual({
      summary: [
        [`Balance and fairness: ${missing}`, '#scores-balance'],
        [`Non-stigmatising language: ${missing}`, '#scores-language'],
        [`Originality: ${missing}`, '#scores-originality'],
        [`Craft: ${missing}`, '#scores-craft'],
      ],
      comment: 'Kept 4',
    });
    const tampered = await post({ version: '0', action: 'draft', 'score.nonexistent': '5', commentForJury: 'Kept 5' });
    expect(tampered.status()).toBe(422);
    expect(await refusedPage(await tampered.text())).toEqual({
      summary: [[t('errors.jury.scoreInvalid'), '#scores-accuracy']],
      comment: 'Kept 5',
    });
  });
});

describe('the scoring screen at 390 px (GOV.UK-like radios, 44 px targets, hints under labels)', () => {
  for (const locale of locales) {
    it(`${locale}: each circle on its label's line, buttons at least 44 px, hints below their labels, no axe violations`, async () => {
      const { page } = await scoringScreen(locale);
      await page.screenshot({ path: `/tmp/fixjury-scoring-${locale}-390.png`, fullPage: true });
      const rows = page.locator('#review .radio');
      expect(await rows.count()).toBeGreaterThan(10);
      for (const row of await rows.all()) {
        const circle = (await row.locator('input').boundingBox())!;
        const label = (await row.locator('label').boundingBox())!;
        // Beside its label (never wrapped under it), on the label's first line.
        expect(circle.x + circle.width).toBeLessThanOrEqual(label.x);
        expect(circle.y).toBeGreaterThanOrEqual(label.y - 1);
        expect(circle.y).toBeLessThan(label.y + 30);
        expect(label.height).toBeGreaterThanOrEqual(44);
      }
      for (const button of await page.locator('#review-actions button').all()) {
        const box = (await button.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.width).toBeGreaterThanOrEqual(44);
      }
      for (const id of ['commentForJury', 'commentForEntrant']) {
        const label = (await page.locator(`label[for=${id}]`).boundingBox())!;
        const hint = (await page.locator(`#${id}-hint`).boundingBox())!;
        expect(hint.y).toBeGreaterThanOrEqual(label.y + label.height);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

describe('round times', () => {
  const closedOn = {
    sk: /\(uzavreté \d+\. \S+ \d{4} o \d{1,2}:\d{2} stredoeurópsky (letný|štandardný) čas\)/,
    en: /\(closed \w+ \d+, \d{4} at \d{1,2}:\d{2} [AP]M Central European (Summer|Standard) Time\)/,
    uk: /\(закрито \d+ \S+ \d{4} р\. о \d{1,2}:\d{2} за центральноєвропейським (літнім|стандартним) часом\)/,
  };
  it('a closed round says when it closed (not "closed, closes …"), with its zone, in sk, en and uk', async () => {
    const { page } = signedIn;
    for (const locale of locales) {
      await page.goto(`${baseUrl}/${locale}/jury/2026/`);
      const closed = page.locator('li', { hasText: /\(closed\)|\(uzavreté\)|\(завершено\)/ }).first();
      expect(await closed.innerText()).toMatch(closedOn[locale]);
      expect(await page.locator('main').innerText()).not.toContain(
        `${useTranslations(locale)('jury.pages.home.state.closed')}, `,
      );
    }
  });
});

describe("a cancelled lunch sign-up's link page", () => {
  for (const locale of locales) {
    it(`${locale}: says the sign-up is cancelled, offers no button, and passes axe at 390 px`, async () => {
      const t = useTranslations(locale);
      const { context, page } = await openPage(browser(), { viewport: { width: 390, height: 844 } });
      const answer = await page.goto(`${baseUrl}/${locale}/lunches/signup-cancelled/`);
      expect(answer?.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toBe(t('lunches.status.signupCancelled.title'));
      expect(await page.locator('main form button').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
