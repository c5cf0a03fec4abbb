import { env } from 'cloudflare:workers';
import { createApp, type App } from '../../functions/app.ts';
import { depsFromEnv, type Bindings } from '../../functions/env.ts';
import { materialsDirectory } from './materials/directory.ts';

let app: App | undefined;

/** The edge API, built once per isolate from the Worker's bindings. */
export function api(): App {
  app ??= createApp({ ...depsFromEnv(env as Bindings), materials: materialsDirectory() });
  return app;
}

/**
 * Calls the API in-process for an HTML page (its "HTML face"), passing on the visitor's cookies,
 * client address and language, with a JSON body when given.
 */
export function callApi(
  request: Request,
  context: ExecutionContext,
  path: string,
  { method = 'GET', json, locale }: { method?: 'GET' | 'POST'; json?: unknown; locale: string },
): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': locale };
  // Cookies for the session; the client address for per-client rate limits.
  for (const name of ['cookie', 'cf-connecting-ip']) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  if (json !== undefined) headers['content-type'] = 'application/json';
  return Promise.resolve(
    api().request(path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) }, {}, context),
  );
}

/** Copies the API's Set-Cookie headers onto the page's response. */
export function passCookies(from: Response, to: Headers): void {
  for (const cookie of from.headers.getSetCookie()) to.append('set-cookie', cookie);
}
