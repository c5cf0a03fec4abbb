import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { organisation } from '../../core/organisation.ts';
import { useTranslations } from '../../core/t.ts';
import { helplineNumbers } from '../../scripts/astro/tel-links.mjs';
import { telHref } from '../../core/phone.ts';
import { axeViolations, baseUrl, openPage, useBrowser } from './browser.ts';
import { existsSync } from 'node:fs';
import { sitePages } from './site-pages.ts';

// Issue 16, items 2, 3 and 8: phones (the header folds, the first screen shows the heading, the
// library's filters fold above the results), the library's filters without JavaScript (a GET form
// the server answers), and safety for people at risk (the quick exit's history, "tap", advice on
// browsing safely, tel: links, a landmark). Also the footer never says "Sign in" (issue 16 faults).

const browser = useBrowser();

const PHONE = { width: 390, height: 844 };
const SMALL = { width: 320, height: 640 };
/** A phone as it is: a touch screen (CSS `pointer: coarse`). */
const touch: BrowserContextOptions = { viewport: PHONE, hasTouch: true, isMobile: true };

/** One page of each template (static and on demand, forms included), in a locale. */
const templates = (l: string) => [
  `/${l}/`,
  `/${l}/campaigns/`,
  `/${l}/campaigns/dont-become-a-slave/`,
  `/${l}/stories/`,
  `/${l}/stories/amina-bratislava/`,
  `/${l}/news/`,
  `/${l}/news/help-for-people-from-ukraine/`,
  `/${l}/materials/`,
  `/${l}/materials/arriving-worksheet/`,
  `/${l}/materials/kits/classroom/`,
  `/${l}/materials/feedback/?material=arriving-worksheet`,
  `/${l}/helplines/`,
  `/${l}/browsing-safely/`,
  `/${l}/documentary/`,
  `/${l}/about/`,
  `/${l}/search/`,
  `/${l}/lunches/`,
  `/${l}/lunches/sign-up/?day=7d1c6a52-0001-4a6b-9f00-000000000001`,
  `/${l}/competition/`,
  `/${l}/competition/2027/`,
  `/${l}/stay-informed/`,
  `/${l}/account/sign-in/`,
  `/${l}/no-such-page/`,
];

interface FirstScreen {
  /** The header's height plus the quick-exit bar's, CSS px. */
  top: number;
  /** Where the page's h1 ends, CSS px from the top of the first screen. */
  h1Bottom: number;
}

/** How much of the first screen the header (and the quick-exit bar) takes, and where the h1 ends. */
const firstScreen = (page: Page): Promise<FirstScreen> =>
  page.evaluate(() => {
    const height = (s: string) => document.querySelector(s)?.getBoundingClientRect().height ?? 0;
    return {
      top: Math.round(height('header.site-header') + height('.quick-exit')),
      h1Bottom: Math.round(document.querySelector('main h1')!.getBoundingClientRect().bottom),
    };
  });

