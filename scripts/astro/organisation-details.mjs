// @ts-check
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { load } from 'js-yaml';
import { isLocalOrigin, missingDetails, organisation } from '../../core/organisation.ts';
import { readFactEntries } from '../content-report.ts';

/**
 * What a public build still lacks: the organisation's details and the demo items ([] when nothing).
 * @returns {string[]}
 */
export function contentGaps() {
  const helplines = /** @type {import("../../core/organisation.ts").HelplineFacts[]} */ (
    load(readFileSync('content/helplines.yml', 'utf8'))
  );
  return [
    ...missingDetails(organisation, helplines),
    ...readFactEntries('.')
      .filter((e) => e.demo)
      .map((e) => `no demo items: ${e.where} was invented for the local demo (remove it)`),
  ];
}

/** The file a measure-only build's deploy configuration is moved to; `wrangler deploy` never finds it by itself. */
export const MEASURE_ONLY_CONFIG = 'dist/server/wrangler.measure-only.json';
/** Set by a build that the guard refused and that was made for measuring only. */
let measureOnly = false;

/**
 * A production build (PUBLIC_ORIGIN not on this machine) fails while the organisation has not
 * filled in what the public pages promise: the privacy page's controller and contact, the press
 * contact, every helpline's number and confirmation, and no invented demo news. The local demo builds, and its pages show "to be completed
 * by the organisation" notices in their place; so does the staging rehearsal (SITE_KIND = "rehearsal", noindex).
 * @type {import('astro').AstroIntegration}
 */
export const organisationDetails = {
  name: 'spotlight:organisation-details',
  hooks: {
    'astro:build:start': ({ logger }) => {
      const origin = process.env.PUBLIC_ORIGIN ?? 'http://127.0.0.1:4321';
      const missing = contentGaps();
      if (missing.length === 0) return;
      const list = missing.map((m) => `  - ${m}`).join('\n');
      if (isLocalOrigin(origin)) {
        logger.warn(`The local demo shows "to be completed by the organisation" for:\n${list}`);
        return;
      }
      // Staging (wrangler.toml [env.staging], SITE_KIND = "rehearsal", set in process.env from that
      // environment's vars by the Cloudflare adapter before this hook) is a rehearsal: it may show the demo
      // content, and every page of it is noindex (security-headers.mjs, src/worker.ts).
      if (process.env.SITE_KIND === 'rehearsal') {
        logger.warn(`The rehearsal site ${origin} (noindex) shows "to be completed by the organisation" for:\n${list}`);
        return;
      }
      // `npm run deploy:check` alone builds a refused public site, to measure its bundle: it prints this
      // verdict; the build's deploy configuration is moved aside when it is written (build:done below), and
      // deploy:check deletes it after its dry run, so a plain `wrangler deploy` never finds that build.
      if (process.env.SPOTLIGHT_CONTENT_GUARD === 'measure-only') {
        logger.warn(`MEASURE ONLY, not deployable: a public build (${origin}) is refused until:\n${list}`);
        measureOnly = true;
        return;
      }
      throw new Error(
        `A public build (${origin}) needs the organisation's details; fill in core/organisation.ts and content/helplines.yml:\n${list}`,
      );
    },
    // The Cloudflare Vite plugin has written dist/server/wrangler.json and the .wrangler/deploy/config.json
    // that points `wrangler deploy` at it during the build, before this hook.
    'astro:build:done': () => {
      if (!measureOnly) return;
      measureOnly = false;
      renameSync('dist/server/wrangler.json', MEASURE_ONLY_CONFIG);
      rmSync('.wrangler/deploy/config.json', { force: true });
    },
  },
};
