import { Hono } from 'hono';
import type { z } from 'zod';
import { mailedLinkPage } from '../http/mailed-link.ts';
import { accepts } from '../http/accepts.ts';
import { AppError } from '../errors.ts';
import { isLocale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import type { AppEnv } from '../http/app-env.ts';
import { limitOrThrow } from '../http/rate-limit.ts';
import { requireHuman } from '../anti-bot/human-check.ts';
import { clientAddress } from '../http/client.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { requestLocale } from '../http/locale.ts';
import { deliverDueMail } from '../mail/outbox.service.ts';
import { confirmQuery, subscribeInput, unsubscribeQuery } from './newsletter.schemas.ts';
import { confirm, subscribe, unsubscribe } from './newsletter.service.ts';

/** Sign-ups one client address may make (S03); the address itself is throttled by the service. */
const SIGN_UPS_PER_CLIENT = { max: 20, windowMs: 10 * 60_000 };

/** "Stay informed": double opt-in sign-up, confirmation link, one-click unsubscribe. */
export const newsletterRoutes = new Hono<AppEnv>()
  .post('/', accepts<z.input<typeof subscribeInput> & { altcha?: string }>(), async (c) => {
    const body = await readBody(c);
    // Errors come back in the language of the form, whatever the browser prefers.
    if (isLocale(body.lang)) c.set('locale', body.lang);
    const input = parseOrThrow(subscribeInput, { ...body, lang: body.lang ?? c.get('locale') });
    const deps = c.get('deps');
    await limitOrThrow(deps.db, `subscribe:ip:${clientAddress(c)}`, SIGN_UPS_PER_CLIENT, deps.clock());
    await requireHuman(c, body.altcha, 'subscribe');
    await subscribe(deps, input);
    // Send now rather than at the next cron tick; the cron retries whatever fails.
    c.get('waitUntil')(deliverDueMail(deps).catch(() => undefined));
    return c.json({ status: 'pending' as const }, 202);
  })
  .get('/confirm', mailedLinkPage('newsletterConfirm'))
  .post('/confirm', async (c) => {
    const parsed = confirmQuery.safeParse(c.req.query());
    const result = parsed.success ? await confirm(c.get('deps'), parsed.data.token) : null;
    const locale = result?.locale ?? requestLocale(c);
    return c.redirect(
      localizedPath(locale, result ? '/stay-informed/confirmed/' : '/stay-informed/link-invalid/'),
      303,
    );
  })
  .get('/unsubscribe', mailedLinkPage('unsubscribe'))
  // The page's button, and RFC 8058 one-click unsubscribe: mail providers POST
  // `List-Unsubscribe=One-Click` here without cookies or Origin, and get a JSON answer.
  .post('/unsubscribe', async (c) => {
    const body = await readBody(c).catch(() => ({}) as Record<string, unknown>);
    const parsed = unsubscribeQuery.safeParse(c.req.query());
    const result = parsed.success ? await unsubscribe(c.get('deps'), parsed.data.id, parsed.data.sig) : { ok: false };
    if (body['List-Unsubscribe'] === 'One-Click') {
      if (!result.ok) throw new AppError('request.notFound', 404);
      return c.json({ status: 'unsubscribed' as const }, 200);
    }
    const locale = result.locale ?? requestLocale(c);
    return c.redirect(
      localizedPath(locale, result.ok ? '/stay-informed/unsubscribed/' : '/stay-informed/link-invalid/'),
      303,
    );
  });