describe('item 2: on phones the header folds and the first screen shows the heading', () => {
  for (const [size, javaScriptEnabled] of [
    [PHONE, true],
    [PHONE, false],
    [SMALL, true],
  ] as const) {
    it(`every template at ${size.width}×${size.height}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}: header ≤ 25 % of the screen, h1 in the first screen`, async () => {
      const { context, page } = await openPage(browser(), { viewport: size, javaScriptEnabled, hasTouch: true });
      const measured: string[] = [];
      const wrong: string[] = [];
      for (const locale of locales) {
        for (const path of templates(locale)) {
          await page.goto(`${baseUrl}${path}`);
          const { top, h1Bottom } = await firstScreen(page);
          measured.push(`${path} ${top}px (${((top / size.height) * 100).toFixed(1)} %), h1 ends at ${h1Bottom}px`);
          if (top > size.height * 0.25 || h1Bottom > size.height) wrong.push(measured.at(-1)!);
        }
      }
      console.log(`first screen at ${size.width}×${size.height}:\n${measured.join('\n')}`);
      expect(wrong).toEqual([]);
      await context.close();
    });
  }

  it.each(locales)('%s: the menu is a disclosure named "Menu" that opens without JavaScript', async (locale) => {
    const t = useTranslations(locale);
    const { context, page } = await openPage(browser(), { viewport: SMALL, javaScriptEnabled: false });
    await page.goto(`${baseUrl}/${locale}/about/`);
    const nav = page.getByRole('navigation', { name: t('nav.label') });
    const toggle = page.getByRole('banner').locator('summary', { hasText: t('phone.menu.label') });
    expect(await nav.isVisible()).toBe(false);
    await toggle.click();
    expect(await nav.isVisible()).toBe(true);
    await nav.getByRole('link', { name: t('nav.helplines'), exact: true }).click();
    expect(page.url()).toBe(`${baseUrl}/${locale}/helplines/`);
    await context.close();
    // Open (axe needs JavaScript), the menu leaves the page as wide as the screen, and axe finds nothing.
    const enhanced = await openPage(browser(), { viewport: SMALL });
    await enhanced.page.goto(`${baseUrl}/${locale}/helplines/`);
    await enhanced.page.getByRole('banner').locator('summary').click();
    expect(await enhanced.page.getByRole('navigation', { name: t('nav.label') }).isVisible()).toBe(true);
    expect(await enhanced.page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    expect(await axeViolations(enhanced.page)).toEqual([]);
    await enhanced.context.close();
  });

  it('with JavaScript the menu says its state (aria-expanded), and Escape closes it onto "Menu"', async () => {
    const { context, page, errors } = await openPage(browser(), { viewport: PHONE });
    await page.goto(`${baseUrl}/en/news/`);
    const toggle = page.getByRole('banner').locator('summary', { hasText: 'Menu' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('searchbox').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a wide screen there is no "Menu": search, languages, account and navigation show at once', async () => {
    const { context, page } = await openPage(browser(), { viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl}/en/about/`);
    expect(await page.getByRole('banner').locator('summary').isVisible()).toBe(false);
    for (const name of ['Main menu', 'Language'])
      expect(await page.getByRole('navigation', { name }).isVisible()).toBe(true);
    expect(await page.getByRole('search').isVisible()).toBe(true);
    const { top } = await firstScreen(page);
    console.log(`first screen at 1280×800: header ${top}px`);
    await context.close();
  });
});

/** The ids of the material cards a visitor sees. */
const visibleCards = (page: Page) =>
  page.locator('[data-material]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-material')).sort());

describe('item 3: the library filters without JavaScript, and with it the same results and URL', () => {
  const cases = [
    { locale: 'en', facet: 'age', value: 'adults', count: '4 materials' },
    { locale: 'sk', facet: 'format', value: 'worksheet', count: '3 materiály' },
    { locale: 'uk', facet: 'subject', value: 'history', count: null },
  ];

  it.each(cases)(
    '$locale: the GET form answers the filtered list with the box ticked, as the island does',
    async ({ locale, facet, value, count }) => {
      const results: { url: string; cards: (string | null)[]; count: string; ticked: boolean }[] = [];
      for (const javaScriptEnabled of [false, true]) {
        const { context, page, errors } = await openPage(browser(), { javaScriptEnabled });
        await page.goto(`${baseUrl}/${locale}/materials/`);
        expect(await visibleCards(page)).toHaveLength(12);
        const box = page.locator(`input[name="${facet}"][value="${value}"]`);
        await box.check();
        if (!javaScriptEnabled) {
          await Promise.all([
            page.waitForNavigation(),
            page.locator('form[data-materials-filter] button[type=submit]').click(),
          ]);
        }
        await expect.poll(() => page.url()).toBe(`${baseUrl}/${locale}/materials/?${facet}=${value}`);
        results.push({
          url: page.url(),
          cards: await visibleCards(page),
          count: await page.locator('[data-materials-count]').innerText(),
          ticked: await box.isChecked(),
        });
        // axe needs JavaScript.
        if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
      const [plain, enhanced] = results;
      expect(plain).toEqual(enhanced);
      expect(plain!.ticked).toBe(true);
      expect(plain!.cards.length).toBeLessThan(12);
      if (count) expect(plain!.count).toBe(count);
    },
  );

  it('two facets, JavaScript off: any value within a facet, all facets together; nothing matching says so', async () => {
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    const response = await page.goto(`${baseUrl}/en/materials/?age=adults&format=guide`);
    expect(response?.status()).toBe(200);
    expect(await visibleCards(page)).toEqual([
      'everyday-life-discussion-guide',
      'hotline-fact-sheet',
      'migration-glossary',
    ]);
    expect(await page.locator('[data-materials-count]').innerText()).toBe('3 materials');
    expect(await page.locator('input[name=age][value=adults]').isChecked()).toBe(true);
    expect(await page.locator('input[name=format][value=guide]').isChecked()).toBe(true);
    // Headings of groups with nothing left are hidden with them.
    expect(await page.locator('[data-material-group]:visible h2').count()).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/en/materials/?age=adults&format=audio&licence=nope`);
    expect(await visibleCards(page)).toEqual([]);
    expect(await page.locator('[data-materials-none]').isVisible()).toBe(true);
    await context.close();
  });

  it('on a phone the filters fold above the results; on a wide screen they are open', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const phone = await openPage(browser(), { viewport: PHONE, javaScriptEnabled });
      await phone.page.goto(`${baseUrl}/en/materials/`);
      const filters = phone.page.locator('form[data-materials-filter]');
      expect(await filters.isVisible()).toBe(false);
      const fold = phone.page.locator('details[data-materials-fold] > summary');
      expect(await fold.innerText()).toBe('Filter the materials');
      const foldBox = await fold.boundingBox();
      const firstCard = await phone.page.locator('[data-material]').first().boundingBox();
      expect(foldBox!.y).toBeLessThan(firstCard!.y);
      await fold.click();
      expect(await filters.isVisible()).toBe(true);
      await phone.context.close();

      const wide = await openPage(browser(), { viewport: { width: 1280, height: 800 }, javaScriptEnabled });
      await wide.page.goto(`${baseUrl}/en/materials/`);
      expect(await wide.page.locator('form[data-materials-filter]').isVisible()).toBe(true);
      expect(await wide.page.locator('details[data-materials-fold] > summary').isVisible()).toBe(false);
      await wide.context.close();
    }
  });
});

describe('item 8: safety for people at risk', () => {
  const neutral = new URL(organisation.quickExitUrl);
  /** The neutral site and a page before the portal, answered locally (no internet here). */
  const fakeOtherSites = async (page: Page) => {
    await page.route(`${neutral.origin}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }),
    );
    await page.route('https://search.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Search</title><h1>Search</h1>' }),
    );
  };

  it('the exit replaces the portal’s pages in this tab: Back leads to the page before the portal', async () => {
    const { context, page } = await openPage(browser());
    await fakeOtherSites(page);
    await page.goto('https://search.example/?q=help');
    await page.goto(`${baseUrl}/en/`);
    await page.goto(`${baseUrl}/en/helplines/`);
    await page.goto(`${baseUrl}/en/campaigns/dont-become-a-slave/`);
    await page.getByRole('link', { name: 'Exit this page' }).click();
    await page.waitForURL(`${neutral.origin}/**`);
    expect(await page.title()).toBe('Weather');
    await page.goBack();
    expect(page.url()).toBe('https://search.example/?q=help');
    // The browser keeps the later portal pages as Forward entries: no page can remove those (the
    // browsing-safely page says so); the first one, Forward from here, is the neutral site.
    await page.goForward();
    expect(page.url()).toContain(neutral.origin);
    await context.close();
  });

  it('three presses of Esc leave the same way', async () => {
    const { context, page } = await openPage(browser());
    await fakeOtherSites(page);
    await page.goto('https://search.example/');
    await page.goto(`${baseUrl}/sk/`);
    await page.goto(`${baseUrl}/sk/helplines/`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
    await page.waitForURL(`${neutral.origin}/**`);
    await page.goBack();
    expect(page.url()).toBe('https://search.example/');
    await context.close();
  });

  it.each(locales)('%s: "tap" on a touch screen, "click or press Esc" with a mouse', async (locale) => {
    const t = useTranslations(locale);
    const phone = await openPage(browser(), touch);
    await phone.page.goto(`${baseUrl}/${locale}/helplines/`);
    const bar = phone.page.getByRole('complementary', { name: t('phone.quickExit.region') });
    expect(await bar.locator('.quick-exit__hint:visible').allInnerTexts()).toEqual([t('phone.quickExit.hintTouch')]);
    await phone.context.close();
    const desktop = await openPage(browser(), { viewport: { width: 1280, height: 800 } });
    await desktop.page.goto(`${baseUrl}/${locale}/helplines/`);
    const wide = desktop.page.getByRole('complementary', { name: t('phone.quickExit.region') });
    expect(await wide.locator('.quick-exit__hint:visible').allInnerTexts()).toEqual([t('phone.quickExit.hintPointer')]);
    await desktop.context.close();
  });

  for (const viewport of [PHONE, SMALL])
    it.each(locales)(
      `%s at ${viewport.width} px: the bar is a landmark (axe region clean) linking advice on browsing safely`,
      async (locale) => {
        const t = useTranslations(locale);
        const { context, page } = await openPage(browser(), { viewport, hasTouch: true, isMobile: true });
        for (const path of ['/campaigns/ukraine-response/', '/helplines/', '/browsing-safely/']) {
          await page.goto(`${baseUrl}/${locale}${path}`);
          const bar = page.getByRole('complementary', { name: t('phone.quickExit.region') });
          expect(await bar.getByRole('link', { name: t('quickExit.label') }).count()).toBe(1);
          expect(await bar.getByRole('link', { name: t('phone.quickExit.safety') }).getAttribute('href')).toBe(
            `/${locale}/browsing-safely/`,
          );
          expect([path, await axeViolations(page)]).toEqual([path, []]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
        }
        expect(await page.locator('h1').innerText()).toBe(t('phone.quickExit.safety'));
        // Its sources are named in its front matter but nobody has read them to check it yet (they say
        // so in `unverified`): the page claims no "facts last verified" box.
        expect(await page.locator('.facts-checked').count()).toBe(0);
        await context.close();
      },
    );

  it('112 and every helpline number are tel: links in the global form, on every built page', async () => {
    const numbers = helplineNumbers();
    expect(numbers).toContain('112');
    const plain: string[] = [];
    const links = new Set<string>();
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    for (const { path } of sitePages().filter((p) => p.status === 200)) {
      await page.goto(`${baseUrl}${path}`);
      const found = await page.evaluate((numbers) => {
        const out: { plain: string[]; links: string[] } = { plain: [], links: [] };
        for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href^="tel:"]'))
          out.links.push(`${a.textContent?.trim()} → ${a.getAttribute('href')}`);
        // Running text only: paragraphs, list items, definitions (titles and file sizes stay plain).
        for (const block of document.querySelectorAll('main p, main li, main dd, footer p')) {
          const copy = block.cloneNode(true) as HTMLElement;
          for (const a of copy.querySelectorAll('a')) a.remove();
          for (const n of numbers) {
            const pattern = new RegExp(`(?<![\\d+])${n.replace('+', '\\+').replace(/ /g, '[\\s\\u00a0]?')}(?!\\d)`);
            if (pattern.test(copy.textContent ?? '')) out.plain.push(n);
          }
        }
        return out;
      }, numbers);
      for (const n of found.plain) plain.push(`${path}: ${n}`);
      for (const l of found.links) links.add(l);
    }
    await context.close();
    expect(plain).toEqual([]);
    // Every link dials the global form (or the short number as it is).
    for (const link of links) {
      const [text, href] = link.split(' → ');
      expect([text, href]).toEqual([text, telHref(text!)]);
    }
    expect(links).toContain('112 → tel:112');
    expect(links).toContain('0800 800 818 → tel:+421800800818');
  }, 300_000);
});

describe('the footer never says "Sign in" (static pages cannot know who is signed in)', () => {
  it.each(locales)('%s: the footer and the header link the account neutrally', async (locale) => {
    const t = useTranslations(locale);
    const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/${locale}/about/`);
    const footer = page.getByRole('contentinfo');
    expect(await footer.locator(`a[href="/${locale}/account/"]`).innerText()).toBe(t('findable.account.link'));
    await context.close();
  });

  it('no built page links "Sign in" outside the pages about signing in', async () => {
    // Every way the catalogue says "sign in" as a link or button.
    const phrases = new Set(
      locales.flatMap((l) => {
        const t = useTranslations(l);
        return [t('account.signIn.title'), t('mailedLink.signIn.button'), t('jury.pages.invitation.signIn')];
      }),
    );
    // Pages a signed-out person is sent to (after signing out, a dead link): saying "Sign in" is their point.
    const aboutSigningIn = /\/account\/(sign-in|signed-out|link-invalid)\/$/;
    const found: string[] = [];
    // The pages built once for everyone (on-demand pages know who asks, and may say it).
    const built = sitePages().filter(
      (p) => p.status === 200 && !aboutSigningIn.test(p.path) && existsSync(`dist/client${p.path}index.html`),
    );
    expect(built.length).toBeGreaterThan(100);
    for (const { path } of built) {
      const html = await (await fetch(`${baseUrl}${path}`)).text();
      for (const m of html.matchAll(/<(a|button)\b[^>]*>([^<]*)<\/\1>/g))
        if (phrases.has(m[2]!.trim())) found.push(`${path}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });
});
