// The Cache-Control headers of public on-demand pages kept at the edge (functions/http/edge-cache.ts):
// pages import these to say how long the edge may keep them. Only a 200 that says `public` and
// `s-maxage`, sets no cookie and answers a request without cookies is ever kept.

/** Cache-Control of a page nobody may keep: personal pages, failures, forms. */
export const NO_STORE = 'no-store';

/** How long a public list that changes with people's actions may be kept (the lunch days' places), seconds. */
export const LIVE_LIST_EDGE_SECONDS = 60;

/** The longest an edge keeps a page whose data purges it when it changes (an edition page), seconds. */
export const PURGED_PAGE_EDGE_SECONDS = 3600;

/**
 * Cache-Control for a page the edge may keep `seconds`: browsers revalidate (`max-age=0`), shared
 * caches keep it and may serve it stale for as long again while they fetch a new one.
 * `seconds` < 1 gives {@link NO_STORE}.
 * @param seconds whole seconds the edge may keep the page
 */
export const edgeCacheControl = (seconds: number): string =>
  seconds < 1
    ? NO_STORE
    : `public, max-age=0, s-maxage=${Math.floor(seconds)}, stale-while-revalidate=${Math.floor(seconds)}`;

/**
 * How long a page that changes by itself at known instants (a deadline passing, a vote opening)
 * may be kept: until the next of those instants, at most `cap` seconds. Instants in the past or
 * missing are ignored.
 * @param now the server's clock
 * @param instants ISO instants at which the page's text changes
 * @param cap the longest keep, seconds
 * @returns whole seconds, 0 when the next change is less than a second away
 */
export function secondsUntilChange(now: Date, instants: readonly (string | null | undefined)[], cap: number): number {
  const ahead = instants
    .map((i) => (i ? new Date(i).getTime() - now.getTime() : Number.NaN))
    .filter((ms) => ms > 0)
    .map((ms) => Math.floor(ms / 1000));
  return Math.max(0, Math.min(cap, ...ahead));
}
