import { Hono } from 'hono';
import { audit } from '../accounts/audit.ts';
import { clearCookie } from '../accounts/cookies.ts';
import { requireActor } from '../accounts/guard.ts';
import type { AppEnv } from '../http/app-env.ts';
import { erasePersonalData, exportPersonalData } from './data-rights.service.ts';

/**
 * GDPR self-service, mounted under `/api/auth` beside the session routes: all data held about me,
 * as JSON (`GET /me/export`); and erasure of my account (`POST /me/erase`). Its own domain because
 * it reaches into every other one (accounts, uploads, competition, newsletter).
 */
export const privacyRoutes = new Hono<AppEnv>()
  .get('/me/export', async (c) => {
    const deps = c.get('deps');
    const actor = await requireActor(c);
    const data = await exportPersonalData(deps, actor.userId);
    await deps.db.batch([
      audit(
        deps.db,
        { actorId: actor.userId, action: 'data.exported', objectType: 'user', objectId: actor.userId },
        deps.clock(),
      ),
    ]);
    c.header('Content-Disposition', 'attachment; filename="spotlight-my-data.json"');
    c.header('Cache-Control', 'no-store');
    return c.json(data);
  })
  .post('/me/erase', async (c) => {
    const actor = await requireActor(c);
    await erasePersonalData(c.get('deps'), actor.userId);
    clearCookie(c, 'session');
    return c.json({ status: 'erased' as const });
  });
