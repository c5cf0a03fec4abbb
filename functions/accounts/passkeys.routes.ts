import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono';
import { useTranslations } from '../../core/t.ts';
import { randomToken } from '../crypto/tokens.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { authenticationInput, registrationInput } from './accounts.schemas.ts';
import { clearCookie, readCookie, writeCookie } from './cookies.ts';
import { requireActor } from './guard.ts';
import {
  CEREMONY_TTL_MS,
  finishAuthentication,
  finishRegistration,
  listPasskeys,
  relyingPartyOf,
  removePasskey,
  startAuthentication,
  startRegistration,
} from './passkeys.service.ts';
import { clientAddress } from '../http/client.ts';
import { limitOrThrow } from '../http/rate-limit.ts';

/** Passkey sign-in attempts per client address: generous for people, tight for scripts (S03). */
const PER_CLIENT = { max: 30, windowMs: 10 * 60_000 };

/** A fresh binding cookie for each ceremony, so an old one cannot pick up a new challenge. */
function bindBrowser(c: Parameters<typeof writeCookie>[0]) {
  const browser = randomToken();
  writeCookie(c, 'webauthn', browser, CEREMONY_TTL_MS / 1000);
  return browser;
}

/** Adding, listing and removing passkeys, and signing in with one. */
export const passkeyRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const actor = await requireActor(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ passkeys: await listPasskeys(c.get('deps'), actor.userId) });
  })
  .post('/registration/options', async (c) => {
    const actor = await requireActor(c);
    return c.json(await startRegistration(c.get('deps'), actor, bindBrowser(c), relyingPartyOf(c.req.url)));
  })
  .post('/registration', async (c) => {
    const actor = await requireActor(c);
    const input = parseOrThrow(registrationInput, await readBody(c));
    const deps = c.get('deps');
    const name =
      input.name ||
      useTranslations(c.get('locale'))('account.passkeys.defaultName', {
        date: deps.clock().toISOString().slice(0, 10),
      });
    const passkey = await finishRegistration(
      deps,
      actor.userId,
      readCookie(c, 'webauthn'),
      relyingPartyOf(c.req.url),
      input.response as RegistrationResponseJSON,
      name,
    );
    clearCookie(c, 'webauthn');
    return c.json(passkey, 201);
  })
  .post('/:id/delete', async (c) => {
    const actor = await requireActor(c);
    await removePasskey(c.get('deps'), actor.userId, c.req.param('id'));
    return c.json({ status: 'removed' as const });
  })
  .post('/authentication/options', async (c) => {
    const deps = c.get('deps');
    await limitOrThrow(deps.db, `passkey:ip:${clientAddress(c)}`, PER_CLIENT, deps.clock());
    return c.json(await startAuthentication(deps, bindBrowser(c), relyingPartyOf(c.req.url)));
  })
  .post('/authentication', async (c) => {
    const input = parseOrThrow(authenticationInput, await readBody(c));
    const result = await finishAuthentication(
      c.get('deps'),
      readCookie(c, 'webauthn'),
      relyingPartyOf(c.req.url),
      input.response as AuthenticationResponseJSON,
    );
    clearCookie(c, 'webauthn');
    if (!result) throw new AppError('passkey.failed', 400);
    writeCookie(c, 'session', result.sessionId);
    return c.json({ status: 'signed_in' as const, locale: result.locale });
  });
