import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { createApp } from '../../functions/app.ts';
import type { Deps } from '../../functions/deps.ts';
import { fillRoute } from '../../functions/testing/crawl.ts';
import { fingerprint } from '../../functions/testing/fingerprint.ts';
import { baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';
import { filesUnder, sitePages } from './site-pages.ts';

// No GET or HEAD changes state (issue 16 fault a: downloads were counted on HEAD requests). Every
// page of the build, every on-demand page (found in src/pages/[lang]/) and every GET route of the
// API (listed from the Hono app), with the seeded database's real ids, is opened by GET and by HEAD,
// signed out and signed in; the local D1 database's tables (row counts and checksums) are compared
// before and after. Two things a signed-in request may write, by design: the session's idle-timeout
// clock (`sessions.last_seen_at`, at most once a minute: the idle timeout needs it) and a
// security-log record of a refusal or an export (`readAuditActions`). Signed out, nothing at all.

const browser = useBrowser();
const ACCOUNT = 'e2e-phone@example.org'; // an administrator, created by scripts/e2e.mjs

/** The local D1 database file of the server under test (scripts/e2e.mjs passes its folder). */
function localDatabase(): string | undefined {
  const folder = process.env.E2E_PERSIST_TO;
  if (!folder) return undefined;
  return filesUnder(folder).find((f) => f.includes('/d1/') && f.endsWith('.sqlite'));
}

/** Every on-demand page under src/pages/[lang]/, as a route with its `[params]`. */
function onDemandRoutes(): string[] {
  const root = 'src/pages/[lang]';
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.astro') ? [join(dir, e.name)] : [],
    );
  return walk(root)
    .filter((file) => /export const prerender = false/.test(readFileSync(file, 'utf8')))
    .map((file) =>
      `/${relative(root, file)
        .replace(/\.astro$/, '')
        .replace(/(^|\/)index$/, '')}/`.replace(/\/+/g, '/'),
    );
}

describe.skipIf(!localDatabase())('no GET or HEAD changes the database (pages and API, real ids)', () => {
  let db: Client;
  let request: Awaited<ReturnType<typeof openPage>>['context']['request'];
  let close: () => Promise<void>;
  const signedIn = { readAudits: false, except: { sessions: ['last_seen_at'] } };

  beforeAll(async () => {
    db = createClient({ url: `file:${localDatabase()}` });
    const { context, page } = await openPage(browser());
    await signInByEmail(page, ACCOUNT);
    request = context.request;
    close = () => context.close();
  });
  afterAll(async () => {
    await close?.();
    db?.close();
  });

  /** Opens each URL by GET and HEAD (signed out: without cookies); the statuses that were 5xx. */
  async function crawl(urls: string[], signedOut: boolean): Promise<string[]> {
    const errors: string[] = [];
    for (const url of urls)
      for (const method of ['get', 'head'] as const) {
        const response = await request[method](`${baseUrl}${url}`, {
          maxRedirects: 0,
          ...(signedOut ? { headers: { cookie: '' } } : {}),
        });
        if (response.status() >= 500) errors.push(`${response.status()} ${method} ${url}`);
      }
    return errors;
  }

  async function pageUrls(): Promise<string[]> {
    const day = String((await db.execute('SELECT id FROM lunch_days ORDER BY id LIMIT 1')).rows[0]?.id ?? 'nope');
    const entries = (await db.execute('SELECT id FROM competition_entries ORDER BY id LIMIT 2')).rows.map((r) =>
      String(r.id),
    );
    const routes = onDemandRoutes();
    expect(routes).toContain('/materials/');
    const urls: string[] = [];
    for (const route of routes) {
      for (const path of await fillRoute(db, route, {
        step: ['work', 'review'],
        entry: entries,
        status: ['confirmed'],
      }))
        for (const locale of locales)
          for (const query of [
            '',
            `?material=arriving-worksheet&day=${day}&age=adults&token=nope&id=nope&sig=nope&q=a&page=2`,
          ])
            urls.push(`/${locale}${path}${query}`);
    }
    return urls;
  }

  async function apiUrls(): Promise<string[]> {
    const app = createApp({} as Deps);
    const routes = [...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))].filter((p) =>
      p.startsWith('/api/'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(45);
    const urls: string[] = [];
    for (const route of routes)
      for (const path of await fillRoute(db, route))
        for (const query of ['', '?file=worksheet-en.pdf&lang=en&format=csv&token=nope&id=nope&sig=nope'])
          urls.push(`${path}${query}`);
    return urls;
  }

  it('signed out: every built page, on-demand page and API route leaves every table as it was', async () => {
    const built = sitePages().map((p) => p.path);
    const urls = [...built, ...(await pageUrls()), ...(await apiUrls())];
    expect(urls.length).toBeGreaterThan(500);
    const before = await fingerprint(db);
    const errors = await crawl(urls, true);
    expect(await fingerprint(db)).toEqual(before);
    expect(errors).toEqual([]);
  }, 600_000);

  it('signed in as an administrator: on-demand pages and API routes change nothing', async () => {
    const urls = [...(await pageUrls()), ...(await apiUrls())];
    const before = await fingerprint(db, signedIn);
    await crawl(urls, false);
    expect(await fingerprint(db, signedIn)).toEqual(before);
  }, 600_000);
});
