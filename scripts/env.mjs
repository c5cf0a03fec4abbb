// Environment shared by the scripts that run wrangler and Astro: offline-friendly and quiet.
export const toolEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  ASTRO_TELEMETRY_DISABLED: '1',
};

/**
 * Where wrangler keeps the local D1 database, R2 objects (uploads, dev mail) and KV;
 * SPOTLIGHT_DATA_DIR overrides it (bench/soak.mjs runs `npm start` on a throwaway folder).
 */
export const dataDir = process.env.SPOTLIGHT_DATA_DIR ?? '.data';
/** The local port; SPOTLIGHT_PORT overrides it (several checkouts on one machine). */
export const port = Number(process.env.SPOTLIGHT_PORT ?? 4321);
export const host = '127.0.0.1';
/**
 * The local portal's origin (`http://127.0.0.1:4321`, or on SPOTLIGHT_PORT): where it serves, and
 * the origin `npm start` builds the site for (canonical links, hreflang and the sitemap are
 * written into the prerendered pages: astro.config.mjs takes it as PUBLIC_ORIGIN).
 */
export const origin = `http://${host}:${port}`;

/**
 * `wrangler dev`'s arguments for the local portal at http://host:port, persisting to `persistTo`.
 * PUBLIC_ORIGIN (wrangler.toml says port 4321) is set to that address, so the links in mails
 * (sign-in, confirmations, invitations) open this portal when SPOTLIGHT_PORT moved it.
 * @param {{ host: string; port: number; persistTo: string; logLevel: string }} options
 * @returns {string[]}
 */
export function devArgs({ host, port, persistTo, logLevel }) {
  return [
    'dev',
    '--ip',
    host,
    '--port',
    String(port),
    '--persist-to',
    persistTo,
    '--log-level',
    logLevel,
    '--var',
    `PUBLIC_ORIGIN:http://${host}:${port}`,
  ];
}
