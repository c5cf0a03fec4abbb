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

/**
 * The V8 heap limit of `astro build` (MB), in NODE_OPTIONS for every way the project builds (npm
 * run build, npm start, npm test, e2e, deploy:check, bench:build), so measured builds are the
 * users' builds. Without it V8 lets the heap grow while Vite bundles before collecting. Measured
 * (npm run bench:build, 2 cores shared, load 8–11): 1,000 stories × 3 locales peak 2,003 MB clean
 * (main process 1,755 + Pagefind 232) and 1,741 MB rebuild, against 2,507 / 2,297 MB without it in
 * the run before, and no slower (121 s / 54 s against 134 s / 76 s). 3,000 stories still build (no
 * heap exhaustion) but peak at 3.8 GB: most of that main process is not V8's heap (Rolldown's
 * native memory), which this limit cannot bound. Margin: the 3,000-story build also completes
 * with 1,024 MB (a third below this limit; 264 s, main process 3.39 GB resident at most).
 */
export const buildHeapMegabytes = 1536;

/**
 * NODE_OPTIONS for an `astro build`: the heap limit, then any NODE_OPTIONS the caller set (later
 * flags win, so an own `--max-old-space-size` there still applies).
 */
export const buildNodeOptions = [`--max-old-space-size=${buildHeapMegabytes}`, process.env.NODE_OPTIONS]
  .filter(Boolean)
  .join(' ');

/**
 * The environment of an `astro build` beside toolEnv: the heap limit (`buildNodeOptions`) and
 * `MIMALLOC_PURGE_DELAY=0`. Vite's bundler (Rolldown) allocates with mimalloc, which keeps memory
 * it has freed for a while before giving it back to the system: after bundling, the build process
 * held ~1.75 GB resident with a V8 heap of ~0.35 GB, and Pagefind's process then started on top
 * of that (the build's peak). Purging at once, it held ~1.25 GB there (1,000 stories × 3 locales,
 * a rebuild with the search index redrawn; process.memoryUsage() before Pagefind), with no more
 * CPU time (user 20.2 s, sys 11.3 s both ways). Only mimalloc reads the variable.
 */
export const buildEnv = { NODE_OPTIONS: buildNodeOptions, MIMALLOC_PURGE_DELAY: '0' };
