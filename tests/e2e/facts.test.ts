// Issue 19: what a reader sees of the fact-checking — the helplines with who runs them and where the
// facts come from, lines the organisation must still confirm, "facts last verified" with sources,
// and the invented news item marked as demo on its card, at its top and in the feed. sk, en, uk; axe.
import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, useBrowser } from './browser.ts';

const browser = useBrowser();

const expected = {
  sk: {
    helplines: 'Linky pomoci',
    operator: 'Slovenská katolícka charita',
    violenceOperator: 'Inštitút pre výskum práce a rodiny',
    toConfirm: 'Potvrdí organizácia: niektoré údaje o tejto linke sa nepodarilo overiť vo verejnom zdroji.',
    numberPending: 'Doplní organizácia: číslo tejto linky zatiaľ nie je zverejnené.',
    verified: /Fakty naposledy overené 29\. novembra 2026/,
  },
  en: {
    helplines: 'Helplines',
    operator: 'Slovenská katolícka charita',
    violenceOperator: 'The Institute for Labour and Family Research',
    toConfirm:
      'To be confirmed by the organisation: some details of this line could not be checked against a public source.',
    numberPending: "To be completed by the organisation: this line's number has not been published yet.",
    verified: /Facts last verified November 29, 2026/,
  },
  uk: {
    helplines: 'Лінії допомоги',
    operator: 'Slovenská katolícka charita',
    violenceOperator: 'Інститут досліджень праці та сім’ї',
    toConfirm: 'Організація уточнить: деякі дані про цю лінію не вдалося перевірити за публічним джерелом.',
    numberPending: 'Заповнить організація: номер цієї лінії ще не оприлюднено.',
    verified: /Факти востаннє перевірено 29 листопада 2026/,
  },
} as const;

describe('facts with sources, as a reader meets them', () => {
  it.each(['sk', 'en', 'uk'] as const)(
    'helplines in %s: operators, sources, the unconfirmed line, 390 px, axe',
    async (locale) => {
      const e = expected[locale];
      const { context, page, errors } = await openPage(browser(), { viewport: { width: 390, height: 844 } });
      await page.goto(`${baseUrl}/${locale}/helplines/`);
      expect(await page.locator('h1').textContent()).toBe(e.helplines);
      const cards = page.locator('.helpline');
      expect(await cards.count()).toBe(4);
      const numbers = await page.locator('.helpline__number a').allTextContents();
      expect(numbers).toEqual(['112', '0800 800 818', '0800 212 212']);
      const text = (await page.locator('.helplines').textContent()) ?? '';
      expect(text).toContain(e.operator);
      expect(text).toContain(e.violenceOperator);
      // Every card names at least one source, with a link to the page that was read.
      for (const card of await cards.all()) {
        expect(await card.locator('dd a[href^="https://"]').count()).toBeGreaterThan(0);
      }
      // The mental health line: no number, and its details are to be confirmed by the organisation.
      const last = cards.nth(3);
      expect(await last.locator('.notice--pending').allTextContents()).toEqual([e.numberPending]);
      expect(text).not.toContain(e.toConfirm);
      expect(await page.locator('.facts-checked summary').textContent()).toMatch(e.verified);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it.each(['sk', 'en', 'uk'] as const)('a page names its sources under "facts last verified" in %s', async (locale) => {
    const { context, page } = await openPage(browser());
    await page.goto(`${baseUrl}/${locale}/campaigns/safe/`);
    const facts = page.locator('details.facts-checked');
    expect(await facts.locator('summary').textContent()).toMatch(expected[locale].verified);
    await facts.locator('summary').click();
    const links = await facts.locator('li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toContain('https://www.iom.sk/sk/novinky-a-podujatia.html');
    expect(links.every((href) => href.startsWith('https://'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('the invented volunteer evening is marked as demo on its card, at its top and in the feed', async () => {
    const { context, page } = await openPage(browser());
    await page.goto(`${baseUrl}/sk/news/`);
    const card = page.locator('.card', { hasText: 'Večer pre dobrovoľníkov v Bratislave' });
    expect(await card.locator('.card__label').textContent()).toBe('Ukážková správa');
    const real = page.locator('.card', { hasText: 'Zostaňte v obraze' });
    expect(await real.locator('.card__label').count()).toBe(0);

    await page.goto(`${baseUrl}/sk/news/bratislava-volunteer-evening/`);
    const notice = page.getByRole('complementary', { name: 'Ukážková správa' });
    expect(await notice.textContent()).toContain('Podujatie sa nekoná.');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    const xml = await (await fetch(`${baseUrl}/sk/rss.xml`)).text();
    const item = /<item>(?:(?!<\/item>)[\s\S])*?bratislava-volunteer-evening[\s\S]*?<\/item>/.exec(xml)?.[0] ?? '';
    expect(item).toContain('<description>Ukážková správa: ');
  });
});
