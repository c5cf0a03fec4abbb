import type { Context } from 'hono';
import { returnPath } from './accounts.schemas.ts';
import { LOGIN_TTL_MS } from './auth.service.ts';
import { clearCookie, readCookie, writeCookie } from './cookies.ts';

/**
 * Remembers, in this browser, the page to come back to when its magic link is opened (as long
 * as the link lives). A missing or unusable path forgets any earlier one.
 */
export function rememberReturn(c: Context, path: string | undefined): void {
  if (path) writeCookie(c, 'return', path, LOGIN_TTL_MS / 1000);
  else clearCookie(c, 'return');
}

/** The remembered page (checked again: cookies come from the browser), forgetting it. */
export function takeReturn(c: Context): string | undefined {
  const stored = readCookie(c, 'return');
  if (stored === undefined) return undefined;
  clearCookie(c, 'return');
  return returnPath.parse(stored);
}
