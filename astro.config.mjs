// @ts-check
import cloudflare from '@astrojs/cloudflare';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { appendFile } from 'node:fs/promises';
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

/** The public origin; canonical and hreflang URLs are absolute, as search engines want them. */
const site = process.env.PUBLIC_ORIGIN ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  output: 'static',
  adapter: cloudflare({ imageService: 'passthrough' }),
  integrations: [securityHeadersFile, mdx(), sitemap({
      i18n: { defaultLocale, locales: Object.fromEntries(locales.map((l) => [l, l])) },
      // The language redirect, error pages and the subscription flow are not for search engines.
      filter: (page) => {
        const path = new URL(page).pathname;
        return path !== '/' && !/\/(404|stay-informed)\//.test(path);
      },
    })],
  i18n: {
    locales: [...locales],
    defaultLocale,
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  build: { inlineStylesheets: 'never', format: 'directory' },
  security: { checkOrigin: true },
  devToolbar: { enabled: false },
});
