import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * Cookies are `__Host-` (Secure, Path=/, no Domain), HttpOnly and SameSite=Lax (S05).
 * `session`: the session id. `login`: binds a magic link to the browser that asked for it.
 * `webauthn`: binds a passkey ceremony (its challenge) to the browser that started it.
 * `return`: the page to come back to once the magic link is opened (a checked local path).
 */
const NAMES = {
  session: 'spotlight-session',
  login: 'spotlight-login',
  webauthn: 'spotlight-webauthn',
  return: 'spotlight-return',
} as const;
type Name = keyof typeof NAMES;

export const readCookie = (c: Context, name: Name) => getCookie(c, NAMES[name], 'host');

export const writeCookie = (c: Context, name: Name, value: string, maxAgeSeconds?: number) =>
  setCookie(c, NAMES[name], value, {
    prefix: 'host',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: maxAgeSeconds,
  });

export const clearCookie = (c: Context, name: Name) =>
  deleteCookie(c, NAMES[name], { prefix: 'host', path: '/', secure: true });
