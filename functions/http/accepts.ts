import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/**
 * Declares the body a route accepts, for the typed client (`hono/client`) only: it lets a page
 * call `client.api.….$post({ json })` with `json` checked against `T` (usually `z.input` of the
 * route's schema). It reads and checks nothing: the handler still reads the body with
 * `readBody` (JSON or a form) and validates it with `parseOrThrow`, which is what refuses bad
 * input (422) — so a form posted straight to the API keeps working.
 */
export const accepts = <T>() =>
  (async (_c, next) => {
    await next();
  }) as MiddlewareHandler<AppEnv, string, { in: { json: T }; out: { json: T } }>;

/**
 * Declares the query a route reads, for the typed client only (`$get({ query })`), like
 * {@link accepts}; the handler validates the query itself.
 */
export const acceptsQuery = <T extends Record<string, string | string[] | undefined>>() =>
  (async (_c, next) => {
    await next();
  }) as MiddlewareHandler<AppEnv, string, { in: { query: T }; out: { query: T } }>;
