import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests sent by a browser from another site (S06): a foreign
 * `Origin`, or `Sec-Fetch-Site: cross-site`. Requests without either header come from
 * non-browser clients (mail providers' one-click unsubscribe, scripts), which cannot carry a
 * victim's cookies, so they pass.
 * @throws AppError `request.forbiddenOrigin` (403) for a state-changing request from another site
 */
export const originCheck = (): MiddlewareHandler => async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site') throw new AppError('request.forbiddenOrigin', 403);
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin) {
    throw new AppError('request.forbiddenOrigin', 403);
  }
  return next();
};
