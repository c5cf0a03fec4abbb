/**
 * The public contract of mailed-link pages (functions/http/mailed-link.ts), for the site: which
 * kinds exist, and the header that tells the site's `/api` mount to render the page in the
 * site's layout (src/lib/mailed-link.ts).
 */

/**
 * The kinds of mailed links that change something when used; each has its page's wording in the
 * catalogue under `mailedLink.<kind>` (`title`, `body`, `button`).
 */
export const mailedLinkKinds = [
  'lunchConfirm',
  'lunchAccept',
  'lunchCantCome',
  'pairConfirm',
  'newsletterConfirm',
  'unsubscribe',
  'signIn',
] as const;
export type MailedLinkKind = (typeof mailedLinkKinds)[number];

/** Whether a value names a kind of mailed link. */
export const isMailedLinkKind = (value: unknown): value is MailedLinkKind =>
  (mailedLinkKinds as readonly unknown[]).includes(value);

/**
 * The response header a mailed link's `GET` page carries: its kind. The page's language is in
 * `Content-Language`. The site's `/api` mount renders the same page in the site's layout when it
 * sees it (and drops the header); called directly, the API answers its own plain page.
 */
export const MAILED_LINK_HEADER = 'X-Mailed-Link';
