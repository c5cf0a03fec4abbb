// @ts-check
import { fileURLToPath } from 'node:url';
import { unstable_readConfig } from 'wrangler';

/**
 * The wrangler environment a build is for and that environment's vars from wrangler.toml.
 * `CLOUDFLARE_ENV` selects it, as @cloudflare/vite-plugin (inside Astro's Cloudflare adapter) reads it
 * when it writes dist/server/wrangler.json; unset or empty: the top level, the local portal.
 * @param {string | undefined} [env] staging | production
 * @param {string} [config] the wrangler configuration file (default: the repository's wrangler.toml)
 * @returns {{ env: string | undefined; name: string; vars: Record<string, unknown>; d1: { binding: string; database_name?: string; database_id?: string }[]; r2: { binding: string; bucket_name?: string }[]; crons: string[] }}
 */
export function deployTarget(
  env = process.env.CLOUDFLARE_ENV || undefined,
  config = fileURLToPath(new URL('../wrangler.toml', import.meta.url)),
) {
  const read = unstable_readConfig({ config, env }, { hideWarnings: true });
  return {
    env,
    name: read.name ?? '',
    vars: read.vars,
    d1: read.d1_databases,
    r2: read.r2_buckets,
    crons: read.triggers.crons ?? [],
  };
}
