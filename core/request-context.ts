// What one request gathers for its log line: the request id a person sees (error pages, the API's
// error bodies, X-Request-Id), the route pattern that answered, the database's time and statements,
// and the edge cache's answer. The Worker (src/worker.ts) opens one context per request; the
// API's first middleware, the database client, Astro's middleware and the edge cache add to it.
// Pages calling the API in process run inside the same context, so they share its id and their
// statements count for the page. Outside a request (Node scripts, tests without a context) every
// function here does nothing.
import { AsyncLocalStorage } from 'node:async_hooks';

/** What a request records about itself; nothing in it may name a person. */
export interface RequestContext {
  /** The id a person may quote: Cloudflare's `cf-ray` when present and well-formed, else random. */
  readonly requestId: string;
  /** The route pattern that answered (`/api/lunches/days/:id`, `/[lang]/lunches`), never the raw path. */
  route?: string;
  /** Time spent waiting for the database, in milliseconds (sum over statements and batches). */
  dbMs: number;
  /** Database round trips: one per statement, a batch counts its statements. */
  dbStatements: number;
  /** The edge cache's answer, for pages that may be kept there. */
  cache?: 'hit' | 'miss';
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Cloudflare's ray id: 16 hex digits, optionally `-` and the data centre's code (`8f3c…-VIE`). */
const CF_RAY = /^[0-9a-f]{16}(?:-[A-Z]{3,4})?$/;

/**
 * The request id for a request: `cf-ray` when it has Cloudflare's shape (the edge sets it and
 * overwrites whatever a client sent), else a random UUID. No other header is taken: an id a client
 * chooses could impersonate another request in the logs or carry text into them.
 * @param headers the incoming request's headers
 * @returns a string of 16–40 characters from `[0-9a-zA-Z-]`
 */
export function trustedRequestId(headers: Headers): string {
  const ray = headers.get('cf-ray');
  return ray && CF_RAY.test(ray) ? ray : crypto.randomUUID();
}

/** Runs `fn` with a fresh context for one request; everything it awaits sees the context. */
export function withRequestContext<T>(requestId: string, fn: (context: RequestContext) => T): T {
  const context: RequestContext = { requestId, dbMs: 0, dbStatements: 0 };
  return storage.run(context, () => fn(context));
}

/** The current request's context, or undefined outside one. */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

/** The current request's id, or undefined outside a request (prerendering, scripts). */
export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;

/**
 * Records the route pattern that answered. The first to name one wins, except Astro's API mount
 * (`/api/[...path]`), which the API's own route replaces.
 */
export function noteRoute(pattern: string): void {
  const context = storage.getStore();
  if (context && (context.route === undefined || context.route === API_MOUNT)) context.route = pattern;
}

/** Astro's catch-all route that mounts the API (src/pages/api/[...path].ts). */
export const API_MOUNT = '/api/[...path]';

/**
 * Adds database work to the current request.
 * @param ms time waited, in milliseconds
 * @param statements statements sent (a batch: its length)
 */
export function noteDb(ms: number, statements: number): void {
  const context = storage.getStore();
  if (!context) return;
  context.dbMs += ms;
  context.dbStatements += statements;
}

/** Records whether the edge cache answered the current request. */
export function noteCache(answer: 'hit' | 'miss'): void {
  const context = storage.getStore();
  if (context) context.cache = answer;
}
