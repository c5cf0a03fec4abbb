import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { audit } from './audit.ts';
import { readCookie } from './cookies.ts';
import { can, type Action, type Actor } from './permissions.ts';
import { readSession } from './sessions.ts';

/** The signed-in person of this request, or null. */
export async function currentActor(c: Context<AppEnv>) {
  const { db, clock } = c.get('deps');
  return readSession(db, readCookie(c, 'session'), clock());
}

/**
 * The signed-in person, or 401.
 * @throws AppError `auth.required` (401) when nobody is signed in (no valid session cookie)
 */
export async function requireActor(c: Context<AppEnv>) {
  const actor = await currentActor(c);
  if (!actor) throw new AppError('auth.required', 401);
  return actor;
}

/**
 * The signed-in actor, allowed to do `action` (on an object in `scope`), or an error: 401 when
 * nobody is signed in, 403 otherwise. Every refusal is written to the audit log.
 * @throws AppError `auth.required` (401) when nobody is signed in
 * @throws AppError `auth.forbidden` (403) when the actor may not do `action` (in `scope`); written to the audit
 *   log first
 */
export async function requirePermission(c: Context<AppEnv>, action: Action, scope?: string): Promise<Actor> {
  const { db, clock } = c.get('deps');
  const actor = await requireActor(c);
  if (!can(actor, action, scope)) {
    await db.batch([
      audit(
        db,
        { actorId: actor.userId, action: 'permission.denied', details: { action, ...(scope ? { scope } : {}) } },
        clock(),
      ),
    ]);
    throw new AppError('auth.forbidden', 403);
  }
  return actor;
}
