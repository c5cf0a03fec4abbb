import type { ElementHandle, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { baseUrl, mailLink, newestMailTo, openMailedLink, openPage, useBrowser } from './browser.ts';

// Focus that axe cannot see: every control shows focus with enough contrast (WCAG 2.4.7, 1.4.11), a
// form that comes back with errors puts focus on its summary (2.4.3), and the sticky quick-exit bar
// never covers what has focus (2.4.11).

const browser = useBrowser();

/** What a person can Tab to. */
const TABBABLE =
  'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"]), summary';

/** WCAG relative luminance of an sRGB pixel. */
function luminance(r: number, g: number, b: number): number {
  const c = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

interface FocusChange {
  element: string;
  /** Whether `:focus-visible` matched (the style a keyboard user sees). */
  focusVisible: boolean;
  /** Pixels (CSS px, scale 1) whose colour changed by at least 3:1 between unfocused and focused. */
  changed: number;
  /** A one-pixel ring around the element: the least area the change must cover. */
  needed: number;
  /** The largest contrast between a pixel unfocused and focused. */
  maxRatio: number;
}

/**
 * Screenshots the element's surroundings (6 px around it) focused and unfocused and counts the
 * pixels that changed by ≥ 3:1. Focus is given after a key press, so `:focus-visible` applies.
 */
async function focusChange(page: Page, handle: ElementHandle<Element>): Promise<FocusChange | null> {
  const element = await handle.evaluate(
    (e) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('href') ? `[href="${e.getAttribute('href')}"]` : ''}${e.textContent?.trim() ? ` "${e.textContent.trim().slice(0, 30)}"` : ''}`,
  );
  await handle.evaluate((e) => (e as HTMLElement).focus());
  const focusVisible = await handle.evaluate((e) => e.matches(':focus-visible'));
  await handle.evaluate((e) => e.scrollIntoView({ block: 'center', inline: 'nearest' }));
  const box = await handle.boundingBox();
  if (!box || box.width === 0 || box.height === 0) return null;
  const viewport = page.viewportSize()!;
  const x = Math.max(0, Math.floor(box.x - 6));
  const y = Math.max(0, Math.floor(box.y - 6));
  const clip = {
    x,
    y,
    width: Math.min(viewport.width, Math.ceil(box.x + box.width + 6)) - x,
    height: Math.min(viewport.height, Math.ceil(box.y + box.height + 6)) - y,
  };
  const focused = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
  await handle.evaluate((e) => (e as HTMLElement).blur());
  const unfocused = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
  const [a, b] = await Promise.all(
    [focused, unfocused].map((png) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  let changed = 0;
  let maxRatio = 1;
  for (let i = 0; i < a!.data.length; i += 3) {
    const ratio = contrast(
      luminance(a!.data[i]!, a!.data[i + 1]!, a!.data[i + 2]!),
      luminance(b!.data[i]!, b!.data[i + 1]!, b!.data[i + 2]!),
    );
    if (ratio >= 3) changed++;
    if (ratio > maxRatio) maxRatio = ratio;
  }
  const needed = Math.round(2 * (Math.min(box.width, viewport.width) + Math.min(box.height, viewport.height)));
  return { element, focusVisible, changed, needed, maxRatio: Math.round(maxRatio * 10) / 10 };
}

/** Every tabbable, shown element of the page with too little focus change; [] when all are fine. */
async function weakFocus(page: Page): Promise<FocusChange[]> {
  await page.keyboard.press('Shift'); // keyboard modality: script focus then matches :focus-visible
  const handles = await page.$$(TABBABLE);
  const weak: FocusChange[] = [];
  for (const handle of handles) {
    const shown = await handle.evaluate(
      (e) =>
        e.getClientRects().length > 0 &&
        // Not rendered: e.g. the links of a closed <details> (the header's account menu).
        e.checkVisibility() &&
        getComputedStyle(e).visibility !== 'hidden' &&
        !(e as HTMLButtonElement).disabled &&
        e.closest('[hidden], [inert]') === null,
    );
    if (!shown) continue;
    const change = await focusChange(page, handle);
    if (change && (!change.focusVisible || change.changed < change.needed)) weak.push(change);
  }
  return weak;
}

/** Registers an entrant through the competition's form and returns the new entry's address (`/en/…/<id>/`). */
async function newEntry(page: Page): Promise<string> {
  const email = `focus-${Date.now()}@example.org`;
  await page.goto(`${baseUrl}/en/competition/entries/`);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('status').waitFor();
  // The mailed link opens a page with one button; only its POST signs in.
  await openMailedLink(page, mailLink(await newestMailTo(page, email), '/api/auth/callback?token='));
  await page.goto(`${baseUrl}/en/competition/entries/`);
  await page
    .getByRole('button', { name: /^Start a new entry for/ })
    .first()
    .click();
  return page.url().replace(/work\/$/, '');
}

describe('visible focus on every control of the form pages (≥ 3:1 change over at least a 1 px ring)', () => {
  it('public form pages', async () => {
    const { context, page } = await openPage(browser(), { viewport: { width: 1024, height: 768 } });
    const weak: Record<string, FocusChange[]> = {};
    for (const path of [
      '/en/account/sign-in/',
      '/en/stay-informed/',
      '/en/lunches/sign-up/?day=7d1c6a52-0001-4a6b-9f00-000000000001',
      '/en/materials/feedback/?material=arriving-worksheet',
      '/en/competition/entries/',
      '/en/materials/arriving-worksheet/',
      '/en/helplines/',
    ]) {
      await page.goto(`${baseUrl}${path}`);
      const found = await weakFocus(page);
      if (found.length > 0) weak[path] = found;
    }
    expect(weak).toEqual({});
    await context.close();
  });

  it('every step of the entry form and the upload page, signed in', async () => {
    const { context, page } = await openPage(browser(), { viewport: { width: 1024, height: 768 } });
    const entry = await newEntry(page);
    const weak: Record<string, FocusChange[]> = {};
    for (const step of ['work', 'files', 'authors', 'conflicts', 'declarations', 'review']) {
      await page.goto(`${entry}${step}/`);
      const found = await weakFocus(page);
      if (found.length > 0) weak[step] = found;
    }
    await page.goto(`${baseUrl}/en/account/uploads/`);
    const found = await weakFocus(page);
    if (found.length > 0) weak.uploads = found;
    expect(weak).toEqual({});
    await context.close();
  });
});

describe('focus goes where people look', () => {
  it.each(locales)(
    'a refused form puts focus on its error summary, which lists the fields in form order (%s)',
    async (locale) => {
      const { context, page } = await openPage(browser(), { javaScriptEnabled: false });
      await page.goto(`${baseUrl}/${locale}/lunches/sign-up/?day=7d1c6a52-0001-4a6b-9f00-000000000001`);
      await page.locator('main form[method=post] button[type=submit]').last().click();
      await page.locator('.error-summary').waitFor();
      // `autofocus` acts once the page has rendered.
      await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
      const positions = await page.evaluate(() => {
        const all = [...document.querySelectorAll('main *')];
        return [...document.querySelectorAll<HTMLAnchorElement>('.error-summary a')].map((a) => {
          const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
          return target ? all.indexOf(target) : -1;
        });
      });
      expect(positions.length).toBeGreaterThanOrEqual(2);
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      await context.close();
    },
  );

  it('a summary link focuses the field and brings its label and error message into view', async () => {
    const { context, page } = await openPage(browser(), { viewport: { width: 1024, height: 600 } });
    const entry = await newEntry(page);
    await page.goto(`${entry}work/`);
    await page.getByLabel('Web address of the published work').fill('dennikn.sk/article');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    await page.waitForLoadState('load'); // the summary's script has run
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-url');
    const seen = await page.evaluate(() => {
      const inView = (e: Element | null) => {
        const r = e!.getBoundingClientRect();
        // Half a pixel of sub-pixel layout either way (a label scrolled to the top sits at -0.4 px).
        return r.top >= -0.5 && r.bottom <= innerHeight + 0.5;
      };
      return {
        label: inView(document.querySelector('label[for="f-url"]')),
        error: inView(document.getElementById('f-url-error')),
        field: inView(document.getElementById('f-url')),
      };
    });
    expect(seen).toEqual({ label: true, error: true, field: true });
    await context.close();
  });

  it('an upload keeps focus in the form: from Upload to Cancel while it runs, then back to the file field', async () => {
    const { context, page } = await openPage(browser());
    await newEntry(page);
    await page.goto(`${baseUrl}/en/account/uploads/`);
    const buffer = Buffer.alloc(300_000, 7);
    buffer.write('%PDF-1.7\n');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'a.pdf', mimeType: 'application/pdf', buffer });
    await page.locator('[data-upload-submit]').focus();
    // Record where focus is each time the busy state changes.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const a = document.activeElement;
        const name =
          a === document.body
            ? 'body'
            : a?.getAttribute('data-upload-cancel') !== null
              ? 'cancel'
              : a?.id || a?.tagName || '';
        if (seen.at(-1) !== name) seen.push(name);
      }).observe(document.querySelector('form[data-file-upload]')!, { attributes: true, subtree: true });
    });
    await page.keyboard.press('Enter');
    await page.locator('[data-upload-status]', { hasText: 'a.pdf' }).waitFor();
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).not.toContain('body');
    expect(seen).toContain('cancel');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('file');
    await context.close();
  });
});

describe('focus is never hidden under the quick-exit bar (320 × 256 CSS px, as at 400 % zoom)', () => {
  const withBar = locales.flatMap((l) =>
    ['/campaigns/dont-become-a-slave/', '/campaigns/safe/', '/campaigns/ukraine-response/', '/helplines/'].map(
      (p) => `/${l}${p}`,
    ),
  );

  it.each(withBar)('%s: every element Tab reaches is fully in view below the bar', async (path) => {
    const { context, page } = await openPage(browser(), { viewport: { width: 320, height: 256 } });
    await page.goto(`${baseUrl}${path}`);
    const bar = await page.locator('.quick-exit').boundingBox();
    expect(bar!.height).toBeLessThanOrEqual(256 / 4);
    const hidden: string[] = [];
    let steps = 0;
    for (; steps < 200; steps++) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || a === document.body) return { done: true };
        const r = a.getBoundingClientRect();
        const barBottom = document.querySelector('.quick-exit')!.getBoundingClientRect().bottom;
        const inBar = a.closest('.quick-exit') !== null;
        const name = `${a.tagName.toLowerCase()} "${(a.textContent ?? '').trim().slice(0, 30)}"`;
        // Fully in the viewport, and on top wherever it is: its corners and centre are not under the bar.
        const inViewport =
          r.top >= -0.5 && r.bottom <= innerHeight + 0.5 && r.left >= -0.5 && r.right <= innerWidth + 0.5;
        // A link that wraps onto two lines has a bounding box wider than its text: test the
        // corners and centre of each line box it is drawn in, not of that box.
        const points = [...a.getClientRects()].flatMap((line) => [
          [line.left + 1, line.top + 1],
          [line.right - 1, line.top + 1],
          [line.left + 1, line.bottom - 1],
          [line.right - 1, line.bottom - 1],
          [(line.left + line.right) / 2, (line.top + line.bottom) / 2],
        ]);
        const onTop = points.every(([x, y]) => {
          const hit = document.elementFromPoint(x!, y!);
          return hit !== null && (a.contains(hit) || hit.contains(a));
        });
        const visible = inViewport && onTop && (inBar || r.top >= barBottom - 0.5 || a.matches('.skip-link'));
        return { done: false, name, visible };
      });
      if (state.done) break;
      if (!state.visible) hidden.push(state.name!);
    }
    expect(steps).toBeGreaterThan(10);
    expect(hidden).toEqual([]);
    await context.close();
  });
});
