import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
const UPLOADER = 'e2e-uploader@example.org'; // created by scripts/test.mjs
const MiB = 1024 * 1024;

let session: BrowserContextOptions['storageState'];

/** A page signed in as the uploader (the magic link is followed once per file, then reused). */
async function signedInPage(options: BrowserContextOptions = {}) {
  if (!session) {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, UPLOADER);
    session = await context.storageState();
    await context.close();
  }
  return openPage(browser(), { ...options, storageState: session });
}

/** A PDF-looking file of `size` bytes (the server checks the first bytes, not the name). */
function pdfOf(size: number, name = 'thesis.pdf') {
  const buffer = Buffer.alloc(size, 7);
  buffer.write('%PDF-1.7\n');
  for (let i = 9; i < size; i += 4096) buffer[i] = i % 251;
  return { name, mimeType: 'application/pdf', buffer };
}

/** Records every value the progress bar takes. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const bar = document.querySelector('progress')!;
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => seen.push(bar.value)).observe(bar, { attributes: true, attributeFilter: ['value'] });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
}

/** Slows uploads down so cancel and progress can be watched (Chromium's network emulation). */
async function throttle(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

describe('uploading files', () => {
  it('uploads a 12 MiB file in three parts with a progress bar that advances to the end', async () => {
    const { context, page, errors } = await signedInPage();
    await page.goto(`${baseUrl}/en/account/uploads/`);
    expect(await page.locator('h1').innerText()).toBe('Upload a file');
    const parts: string[] = [];
    page.on('request', (r) => r.method() === 'PUT' && parts.push(new URL(r.url()).pathname.split('/').pop()!));
    const seen = await recordProgress(page);
    await page.getByLabel('File', { exact: true }).setInputFiles(pdfOf(12 * MiB + 1000));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Uploaded: thesis.pdf' }).waitFor({ timeout: 30_000 });

    const values = await seen();
    expect(values.length).toBeGreaterThanOrEqual(4);
    expect(values.every((v, i) => i === 0 || v >= values[i - 1]!)).toBe(true);
    expect(values.at(-1)).toBe(100);
    expect(await page.locator('progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([100, 100]);
    expect(await page.locator('[data-upload-percent]').innerText()).toBe('100 %');
    expect(parts).toEqual(['1', '2', '3']);
    // The list shows the new file at once, and after a reload with its size and state.
    expect(await page.locator('#uploaded-files-list li').first().innerText()).toBe('thesis.pdf');

    await page.reload();
    const link = page.getByRole('link', { name: 'Download thesis.pdf' }).first();
    expect(await link.locator('..').innerText()).toContain('(12.6 MB, uploaded)');
    const download = await page.request.get(`${baseUrl}${await link.getAttribute('href')}`);
    expect(download.headers()['content-disposition']).toBe(
      `attachment; filename="thesis.pdf"; filename*=UTF-8''thesis.pdf`,
    );
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    expect((await download.body()).length).toBe(12 * MiB + 1000);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('cancels an upload in flight: the part stops and the upload is gone', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`${baseUrl}/en/account/uploads/`);
    await throttle(page, 2 * MiB);
    await page.getByLabel('File', { exact: true }).setInputFiles(pdfOf(11 * MiB, 'cancel-me.pdf'));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('progress')!.value > 0);
    await page.getByRole('button', { name: 'Cancel upload' }).click();
    await page.getByRole('status').filter({ hasText: 'The upload was cancelled.' }).waitFor();
    expect(await page.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(0);
    const listed = (await (await page.request.get(`${baseUrl}/api/uploads?purpose=test`)).json()) as {
      uploads: { name: string }[];
    };
    expect(listed.uploads.map((u) => u.name)).not.toContain('cancel-me.pdf');
    await context.close();
  });

  it('retries after a broken part, sending only the parts the server does not have', async () => {
    const { context, page, errors } = await signedInPage();
    await page.goto(`${baseUrl}/en/account/uploads/`);
    const parts: string[] = [];
    page.on('request', (r) => r.method() === 'PUT' && parts.push(new URL(r.url()).pathname.split('/').pop()!));
    await page.route('**/parts/2*', (route) => route.abort('connectionreset'));
    await page.getByLabel('File', { exact: true }).setInputFiles(pdfOf(11 * MiB, 'retry-me.pdf'));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    expect(await page.getByRole('status').innerText()).toBe(
      'The upload stopped. Choose Retry to continue where it stopped.',
    );
    const stoppedAt = await page.locator('progress').evaluate((p: HTMLProgressElement) => p.value);
    expect(stoppedAt).toBeGreaterThanOrEqual(45);

    await page.unroute('**/parts/2*');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status').filter({ hasText: 'Uploaded: retry-me.pdf' }).waitFor({ timeout: 30_000 });
    expect(parts).toEqual(['1', '2', '2', '3']);
    expect(await page.getByRole('button', { name: 'Retry' }).isHidden()).toBe(true);
    expect(errors.filter((e) => !e.includes('net::ERR_CONNECTION_RESET'))).toEqual([]);
    await context.close();
  });

  it('S13 refuses a file whose content is not of an accepted type, with a translated error', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`${baseUrl}/sk/account/uploads/`);
    await page.getByLabel('Súbor', { exact: true }).setInputFiles({
      name: 'prihlaska.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!DOCTYPE html><script>alert(1)</script>'),
    });
    await page.getByRole('button', { name: 'Nahrať', exact: true }).click();
    const problem = page.locator('[data-upload-error]');
    await problem.waitFor();
    expect(await problem.innerText()).toBe('Súbor nie je povoleného typu. Kontrolujeme obsah súboru, nie jeho názov.');
    expect(await page.getByRole('button', { name: 'Skúsiť znova' }).isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('without JavaScript, the plain form uploads a small file and shows a wrong type in the error summary', async () => {
    const { context, page } = await signedInPage({ javaScriptEnabled: false });
    await page.goto(`${baseUrl}/uk/account/uploads/`);
    expect(await page.locator('#upload-file-noscript').innerText()).toContain('Без JavaScript');
    await page.getByLabel('Файл', { exact: true }).setInputFiles(pdfOf(6 * MiB, 'Їжак.pdf'));
    await page.getByRole('button', { name: 'Передати', exact: true }).click();
    expect(page.url()).toMatch(/\/uk\/account\/uploads\/\?uploaded=[\w-]+$/);
    expect(await page.getByRole('status').innerText()).toBe('Файл передано.');
    expect(await page.getByRole('link', { name: 'Завантажити Їжак.pdf' }).first().isVisible()).toBe(true);

    await page
      .getByLabel('Файл', { exact: true })
      .setInputFiles({ name: 'virus.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf') });
    await page.getByRole('button', { name: 'Передати', exact: true }).click();
    expect(page.url()).toBe(`${baseUrl}/uk/account/uploads/?error=upload.typeRejected`);
    expect(await page.getByRole('alert').innerText()).toContain('Файл не належить до дозволених типів');
    await context.close();
  });

  it('has no axe violations in any locale, and sends people who are not signed in to sign in', async () => {
    const { context, page } = await signedInPage();
    for (const locale of locales) {
      await page.goto(`${baseUrl}/${locale}/account/uploads/`);
      expect(await axeViolations(page), locale).toEqual([]);
    }
    // With the progress bar showing (after an upload).
    await page.locator('#upload-file').setInputFiles(pdfOf(1000, 'small.pdf'));
    await page.locator('[data-upload-submit]').click();
    await page.locator('[data-upload-progress]:not([hidden])').waitFor();
    await page.waitForFunction(() => document.querySelector('progress')!.value === 100);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    const anonymous = await openPage(browser());
    await anonymous.page.goto(`${baseUrl}/en/account/uploads/`);
    expect(anonymous.page.url()).toBe(`${baseUrl}/en/account/sign-in/?return=%2Fen%2Faccount%2Fuploads%2F`);
    await anonymous.context.close();
  });
});
