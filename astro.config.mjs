// @ts-check
import cloudflare from '@astrojs/cloudflare';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { appendFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { headersFile } from './functions/http/security-headers.ts';
import { organisation } from './src/config/organisation.ts';
import { defaultLocale, locales } from './src/i18n/locales.ts';

/**
 * Static assets skip the Worker, so they get the security headers from `_headers`.
 * @type {import('astro').AstroIntegration}
 */
const securityHeadersFile = {
  name: 'spotlight:security-headers',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      await appendFile(new URL('_headers', dir), headersFile());
    },
  },
};

/**
 * Pagefind indexes the built pages, one index per language (from `<html lang>`), reading only
 * elements marked `data-pagefind-body`: campaigns, published stories and editorial pages.
 * @type {import('astro').AstroIntegration}
 */
const searchIndex = {
  name: 'spotlight:pagefind',
  hooks: {
    'astro:build:done': async ({ dir, logger }) => {
      const pagefind = await import('pagefind');
      const { index, errors } = await pagefind.createIndex({});
      if (!index) throw new Error(`pagefind: ${errors.join(', ')}`);
      const added = await index.addDirectory({ path: fileURLToPath(dir) });
      if (added.errors.length) throw new Error(`pagefind: ${added.errors.join(', ')}`);
      await index.writeFiles({ outputPath: fileURLToPath(new URL('pagefind/', dir)) });
      logger.info(`search index: ${added.page_count} pages`);
      await pagefind.close();
    },
  },
};

/**
 * Open Graph images: every built page names one (`og:image`, under /og/); each named image is
 * drawn once from its page's title and section. The home page of a locale draws the shared one.
 * @type {import('astro').AstroIntegration}
 */
const openGraphImages = {
  name: 'spotlight:og-images',
  hooks: {
    'astro:build:done': async ({ dir, logger }) => {
      const { renderOgImage } = await import('./scripts/og/og-image.mjs');
      const root = fileURLToPath(dir);
      const pages = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html'));
      /** @type {(html: string, property: string) => string | undefined} */
      const meta = (html, property) => new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1];
      const done = new Set();
      for (const page of pages) {
        const html = await readFile(join(root, page), 'utf8');
        const image = meta(html, 'og:image');
        if (!image) continue;
        const path = new URL(image).pathname;
        const isHome = /^\/(sk|en|uk)\/index\.html$/.test(`/${page}`);
        const ownImage = meta(html, 'article:section') !== undefined;
        if (done.has(path) || !(ownImage || isHome)) continue;
        /** @type {(s: string) => string} */
        const decode = (s) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
        const png = await renderOgImage({
          title: decode(meta(html, 'og:title') ?? organisation.name),
          kicker: decode(meta(html, 'article:section') ?? meta(html, 'og:description')?.split(/[.:]/)[0] ?? ''),
          site: organisation.name,
          ...organisation.colours,
        });
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), png);
        done.add(path);
      }
      logger.info(`Open Graph images: ${done.size}`);
    },
  },
};

/** The public origin; canonical and hreflang URLs are absolute, as search engines want them. */
const site = process.env.PUBLIC_ORIGIN ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  output: 'static',
  // Images are optimised at build time (sharp: AVIF/WebP, responsive widths), served as static files.
  adapter: cloudflare({ imageService: 'compile' }),
  integrations: [securityHeadersFile, searchIndex, openGraphImages, mdx(), sitemap({
      i18n: { defaultLocale, locales: Object.fromEntries(locales.map((l) => [l, l])) },
      // The language redirect, error pages and the subscription flow are not for search engines.
      filter: (page) => {
        const path = new URL(page).pathname;
        return path !== '/' && !/\/(404|stay-informed|search)\//.test(path);
      },
    })],
  i18n: {
    locales: [...locales],
    defaultLocale,
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  build: { inlineStylesheets: 'never', format: 'directory' },
  security: { checkOrigin: true },
  vite: {
    // Scripts stay external files: the CSP allows no inline script.
    build: { assetsInlineLimit: 0 },
    // Consent expiry is judged against the build day; tests pin it.
    define: { 'import.meta.env.SPOTLIGHT_TODAY': JSON.stringify(process.env.SPOTLIGHT_TODAY ?? '') },
  },
  devToolbar: { enabled: false },
});
