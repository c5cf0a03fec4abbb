import { DrizzleQueryError } from 'drizzle-orm';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { defaultLocale } from '../core/locales.ts';
import { currentRequestId, noteRoute, trustedRequestId } from '../core/request-context.ts';
import { useTranslations } from '../core/t.ts';
import type { Deps } from './deps.ts';
import { devMailRoutes } from './mail/dev-mail.routes.ts';
import { adminRoutes } from './accounts/admin.routes.ts';
import { authRoutes } from './accounts/auth.routes.ts';
import { privacyRoutes } from './privacy/privacy.routes.ts';
import { passkeyRoutes } from './accounts/passkeys.routes.ts';
import { powRoutes } from './anti-bot/pow.routes.ts';
import { AppError, errorBody } from './errors.ts';
import { healthRoutes } from './health/health.routes.ts';
import { materialsAdminRoutes } from './materials/materials-admin.routes.ts';
import { materialsRoutes } from './materials/materials.routes.ts';
import { mediaRoutes } from './media/media.routes.ts';
import type { AppEnv } from './http/app-env.ts';
import { requestLocale } from './http/locale.ts';
import { logServerError } from './http/request-log.ts';
import { originCheck } from './http/origin-check.ts';
import { newsletterRoutes } from './newsletter/newsletter.routes.ts';
import { demoUploadPolicy } from './uploads/policies.ts';
import { isFileBody, uploadRoutes } from './uploads/uploads.routes.ts';
import { competitionRoutes } from './competition/competition.routes.ts';
import { entryUploadPolicy } from './competition/entry-files.service.ts';
import { lunchRoutes } from './lunches/lunches.routes.ts';
import { juryRoutes } from './jury/jury.routes.ts';
import { publicationRoutes } from './results/publication.routes.ts';
import { resultsRoutes } from './results/results.routes.ts';
import { ballotRoutes } from './results/ballots.routes.ts';
import { voteRoutes } from './votes/votes.routes.ts';

/** Largest request body the API reads; file uploads (`isFileBody`) enforce their own limits. */
const MAX_BODY_BYTES = 64 * 1024;

/** Errors from the database drivers (drizzle's wrapper, libSQL, D1), however deeply wrapped. */
function isDatabaseError(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DrizzleQueryError || e.name.startsWith('Libsql') || e.message.startsWith('D1_')) return true;
  }
  return false;
}

/** Maps any thrown value to the one error type. Database failures are retryable (503). */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseError(error)) return new AppError('server.unavailable', 503, [], 5);
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError('request.tooLarge', 413);
    if (error.status === 404) return new AppError('request.notFound', 404);
    if (error.status === 405) return new AppError('request.methodNotAllowed', 405);
    if (error.status < 500) return new AppError('validation.failed', error.status);
  }
  return new AppError('server.internal', 500);
}

/**
 * The edge API: middleware, routes and the one place that turns errors into responses.
 * Mounted at `/api` (and `/dev` locally) by Astro routes; `deps` carry every outside resource.
 */
export function createApp(deps: Deps) {
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('request.tooLarge', 413);
    },
  });
  // One chain, so that `typeof app` carries every route and the typed client (hono/client) knows
  // each path's parameters and answers.
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('deps', deps);
      // The Worker's request id (src/worker.ts: pages calling the API in process share it), else
      // cf-ray or a random one; never an id a client chose (core/request-context.ts).
      c.set('requestId', currentRequestId() ?? trustedRequestId(c.req.raw.headers));
      c.set('locale', requestLocale(c));
      let ctx: Pick<ExecutionContext, 'waitUntil'> | undefined;
      try {
        ctx = c.executionCtx;
      } catch {
        ctx = undefined; // Node without an execution context: the promise simply runs.
      }
      c.set('waitUntil', (promise) => (ctx ? ctx.waitUntil(promise) : void promise));
      await next();
      // The route pattern for the request's log line (the last matched route: the endpoint).
      noteRoute(routePath(c, -1));
      c.header('X-Request-Id', c.get('requestId'));
      // Personal and staff answers must never be stored by a browser or a proxy: no-store unless a
      // route says otherwise (films say `public`), so a new route is private by default.
      if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    })
    .use(originCheck())
    .use((c, next) => (isFileBody(c.req.method, c.req.path) ? next() : limitBody(c, next)))
    .route('/api/health', healthRoutes)
    .route('/api/pow', powRoutes)
    .route('/api/subscriptions', newsletterRoutes)
    .route('/api/auth/passkeys', passkeyRoutes)
    .route('/api/auth', authRoutes)
    .route('/api/auth', privacyRoutes)
    .route('/api/admin/materials', materialsAdminRoutes)
    .route('/api/admin', adminRoutes)
    .route('/api/materials', materialsRoutes)
    .route('/api/uploads', uploadRoutes({ test: demoUploadPolicy, entry: entryUploadPolicy }))
    .route('/api/competition', competitionRoutes)
    .route('/api/lunches', lunchRoutes)
    .route('/api/jury', juryRoutes)
    .route('/api/publication', publicationRoutes)
    .route('/api/results', resultsRoutes)
    .route('/api/ballots', ballotRoutes)
    .route('/api/votes', voteRoutes);
  // Local-only and binding-dependent routes; pages never call them, so they stay out of the type.
  if (deps.files) app.route('/media', mediaRoutes(deps.files));
  if (deps.mailbox) app.route('/dev/mail', devMailRoutes(deps.mailbox));

  app.notFound(() => {
    throw new AppError('request.notFound', 404);
  });
  app.onError((error, c) => {
    const appError = toAppError(error);
    const requestId = c.get('requestId') ?? currentRequestId() ?? crypto.randomUUID();
    // The error's kind and stack, never its message: a database error quotes personal parameters.
    if (appError.status >= 500) logServerError(requestId, error);
    const t = useTranslations(c.get('locale') ?? defaultLocale);
    const response = c.json(
      errorBody(appError, requestId, (key) => t(key)),
      appError.status,
    );
    response.headers.set('X-Request-Id', requestId);
    response.headers.set('Cache-Control', 'no-store');
    if (appError.retryAfterSeconds !== undefined)
      response.headers.set('Retry-After', String(appError.retryAfterSeconds));
    return response;
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
