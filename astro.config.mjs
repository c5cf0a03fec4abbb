// @ts-check
import cloudflare from '@astrojs/cloudflare';
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { materialsLibrary } from './scripts/astro/materials.mjs';
import { oldOutputAside } from './scripts/astro/old-output.mjs';
import { openGraphImages } from './scripts/astro/og-images.mjs';
import { organisationDetails } from './scripts/astro/organisation-details.mjs';
import { searchIndex } from './scripts/astro/search-index.mjs';
import { telLinksPlugin } from './scripts/astro/tel-links.mjs';
import { workerBundle } from './scripts/astro/worker-bundle.mjs';
import { securityHeadersFile } from './scripts/astro/security-headers.mjs';
import { deployTarget } from './scripts/deploy-target.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onDemandIndexed, sitemapLinks } from './core/alternates.ts';
import { defaultLocale, locales } from './core/locales.ts';

/** Where the prerendered pages are when the sitemap is written (the Cloudflare adapter's client output). */
const clientDir = fileURLToPath(new URL('./dist/client/', import.meta.url));

/**
 * Whether a built page asks search engines to stay away (`<meta name="robots" content="noindex">`,
 * set by Base.astro's `noindex`): such pages (the status pages after an action) are not in the
 * sitemap. Judged from the page itself, so a new status page needs no list kept here.
 * @param {string} page the page's absolute URL
 */
function isNoindex(page) {
  const path = decodeURIComponent(new URL(page).pathname).replace(/^\//, '');
  const file = `${clientDir}${path}${path === '' || path.endsWith('/') ? '' : '/'}index.html`;
  return existsSync(file) && /<meta name="robots" content="noindex"/.test(readFileSync(file, 'utf8'));
}

/**
 * The public origin; canonical and hreflang URLs are absolute, as search engines want them. A build for a
 * wrangler environment (`CLOUDFLARE_ENV=staging|production`) takes that environment's PUBLIC_ORIGIN.
 */
const site = process.env.CLOUDFLARE_ENV
  ? String(deployTarget().vars.PUBLIC_ORIGIN)
  : (process.env.PUBLIC_ORIGIN ?? 'http://127.0.0.1:4321');

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  output: 'static',
  // Images are optimised at build time (sharp: AVIF/WebP, responsive widths), served as static files.
  // Static pages are prerendered in Node, not in workerd (the adapter's default): the HTML is the
  // same byte for byte (compared on a 468-page build), and Node renders them in a third of the time
  // and without a second runtime's memory (npm run bench:build).
  adapter: cloudflare({ imageService: 'compile', prerenderEnvironment: 'node' }),
  integrations: [
    oldOutputAside,
    organisationDetails,
    materialsLibrary,
    securityHeadersFile,
    searchIndex,
    openGraphImages,
    mdx(),
    sitemap({
      i18n: { defaultLocale, locales: Object.fromEntries(locales.map((l) => [l, l])) },
      // On-demand pages meant for search engines (the library answers its filter form on demand).
      customPages: locales.flatMap((l) => onDemandIndexed.map((p) => new URL(`/${l}${p}`, site).href)),
      // The language redirect, error pages, the subscription flow and every noindex page are not
      // for search engines.
      filter: (page) => {
        const path = new URL(page).pathname;
        return path !== '/' && !/\/(404|stay-informed|search)\//.test(path) && !isNoindex(page);
      },
      // Alternates only among the translations that exist (the plugin groups the built pages), plus
      // x-default: the same rule as the page head and the language switcher (core/alternates.ts).
      serialize: (item) => ({ ...item, links: sitemapLinks(item.links) }),
    }),
  ],
  // Astro's Markdown processor (MDX inherits it): helpline numbers in the pages' text become tel:
  // links (one tap on a phone); everything else as Sätteri does by default.
  markdown: { processor: satteri({ hastPlugins: [telLinksPlugin()] }) },
  i18n: {
    locales: [...locales],
    defaultLocale,
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  build: { inlineStylesheets: 'never', format: 'directory' },
  security: { checkOrigin: true },
  vite: {
    // The Worker carries no content it never shows on demand (compiled MDX, Markdown sources) and
    // no unused part of libraries that do not declare themselves free of side effects.
    plugins: [workerBundle()],
    environments: {
      // The Worker's own bundle (the `ssr` environment) is minified: Astro builds server code
      // unminified (its `build.minify: false` for every server environment wins over ours), but
      // passes the environment's Rolldown output options through. Comments and whitespace were
      // about a fifth of the upload; licence comments stay. Source maps still map to the sources.
      ssr: {
        build: {
          rolldownOptions: { output: { minify: true, comments: { legal: true, annotation: false, jsdoc: false } } },
        },
      },
    },
    // Scripts stay external files: the CSP allows no inline script.
    build: {
      assetsInlineLimit: 0,
      rolldownOptions: {
        // Astro's MDX compiler marks every content module with the directive "use astro:head-inject",
        // which Astro itself reads; the bundler warns once per MDX file (~200 warnings, 2,000 lines) that
        // it may not keep it. That one warning is expected: drop it here, at its source. Every other
        // warning (other directives, other codes) still shows.
        onLog(level, log, handler) {
          if (
            level === 'warn' &&
            log.code === 'MODULE_LEVEL_DIRECTIVE' &&
            log.message.includes('use astro:head-inject')
          )
            return;
          handler(level, log);
        },
      },
    },
    // Consent expiry is judged against the build day; SPOTLIGHT_TODAY pins it for reproducible builds.
    define: { 'import.meta.env.SPOTLIGHT_TODAY': JSON.stringify(process.env.SPOTLIGHT_TODAY ?? '') },
  },
  devToolbar: { enabled: false },
  // Astro's incremental static build (7.2+): a prerendered page whose `getStaticPaths()` gives a
  // `cacheKey` is copied from the last build (kept under cacheDir) when that key, the page's code,
  // this configuration and the lockfile are unchanged; every other page is rendered as before.
  // Story pages give one (src/lib/content.ts `storyCacheKey`): they are nearly all of a large site.
  // `build.concurrency` stays at its default 1: rendering is JavaScript on one thread, so more pages in
  // flight do not use the second core. Astro 7.3 keeps this cache with concurrency > 1 (its render
  // scopes, withastro/astro#17795), but rendering 3,170 pages with 4 in flight was no faster (16.3 s
  // against 13.4 s, `astro build --force`, 2 shared cores under load).
  experimental: { incrementalBuild: true },
});
