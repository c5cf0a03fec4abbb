import { describe, expect, it } from 'vitest';
import { baseUrl, openPage, useBrowser } from './browser.ts';

const browser = useBrowser();

describe('languages', () => {
  it('the language switcher lands on the same page in the other locale', async () => {
    const { context, page } = await openPage(browser());
    await page.goto(`${baseUrl}/en/about/`);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Slovenčina' }).click();
    expect(page.url()).toBe(`${baseUrl}/sk/about/`);
    expect(await page.locator('h1').innerText()).toBe('O nás');
    await page.getByRole('navigation', { name: 'Jazyk' }).getByRole('link', { name: 'Українська' }).click();
    expect(page.url()).toBe(`${baseUrl}/uk/about/`);
    expect(await page.getAttribute('html', 'lang')).toBe('uk');
    await context.close();
  });

  it.each([
    ['uk-UA,uk;q=0.9,en;q=0.8', '/uk/'],
    ['de-DE,en;q=0.7', '/en/'],
    ['fr-FR', '/sk/'],
  ])('/ with Accept-Language %s goes to %s', async (acceptLanguage, expected) => {
    const { context, page } = await openPage(browser(), { extraHTTPHeaders: { 'Accept-Language': acceptLanguage } });
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe(expected);
    await context.close();
  });

  it('a keyboard user reaches the main content through the skip link', async () => {
    const { context, page } = await openPage(browser());
    await page.goto(`${baseUrl}/en/`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });
});
