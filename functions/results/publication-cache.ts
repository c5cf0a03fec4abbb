// The winners page at the edge: one of the public pages the Worker keeps in the edge cache
// (functions/http/edge-cache.ts, listed in functions/edge-pages.ts) for at most a minute, and
// deleted from it the moment its results are published or taken down (`purgeWinners`, called by
// the publication service after a publish or an unlock).
import type { Locale } from '../../core/locales.ts';
import { type EdgeCache, purgeEdgePaths } from '../http/edge-cache.ts';
import { edgeCacheControl } from '../http/edge-cache.schemas.ts';

/** How long the edge keeps a winners page (seconds); a publish purges it at once anyway. */
export const WINNERS_EDGE_SECONDS = 60;

/**
 * The winners page's Cache-Control: browsers revalidate (max-age=0), shared caches keep it
 * `s-maxage` seconds and may serve it stale while they fetch a new one.
 */
export const WINNERS_CACHE_CONTROL = edgeCacheControl(WINNERS_EDGE_SECONDS);

/** The winners page's path without its locale: `/competition/2026/winners/`. */
const winnersPathIn = (editionId: string) => `/competition/${encodeURIComponent(editionId)}/winners/`;

/** The winners page's path in a locale: `/en/competition/2026/winners/`. */
export const winnersPath = (locale: Locale, editionId: string) => `/${locale}${winnersPathIn(editionId)}`;

/**
 * Deletes an edition's winners page, in every locale, from the edge cache; returns how many were
 * there. Called after results are published or unlocked. No cache (Node): nothing to do.
 */
export const purgeWinners = (cache: EdgeCache | undefined, publicOrigin: string, editionId: string) =>
  purgeEdgePaths(cache, publicOrigin, [winnersPathIn(editionId)]);
