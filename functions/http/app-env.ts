import type { Locale } from '../../core/locales.ts';
import type { Deps } from '../deps.ts';

/** Hono's per-request variables, set by the middleware in app.ts. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    locale: Locale;
    /** Runs work after the response (Workers' waitUntil; awaited-later in Node). */
    waitUntil: (promise: Promise<unknown>) => void;
  };
}
