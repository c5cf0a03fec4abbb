import type { Context } from 'hono';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { audit } from './audit.ts';
import { readCookie } from './cookies.ts';
import { can, type Action, type Actor } from './permissions.ts';
import { type BatchedActor, readSession, sessionLookup } from './sessions.ts';

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
 * Writes the refusal to the audit log (`permission.denied`, with the action and scope) and refuses.
 * @throws AppError `auth.forbidden` (403), always
 */
async function refuse(db: Db, actor: Actor, action: Action, scope: string | undefined, now: Date): Promise<never> {
  await db.batch([
    audit(
      db,
      { actorId: actor.userId, action: 'permission.denied', details: { action, ...(scope ? { scope } : {}) } },
      now,
    ),
  ]);
  throw new AppError('auth.forbidden', 403);
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
  if (!can(actor, action, scope)) await refuse(db, actor, action, scope, clock());
  return actor;
}

/**
 * The signed-in actor of this request as a service reads it: in the service's own read batch
 * (see `BatchedActor`), checked with `permission` as {@link requirePermission} checks it (a refusal
 * is written to the audit log). `onActor` hears the accepted actor (routes count refusals with it).
 * @throws AppError `auth.required` (401) when the request carries no usable session cookie; later, from
 *   `resolve`, when the session is unknown, ended or idle too long
 * @throws AppError `auth.forbidden` (403) from `resolve`, when the actor may not do `permission.action`
 */
export async function batchedActor(
  c: Context<AppEnv>,
  permission?: { action: Action; scope?: string },
  onActor?: (actor: Actor) => void,
): Promise<BatchedActor> {
  const { db, clock } = c.get('deps');
  const lookup = await sessionLookup(db, readCookie(c, 'session'), clock());
  if (!lookup) throw new AppError('auth.required', 401);
  return {
    query: lookup.query,
    userId: lookup.userId,
    sessionHash: lookup.sessionHash,
    async resolve(rows) {
      const actor = await lookup.actor(rows);
      if (!actor) throw new AppError('auth.required', 401);
      if (permission && !can(actor, permission.action, permission.scope))
        await refuse(db, actor, permission.action, permission.scope, clock());
      onActor?.(actor);
      return actor;
    },
  };
}
