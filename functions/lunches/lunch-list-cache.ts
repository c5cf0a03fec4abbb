// The lunch list (`/<locale>/lunches/`) at the edge: kept a minute (functions/edge-pages.ts; the
// page's own Cache-Control), and purged here at once when coordinators change what it shows — a
// new day, or places taken by a sign-up made on a family's behalf.
import type { Deps } from '../deps.ts';
import { purgeEdgePaths } from '../http/edge-cache.ts';

/** The lunch list's path without its locale. */
export const LUNCH_LIST_PATH = '/lunches/';

/**
 * Deletes the lunch list in every locale (sk, en, uk) from the edge cache; returns how many of
 * those pages were kept. Call it after a coordinator's change to the days (a no-op without a cache).
 */
export const purgeLunchList = (deps: Pick<Deps, 'edgeCache' | 'config'>): Promise<number> =>
  purgeEdgePaths(deps.edgeCache, deps.config.publicOrigin, [LUNCH_LIST_PATH]);
