import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { asTestClient, baseUrl, mailLink, newestMailTo, openMailedLink, useBrowser } from './browser.ts';
import { sitePages } from './site-pages.ts';

// Reflow (WCAG 1.4.10) and text spacing (1.4.12): at 320 CSS px — a 1280 px screen at 400 % zoom, or
// a small phone — no page scrolls sideways, once as built and once with the text-spacing overrides.
// Content that must keep two dimensions (wide tables) scrolls inside its own region, not the page.

const browser = useBrowser();

/** The WCAG 1.4.12 bookmarklet's overrides: the largest spacing people may set for themselves. */
const TEXT_SPACING = `*, *::before, *::after {
  line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important;
}
p { margin-block-end: 2em !important; }`;

interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  /** The outermost elements that stick out to the right, as `tag.class#id` (to find the cause). */
  culprits: string[];
}

/** How wide the document is against the viewport, and what sticks out. */
function measure(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth + 0.5;
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}`;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > limit)
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= limit)
      .slice(0, 5)
      .map((e) => `${e.parentElement ? `${name(e.parentElement)} > ` : ''}${name(e)}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
}

/** Opens `url` at 320 px and measures it plain and with the text-spacing overrides. */
async function reflows(page: Page, url: string): Promise<{ plain: Overflow; spaced: Overflow }> {
  await page.goto(url);
  const plain = await measure(page);
  await page.addStyleTag({ content: TEXT_SPACING });
  const spaced = await measure(page);
  return { plain, spaced };
}

/** Asserts the page fits, naming the culprits when it does not. */
function expectFits(url: string, { plain, spaced }: { plain: Overflow; spaced: Overflow }) {
  expect({ url, plain: plain.scrollWidth <= plain.clientWidth ? 'fits' : plain }).toEqual({ url, plain: 'fits' });
  expect({ url, spaced: spaced.scrollWidth <= spaced.clientWidth ? 'fits' : spaced }).toEqual({
    url,
    spaced: 'fits',
  });
}

// bypassCSP: the site's CSP (style-src 'self') would refuse the overrides' inline style, as it
// would not refuse a reader's own user style sheet or extension.
const phone = { viewport: { width: 320, height: 640 }, bypassCSP: true };

describe('reflow at 320 px, plain and with text spacing', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser().newContext(asTestClient(phone));
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it.each(sitePages())('$path fits 320 px', async ({ path }) => {
    expectFits(path, await reflows(page, `${baseUrl}${path}`));
  });

  it.each(locales)('the public forms fit 320 px, also with their error summary (%s)', async (locale) => {
    const forms = [
      `/${locale}/lunches/sign-up/?day=7d1c6a52-0001-4a6b-9f00-000000000001`,
      `/${locale}/materials/feedback/?material=arriving-worksheet`,
    ];
    for (const path of forms) {
      expectFits(path, await reflows(page, `${baseUrl}${path}`));
    }
    // The sign-up form sent empty: the server answers with every error shown.
    await page.goto(`${baseUrl}${forms[0]}`);
    await page.locator('main form[method=post] button[type=submit]').last().click();
    await page.locator('.error-summary').waitFor();
    const refused = await measure(page);
    await page.addStyleTag({ content: TEXT_SPACING });
    expectFits(`${forms[0]} (refused)`, { plain: refused, spaced: await measure(page) });
  });

  it('the entry form, every step, and the signed-in account pages fit 320 px in every locale', async () => {
    const email = `reflow-${Date.now()}@example.org`;
    await page.goto(`${baseUrl}/en/competition/entries/`);
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('status').waitFor();
    // The mailed link opens a page with one button (S22); pressing it signs in.
    await openMailedLink(page, mailLink(await newestMailTo(page, email), '/api/auth/callback?token='));
    await page.goto(`${baseUrl}/en/competition/entries/`);
    await page
      .getByRole('button', { name: /^Start a new entry for/ })
      .first()
      .click();
    const entry = page.url().replace(/\/en\/(competition\/entries\/[\w-]+\/)work\/$/, '/$1');
    expect(entry).toMatch(/\/competition\/entries\/[\w-]+\/$/);
    for (const locale of locales) {
      const base = entry.replace(`${baseUrl}/`, `${baseUrl}/${locale}/`);
      for (const step of ['work', 'files', 'authors', 'conflicts', 'declarations', 'review']) {
        expectFits(`${base}${step}/`, await reflows(page, `${base}${step}/`));
      }
      for (const path of ['/account/', '/account/uploads/', '/competition/entries/']) {
        expectFits(`/${locale}${path}`, await reflows(page, `${baseUrl}/${locale}${path}`));
      }
    }
  });
});
