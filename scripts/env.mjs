// Environment shared by the scripts that run wrangler and Astro: offline-friendly and quiet.
export const toolEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  ASTRO_TELEMETRY_DISABLED: '1',
};

/** Where wrangler keeps the local D1 database, R2 objects (uploads, dev mail) and KV. */
export const dataDir = '.data';
/** The local port; SPOTLIGHT_PORT overrides it (several checkouts on one machine). */
export const port = Number(process.env.SPOTLIGHT_PORT ?? 4321);
export const host = '127.0.0.1';
