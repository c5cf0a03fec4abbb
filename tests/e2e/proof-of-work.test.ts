import { describe, expect, it } from 'vitest';
import { baseUrl, openPage, useBrowser } from './browser.ts';

const browser = useBrowser();

describe('proof of work on public forms (S03)', () => {
  it('solves the challenge in the background and sends the answer with the form', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(`${baseUrl}/en/stay-informed/`);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/en/stay-informed/'));
    await page.getByLabel('Email address').fill('pow-reader@example.org');
    // Submitting at once: the form waits for the answer instead of posting without it.
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const body = new URLSearchParams((await posted).postData() ?? '');
    const answer = JSON.parse(atob(body.get('altcha') ?? '')) as {
      challenge: { parameters: { algorithm: string } };
      solution: { counter: number };
    };
    expect(answer.challenge.parameters.algorithm).toBe('SHA-256');
    expect(answer.solution.counter).toBeGreaterThanOrEqual(0);
    await page.waitForURL(`${baseUrl}/en/stay-informed/check-inbox/`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('leaves content pages without the solver: the footer form posts plainly', async () => {
    const { context, page } = await openPage(browser());
    await page.goto(`${baseUrl}/en/`);
    expect(await page.locator('footer form[data-pow], footer input[name="altcha"]').count()).toBe(0);
    await context.close();
  });
});
