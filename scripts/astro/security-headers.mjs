// @ts-check
import { appendFile } from 'node:fs/promises';
import { headersFile } from '../../functions/http/security-headers.ts';

/**
 * Static assets skip the Worker, so they get the security headers from `_headers`.
 * @type {import('astro').AstroIntegration}
 */
export const securityHeadersFile = {
  name: 'spotlight:security-headers',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      await appendFile(new URL('_headers', dir), headersFile());
    },
  },
};
