/**
 * Whether this site is a rehearsal (wrangler.toml `[env.staging]`: `SITE_KIND = "rehearsal"`), not
 * the organisation's real portal: every page then carries a banner that says so
 * (src/components/RehearsalBanner.astro). How the var reaches a page: a prerendered page reads it
 * at build time (the Cloudflare adapter copies the vars of the `CLOUDFLARE_ENV` being built into
 * `process.env`); an on-demand page reads it at run time from the Worker's own vars (`nodejs_compat`
 * fills `process.env` with them). `npm start` and production set no rehearsal, so no banner.
 * @param env the environment to read (default: `process.env`)
 */
export function isRehearsal(env: Record<string, string | undefined> | undefined = globalThis.process?.env): boolean {
  return env?.SITE_KIND === 'rehearsal';
}
