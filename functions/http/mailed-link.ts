import type { Context } from 'hono';
import { html } from 'hono/html';
import { useTranslations } from '../../core/t.ts';
import type { AppEnv } from './app-env.ts';
import { requestLocale } from './locale.ts';

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

/**
 * The `GET` (and `HEAD`) face of a mailed link that changes state (S22): mail scanners open links
 * before people do, so opening one changes nothing. It answers a page in the reader's language
 * (the link's `?lang=`, else the browser's) with one button that `POST`s the same URL, query and
 * all; the route's `POST` handler is the one that acts. The page is never cached and sends no
 * Referer (the URL carries the link's secret).
 */
export const mailedLinkPage = (kind: MailedLinkKind) => (c: Context<AppEnv>) => {
  const locale = requestLocale(c);
  const t = useTranslations(locale);
  const url = new URL(c.req.url);
  const action = `${url.pathname}${url.search}`;
  c.header('Cache-Control', 'no-store');
  // No Referer to other sites (the URL carries the link's secret), but an Origin for the button's POST:
  // with `no-referrer` browsers send `Origin: null`, which the cross-site checks refuse.
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Robots-Tag', 'noindex');
  return c.html(
    html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t(`mailedLink.${kind}.title`)}</title>
<link rel="stylesheet" href="/theme.css">
</head>
<body>
<main id="main">
<h1>${t(`mailedLink.${kind}.title`)}</h1>
<p>${t(`mailedLink.${kind}.body`)}</p>
<form method="post" action="${action}">
<button type="submit">${t(`mailedLink.${kind}.button`)}</button>
</form>
</main>
</body>
</html>`,
  );
};
