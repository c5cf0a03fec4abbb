/**
 * The quick exit's way through this tab's history (src/components/QuickExit.astro starts it, every
 * page finishes it). What browsers allow: a page can never delete history entries, and can change
 * only its own (`location.replace`, `history.replaceState`). So, as far as that goes:
 *
 * 1. With the Navigation API (Chromium since version 102; other engines as they ship it),
 *    `navigation.entries()` lists the portal's pages in this tab (the same-origin entries next to
 *    the current one). The exit goes back to the first of them, which replaces itself with the
 *    neutral site ({@link finishQuickExit}): Back then leaves the portal altogether. The portal's
 *    later pages stay as Forward entries (no page can remove those) and in the browser's history
 *    list.
 * 2. Elsewhere, the current page replaces itself with the neutral site: Back skips it but still
 *    reaches the portal's earlier pages in this tab.
 *
 * The "browsing safely" page says how to remove what is left (history, private windows).
 */

/** Where the exit, on its way back through the tab's history, keeps the neutral site's URL. */
const KEY = 'spotlight.quickExit';

/** The part of the Navigation API the exit uses. */
interface NavigationLike {
  entries(): { key: string; index: number }[];
  currentEntry: { index: number } | null;
  traverseTo(key: string): { finished: Promise<unknown> };
}

/**
 * Leaves for `neutral` at once: hides the page, then goes back to the portal's first page in this
 * tab (which finishes the exit) or, where that cannot be done, replaces this page.
 * @param neutral the neutral site's absolute URL
 */
export function quickExit(neutral: string): void {
  document.body.hidden = true;
  document.title = '';
  const nav = (window as unknown as { navigation?: NavigationLike }).navigation;
  const first = nav?.entries()[0];
  if (nav && first && nav.currentEntry && first.index < nav.currentEntry.index) {
    try {
      sessionStorage.setItem(KEY, neutral);
      // Should the traversal be refused, leave from here.
      nav.traverseTo(first.key).finished.catch(() => location.replace(neutral));
      return;
    } catch {
      // No session storage (blocked): leave from here.
    }
  }
  location.replace(neutral);
}

/**
 * On every page (the header's script): when a quick exit came back through this tab's history to
 * this page, the page hides itself and replaces its own entry with the neutral site. Also when the
 * page comes from the back/forward cache.
 */
export function finishQuickExit(): void {
  const leave = () => {
    let to: string | null = null;
    try {
      to = sessionStorage.getItem(KEY);
      sessionStorage.removeItem(KEY);
    } catch {
      return;
    }
    if (!to) return;
    document.documentElement.style.visibility = 'hidden';
    location.replace(to);
  };
  leave();
  addEventListener('pageshow', (event) => {
    if (event.persisted) leave();
  });
}
