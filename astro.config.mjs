// @ts-check
import cloudflare from '@astrojs/cloudflare';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { materialsLibrary } from './scripts/astro/materials.mjs';
import { openGraphImages } from './scripts/astro/og-images.mjs';
import { organisationDetails } from './scripts/astro/organisation-details.mjs';
import { searchIndex } from './scripts/astro/search-index.mjs';
import { securityHeadersFile } from './scripts/astro/security-headers.mjs';
import { defaultLocale, locales } from './core/locales.ts';

/** The public origin; canonical and hreflang URLs are absolute, as search engines want them. */
const site = process.env.PUBLIC_ORIGIN ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  output: 'static',
  // Images are optimised at build time (sharp: AVIF/WebP, responsive widths), served as static files.
  adapter: cloudflare({ imageService: 'compile' }),
  integrations: [
    organisationDetails,
    materialsLibrary,
    securityHeadersFile,
    searchIndex,
    openGraphImages,
    mdx(),
    sitemap({
      i18n: { defaultLocale, locales: Object.fromEntries(locales.map((l) => [l, l])) },
      // The language redirect, error pages and the subscription flow are not for search engines.
      filter: (page) => {
        const path = new URL(page).pathname;
        return path !== '/' && !/\/(404|stay-informed|search)\//.test(path);
      },
    }),
  ],
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
    // Consent expiry is judged against the build day; SPOTLIGHT_TODAY pins it for reproducible builds.
    define: { 'import.meta.env.SPOTLIGHT_TODAY': JSON.stringify(process.env.SPOTLIGHT_TODAY ?? '') },
  },
  devToolbar: { enabled: false },
});
