// @ts-check
import { appendFile, writeFile } from 'node:fs/promises';
import { headersFile } from '../../functions/http/security-headers.ts';

/**
 * Static assets skip the Worker, so they get the security headers from `_headers`. A rehearsal site
 * (staging: SITE_KIND = "rehearsal", from wrangler.toml's environment) asks search engines to stay away
 * from everything: `X-Robots-Tag: noindex` on every file and a robots.txt that disallows all.
 * @type {import('astro').AstroIntegration}
 */
export const securityHeadersFile = {
  name: 'spotlight:security-headers',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      await appendFile(new URL('_headers', dir), headersFile());
      if (process.env.SITE_KIND === 'rehearsal') {
        await appendFile(new URL('_headers', dir), '  X-Robots-Tag: noindex, nofollow\n');
        await writeFile(new URL('robots.txt', dir), 'User-agent: *\nDisallow: /\n');
      }
    },
  },
};
