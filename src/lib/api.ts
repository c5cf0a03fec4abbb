import { env } from 'cloudflare:workers';
import { createApp, type App } from '../../functions/app.ts';
import { depsFromEnv, type Bindings } from '../../functions/env.ts';

let app: App | undefined;

/** The edge API, built once per isolate from the Worker's bindings. */
export function api(): App {
  app ??= createApp(depsFromEnv(env as Bindings));
  return app;
}
