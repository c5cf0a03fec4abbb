import type { EdgePage } from './http/edge-cache.ts';

/**
 * The public on-demand pages the Worker may answer from the edge cache (functions/http/edge-cache.ts),
 * matched on the canonical path. Each page still decides by its own Cache-Control whether and how
 * long (a failure says `no-store`); anything not listed here is rendered for every request.
 * - the lunch days: places left may be a minute old (the sign-up form and its answers never are);
 *   purged at once when coordinators change the days (functions/lunches/lunch-list-cache.ts);
 * - an edition page: until its data changes (purged by functions/competition/edition-cache.ts)
 *   or its next deadline, at most an hour;
 * - the winners: a minute, purged on publish and unlock (functions/results/publication-cache.ts).
 */
export const edgePages: readonly EdgePage[] = [
  { name: 'lunch days', pattern: /^\/([a-z]{2})\/lunches\/$/ },
  { name: 'edition', pattern: /^\/([a-z]{2})\/competition\/(?!current\/$|entries\/$)[^/]+\/$/ },
  { name: 'winners', pattern: /^\/([a-z]{2})\/competition\/[^/]+\/winners\/$/ },
];
