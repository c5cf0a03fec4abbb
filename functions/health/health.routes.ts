import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';

/** Liveness for monitors and deploy checks: the version and whether the database answers. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, config } = c.get('deps');
  const database = await db
    .get(sql`SELECT 1 AS ok`)
    .then(() => 'ok' as const)
    .catch(() => 'unreachable' as const);
  c.header('Cache-Control', 'no-store');
  return c.json(
    { status: database === 'ok' ? 'ok' : 'degraded', version: config.version, database },
    database === 'ok' ? 200 : 503,
  );
});
