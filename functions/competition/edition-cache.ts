// The edition page (`/<locale>/competition/<edition>/`) at the edge: kept until its data changes
// (functions/edge-pages.ts; the page says how long in its Cache-Control), and purged here when
// an edition, its categories, its vote window or its publication changes.
import type { Deps } from '../deps.ts';
import { purgeEdgePaths } from '../http/edge-cache.ts';

/** The edition page's path without its locale: `/competition/2027/`. */
export const editionPagePath = (editionId: string) => `/competition/${encodeURIComponent(editionId)}/`;

/**
 * Deletes an edition's page in every locale from the edge cache; returns how many were there.
 * Call it after anything the page shows has changed (a no-op without a cache).
 */
export const purgeEditionPage = (deps: Pick<Deps, 'edgeCache' | 'config'>, editionId: string) =>
  purgeEdgePaths(deps.edgeCache, deps.config.publicOrigin, [editionPagePath(editionId)]);
