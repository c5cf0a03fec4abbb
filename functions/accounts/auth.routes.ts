import { Hono } from 'hono';
import type { z } from 'zod';
import { mailedLinkPage } from '../http/mailed-link.ts';
import { accepts } from '../http/accepts.ts';
import { allowedActions } from './permissions.ts';
import { rememberReturn, takeReturn } from './return-path.ts';
import { isLocale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { randomToken } from '../crypto/tokens.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { deliverSoon } from '../mail/outbox.service.ts';
import { callbackQuery, loginInput } from './accounts.schemas.ts';
import { audit } from './audit.ts';
import { completeLogin, LOGIN_TTL_MS, requestLogin } from './auth.service.ts';
import { clearCookie, readCookie, writeCookie } from './cookies.ts';
import { requireHuman } from '../anti-bot/human-check.ts';
import { clientAddress } from '../http/client.ts';
import { hit } from '../http/rate-limit.ts';
import { currentActor, requireActor } from './guard.ts';
import { revokeAllSessions, revokeSession } from './sessions.ts';

/** Sign-in limits: per address and per client address (S03). */
const PER_EMAIL = { max: 5, windowMs: 15 * 60_000 };
const PER_CLIENT = { max: 30, windowMs: 10 * 60_000 };

/** Magic-link sign-in, sessions and sign-out. */
export const authRoutes = new Hono<AppEnv>()
  .post('/login', accepts<z.input<typeof loginInput> & { altcha?: string }>(), async (c) => {
    const body = await readBody(c);
    if (isLocale(body.lang)) c.set('locale', body.lang);
    const input = parseOrThrow(loginInput, { ...body, lang: body.lang ?? c.get('locale') });
    const deps = c.get('deps');
    const now = deps.clock();
    const [byClient, byEmail] = await Promise.all([
      hit(deps.db, `login:ip:${clientAddress(c)}`, PER_CLIENT, now),
      hit(deps.db, `login:email:${input.email}`, PER_EMAIL, now),
    ]);
    if (!byClient.allowed || !byEmail.allowed)
      throw new AppError('request.rateLimited', 429, [], PER_EMAIL.windowMs / 1000);
    await requireHuman(c, body.altcha, 'login');
    const browser = readCookie(c, 'login') ?? randomToken();
    writeCookie(c, 'login', browser, LOGIN_TTL_MS / 1000);
    // Without a page to come back to, the account page in the language the person signed in from.
    rememberReturn(c, input.returnTo ?? (isLocale(body.lang) ? localizedPath(body.lang, '/account/') : undefined));
    // The page's form names its language; a bare API call names none (the account's saved one then).
    const stated = isLocale(body.lang) ? body.lang : undefined;
    await requestLogin(deps, input.email, stated, browser);
    // Coalesced (deliverSoon): when this resolves, this request's mail is sent, even if a delivery
    // kicked by a concurrent request had claimed it first.
    c.get('waitUntil')(deliverSoon(deps));
    return c.json({ status: 'sent' as const }, 202);
  })
  // The magic link opens a page with one button; only its POST signs in (S22: a mail scanner's
  // GET or HEAD never consumes the link). The POST still needs this browser's `login` cookie (S01).
  .get('/callback', mailedLinkPage('signIn'))
  .post('/callback', async (c) => {
    const parsed = callbackQuery.safeParse(c.req.query());
    const result = parsed.success
      ? await completeLogin(c.get('deps'), parsed.data.token, readCookie(c, 'login'))
      : null;
    if (!result) return c.redirect(localizedPath(c.get('locale'), '/account/link-invalid/'), 303);
    clearCookie(c, 'login');
    writeCookie(c, 'session', result.sessionId);
    return c.redirect(takeReturn(c) ?? localizedPath(result.locale, '/account/'), 303);
  })
  .get('/me', async (c) => {
    const actor = await requireActor(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ email: actor.email, roles: actor.roles, may: allowedActions(actor) });
  })
  // The header's island asks who is signed in on every page, so nobody is an answer here, not a
  // 401 (which browsers log as an error on every page a visitor opens). The same data as /me.
  .get('/session', async (c) => {
    const actor = await currentActor(c);
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Cookie');
    return c.json({
      person: actor ? { email: actor.email, roles: actor.roles, may: allowedActions(actor) } : null,
    });
  })
  .post('/logout', async (c) => {
    const { db, clock } = c.get('deps');
    const actor = await currentActor(c);
    if (actor)
      await db.batch([
        revokeSession(db, actor.sessionHash, clock()),
        audit(db, { actorId: actor.userId, action: 'auth.logout' }, clock()),
      ]);
    clearCookie(c, 'session');
    return c.json({ status: 'signed_out' as const });
  })
  .post('/logout-everywhere', async (c) => {
    const { db, clock } = c.get('deps');
    const actor = await requireActor(c);
    await db.batch([
      revokeAllSessions(db, actor.userId, clock()),
      audit(db, { actorId: actor.userId, action: 'auth.logout_everywhere' }, clock()),
    ]);
    clearCookie(c, 'session');
    return c.json({ status: 'signed_out' as const });
  });
