import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { locales } from '../../core/locales.ts';

const client = 'dist/client';

/** Every file below a folder of the build. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A page to visit and the status it must answer with. */
export interface SitePage {
  path: string;
  status: number;
}

/**
 * Every page of the portal: each pre-rendered HTML file of the build, each on-demand page in
 * every locale, and an unknown path per locale (the translated 404). New pages join by being built.
 */
export function sitePages(): SitePage[] {
  const built = filesUnder(client)
    .filter((file) => file.endsWith('.html'))
    .map((file) => `/${relative(client, file)}`.replace(/index\.html$/, ''))
    .filter((path) => path !== '/404.html' && !/^\/\w+\/404\/$/.test(path) && !path.startsWith('/pagefind/'))
    .map((path) => ({ path, status: 200 }));
  const onDemand = locales.flatMap((l) => [
    { path: `/${l}/stay-informed/`, status: 200 },
    { path: `/${l}/account/sign-in/`, status: 200 },
    { path: `/${l}/competition/`, status: 200 },
    { path: `/${l}/competition/2027/`, status: 200 },
    { path: `/${l}/competition/entries/`, status: 200 },
    { path: `/${l}/lunches/`, status: 200 },
    { path: `/${l}/materials/`, status: 200 },
    { path: `/${l}/no-such-page/`, status: 404 },
  ]);
  return [...built, ...onDemand, { path: '/no-such-page/', status: 404 }].sort((a, b) => a.path.localeCompare(b.path));
}

/** Pages that exist in one language only (content fixtures): no hreflang alternates, no x-default. */
export const singleLanguagePages = ['/sk/news/bratislava-volunteer-evening/'];
