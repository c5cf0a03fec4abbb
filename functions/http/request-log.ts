// One structured JSON line per request (Workers Logs / `wrangler tail` index JSON lines), and one
// per server error. A line names the request by its id and route pattern only: never the raw path
// (ids, tokens), the query, a header, a cookie, an address or anything a person typed.
import { type RequestContext, trustedRequestId, withRequestContext } from '../../core/request-context.ts';

/** The one log line each request leaves. Keys appear in this order. */
export interface RequestLogLine {
  type: 'request';
  requestId: string;
  /** The HTTP method, or `OTHER` for a method outside the standard ones. */
  method: string;
  /** The route pattern that answered (`/api/auth/magic-link/:token`, `/[lang]/lunches`), or null (none did). */
  route: string | null;
  status: number;
  /** From the request's arrival at the Worker to the last byte of its body, ms (0.1 ms steps). */
  ms: number;
  /** Time waiting for the database, ms (0.1 ms steps). */
  dbMs: number;
  /** Statements sent to the database (a batch counts each of its statements). */
  dbStatements: number;
  /** Present for pages the edge may keep: whether the edge cache answered. */
  cache?: 'hit' | 'miss';
}

/** The line left when a request failed on the server (5xx): no message, which may quote data. */
export interface ErrorLogLine {
  type: 'error';
  requestId: string;
  /** The error's class name and its causes' (`DrizzleQueryError < LibsqlError`). */
  error: string;
  /** The stack's frames (file:line), without the message line. */
  stack: string[];
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/** Writes a line (Workers Logs keep `console.log` output; JSON lines become searchable fields). */
export type LogWriter = (line: string) => void;

const consoleWriter: LogWriter = (line) => console.log(line);

/** The request's log line from its context. */
export function requestLogLine(method: string, status: number, ms: number, context: RequestContext): RequestLogLine {
  return {
    type: 'request',
    requestId: context.requestId,
    method: METHODS.has(method) ? method : 'OTHER',
    route: context.route ?? null,
    status,
    ms: tenths(ms),
    dbMs: tenths(context.dbMs),
    dbStatements: context.dbStatements,
    ...(context.cache ? { cache: context.cache } : {}),
  };
}

/**
 * Runs `handle` inside a fresh request context (core/request-context.ts) and writes the request's
 * one log line once the response's body has been sent (so a page's statements made while it
 * streams count too), or at once for a response without a body; status 500 when `handle` threw
 * (the error is rethrown). The response carries the request id as `X-Request-Id`.
 * @param request the incoming request (only its method and `cf-ray` are read)
 * @param handle answers the request; everything it awaits shares the context
 * @param options `write`: where the line goes (default `console.log`); `waitUntil`: keeps the
 *   Worker alive until the line is written
 */
export function observeRequest(
  request: Request,
  handle: () => Promise<Response>,
  { write = consoleWriter, waitUntil }: { write?: LogWriter; waitUntil?: (promise: Promise<unknown>) => void } = {},
): Promise<Response> {
  return withRequestContext(trustedRequestId(request.headers), async (context) => {
    const started = performance.now();
    let written = false;
    const done = (status: number) => {
      if (written) return;
      written = true;
      write(JSON.stringify(requestLogLine(request.method, status, performance.now() - started, context)));
    };
    let response: Response;
    try {
      response = await handle();
    } catch (error) {
      done(500);
      throw error;
    }
    const headers = new Headers(response.headers);
    headers.set('X-Request-Id', context.requestId);
    const init = { status: response.status, statusText: response.statusText, headers };
    if (!response.body) {
      done(response.status);
      return new Response(null, init);
    }
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const sent = response.body
      .pipeTo(writable)
      .catch(() => undefined) // the client went away: the line is still written
      .finally(() => done(response.status));
    waitUntil?.(sent);
    return new Response(readable, init);
  });
}

/**
 * The line for a server error: its class names and stack frames, never its message (a database
 * error's message quotes the statement's parameters: addresses, names).
 */
export function errorLogLine(requestId: string, error: unknown): ErrorLogLine {
  const names: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) names.push(e.name);
  const stack = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
  return {
    type: 'error',
    requestId,
    error: names.join(' < ') || typeof error,
    stack: stack.map((l) => l.trim()),
  };
}

/** Writes {@link errorLogLine} with `console.error`. */
export const logServerError = (requestId: string, error: unknown, write: LogWriter = (l) => console.error(l)) =>
  write(JSON.stringify(errorLogLine(requestId, error)));
