// "Could not check" told apart from "not found" or "invalid": when the API could not answer (a
// database or file store outage), a page answers 503 with the request's reference — never its
// "not found", "this link does not work" or "expired" answer. Used by `pageApi` (src/lib/api.ts).

/** When a page that could not check something says to try again, without the API's own value (seconds). */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

declare global {
  namespace App {
    interface Locals {
      /**
       * Set by `read()` for `src/pages/[lang]/unavailable.astro`, never from a URL: the page to try
       * again (path and query) and the API's answer (for its `Retry-After`).
       */
      unavailable?: { retry: string; answer: { headers: Headers } };
    }
  }
}

/**
 * Whether an API answer means "could not check" (5xx: the database or the file store failed) rather
 * than an answer about the thing asked for. A page must never turn it into "not found", "this link
 * does not work" or "expired": it answers 503 with the request's reference (`outage()` of `pageApi`).
 */
export const couldNotCheck = (response: { status: number }): boolean => response.status >= 500;

/**
 * Makes a page's answer "could not check": status 503, the API's `Retry-After` (else
 * {@link UNAVAILABLE_RETRY_AFTER_SECONDS}), never cached (not by the edge either).
 */
export function answerUnavailable(from: { headers: Headers }, to: { status?: number; headers: Headers }): void {
  to.status = 503;
  to.headers.set('Retry-After', from.headers.get('retry-after') ?? String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  to.headers.set('Cache-Control', 'no-store');
}

/**
 * The path and query of the request being answered, for a link back to it ("try again", "back to
 * the form") — or `fallback` when the path would not stay on this site: a path starting with `//`
 * or `/\` is a protocol-relative address in a link (`https://portal//evil.example/` has the path
 * `//evil.example/`, and a post to it reaches these pages).
 * @returns a path starting with `/` and one character that is neither `/` nor `\`, or `fallback`
 */
export function sameSiteBack(url: URL, fallback: string): string {
  return /^\/(?![/\\])/.test(url.pathname) ? url.pathname + url.search : fallback;
}
