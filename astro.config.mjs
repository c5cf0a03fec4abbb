// @ts-check
import cloudflare from '@astrojs/cloudflare';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { appendFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { headersFile } from './functions/http/security-headers.ts';
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

/** The public origin; canonical and hreflang URLs are absolute, as search engines want them. */
const site = process.env.PUBLIC_ORIGIN ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  output: 'static',
  // Images are optimised at build time (sharp: AVIF/WebP, responsive widths), served as static files.
  adapter: cloudflare({ imageService: 'compile' }),
  integrations: [securityHeadersFile, searchIndex, mdx(), sitemap({
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
