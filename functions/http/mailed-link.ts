import type { Context } from 'hono';
import { html } from 'hono/html';
import { useTranslations } from '../../core/t.ts';
import type { AppEnv } from './app-env.ts';
import { requestLocale } from './locale.ts';

import { MAILED_LINK_HEADER, type MailedLinkKind } from './mailed-link.schemas.ts';

export { isMailedLinkKind, MAILED_LINK_HEADER, type MailedLinkKind, mailedLinkKinds } from './mailed-link.schemas.ts';

/**
 * The `GET` (and `HEAD`) face of a mailed link that changes state (S22): mail scanners open links
 * before people do, so opening one changes nothing. It answers a page in the reader's language
 * (the link's `?lang=`, else the browser's) with one button that `POST`s the same URL, query and
 * all; the route's `POST` handler is the one that acts. The page is never cached and sends no
 * Referer (the URL carries the link's secret). This plain page is what the API answers by itself;
 * through the site, the same page is rendered in the site's layout (header, footer, language) by
 * `src/pages/[lang]/mailed-link.astro`, with the same rules.
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
  // For the site's /api mount, which renders this page in the site's layout (src/lib/mailed-link.ts).
  c.header(MAILED_LINK_HEADER, kind);
  c.header('Content-Language', locale);
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
