// @ts-check
import { fileURLToPath } from 'node:url';

/**
 * Pagefind indexes the built pages, one index per language (from `<html lang>`), reading only
 * elements marked `data-pagefind-body`: campaigns, published stories and editorial pages.
 * @type {import('astro').AstroIntegration}
 */
export const searchIndex = {
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
