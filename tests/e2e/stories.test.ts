import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseUrl, openPage, useBrowser } from './browser.ts';
import { filesUnder } from './site-pages.ts';

const browser = useBrowser();

/** Words that appear only in the expired (nguyen-family) and withdrawn (maria-withdrawn) stories. */
const hiddenWords = ['lampiónový', 'lantern-festival', 'ліхтариковий', 'opatrovateľka', 'caregiver', 'доглядальниця'];
const hiddenSlugs = ['nguyen-family', 'maria-withdrawn'];

describe('stories and consent', () => {
  it('an expired or withdrawn story is in no page, feed or sitemap of the build', () => {
    const texts = filesUnder('dist/client').filter((f) => /\.(html|xml|txt|json)$/.test(f));
    expect(texts.length).toBeGreaterThan(30);
    const leaks = texts.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return hiddenWords.some((w) => text.includes(w)) || hiddenSlugs.some((s) => text.includes(`/stories/${s}/`));
    });
    expect(leaks).toEqual([]);
  });

  it.each(['sk', 'en', 'uk'])('the %s feed carries news and published stories, newest first', async (locale) => {
    const response = await fetch(`${baseUrl}/${locale}/rss.xml`);
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain(`<language>${locale}</language>`);
    const links = [...xml.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => new URL(m[1]!).pathname);
    expect(links).toContain(`/${locale}/stories/amina-bratislava/`);
    expect(links).toContain(`/${locale}/news/stay-informed/`);
    const dates = [...xml.matchAll(/<pubDate>([^<]+)<\/pubDate>/g)].map((m) => Date.parse(m[1]!));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it.each(['sk', 'en', 'uk'])('its URL answers 404 in %s', async (locale) => {
    for (const slug of hiddenSlugs) {
      const response = await fetch(`${baseUrl}/${locale}/stories/${slug}/`);
      expect(response.status).toBe(404);
    }
  });

  it.each([
    ['sk', 'kardamónový', 'amina-bratislava'],
    ['en', 'cardamom', 'amina-bratislava'],
    ['uk', 'кардамоновий', 'amina-bratislava'],
  ])('search in %s finds a story by a word from its body, and never a hidden one', async (locale, word, slug) => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(`${baseUrl}/${locale}/search/?q=${encodeURIComponent(word)}`);
    const results = page.locator('[data-search-results] a');
    await results.first().waitFor();
    expect(await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))).toContain(
      `/${locale}/stories/${slug}/`,
    );

    for (const hidden of hiddenWords) {
      await page.locator('#search-q').fill(hidden);
      await page.locator('#search-q').press('Enter');
      await page.locator('[data-search-status]', { hasText: /\S/ }).waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-search-status]')?.textContent?.endsWith('…'));
      // Pagefind matches word prefixes, so other pages may come up; never the hidden stories.
      const found = await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
      expect(found.filter((path) => hiddenSlugs.some((s) => path.includes(s)))).toEqual([]);
      expect(await page.locator('[data-search-results]').innerText()).not.toContain(hidden);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
