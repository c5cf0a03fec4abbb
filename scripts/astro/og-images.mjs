// @ts-check
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { organisation } from '../../core/organisation.ts';
import { locales } from '../../core/locales.ts';

/**
 * Open Graph images: every built page names one (`og:image`, under /og/); each named image is
 * drawn once from its page's title and section. The home page of a locale draws the shared one.
 * @type {import('astro').AstroIntegration}
 */
export const openGraphImages = {
  name: 'spotlight:og-images',
  hooks: {
    'astro:build:done': async ({ dir, logger }) => {
      const { renderOgImage } = await import('../og/og-image.mjs');
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
        const isHome = new RegExp(`^/(${locales.join('|')})/index\\.html$`).test(`/${page}`);
        const ownImage = meta(html, 'article:section') !== undefined;
        if (done.has(path) || !(ownImage || isHome)) continue;
        /** @type {(s: string) => string} */
        const decode = (s) =>
          s
            .replaceAll('&amp;', '&')
            .replaceAll('&quot;', '"')
            .replaceAll('&#39;', "'")
            .replaceAll('&lt;', '<')
            .replaceAll('&gt;', '>');
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
