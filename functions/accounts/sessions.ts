import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/client.ts';
import { roleAssignments, sessions, staffRoles, users, type Role } from '../db/schema/index.ts';
import type { Actor } from './permissions.ts';

/** Staff sessions end sooner: they can see other people's data. */
export const SESSION_LIMITS = {
  staff: { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 },
  member: { idleMs: 24 * 60 * 60_000, absoluteMs: 14 * 24 * 60 * 60_000 },
} as const;

export const isStaff = (roles: readonly { role: Role }[]) => roles.some((r) => staffRoles.includes(r.role));

/** Starts a session; returns the cookie value (the id), of which only the hash is stored. */
export async function sessionInsert(db: Db, userId: string, staff: boolean, now: Date) {
  const id = randomToken();
  const limits = staff ? SESSION_LIMITS.staff : SESSION_LIMITS.member;
  const insert = db.insert(sessions).values({
    idHash: await sha256Hex(id),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + limits.absoluteMs),
  });
  return { id, insert };
}

/** The signed-in person behind a session cookie, or null when it is unknown, ended, idle too long or the account is disabled. */
export async function readSession(
  db: Db,
  cookie: string | undefined,
  now: Date,
): Promise<(Actor & { email: string; sessionHash: string }) | null> {
  if (!cookie || cookie.length > 100) return null;
  const idHash = await sha256Hex(cookie);
  const row = await db
    .select({ userId: users.id, email: users.email, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, idHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(users.status, 'active'),
      ),
    )
    .get();
  if (!row) return null;
  const held = await db
    .select({ role: roleAssignments.role, scope: roleAssignments.scope })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, row.userId));
  const limits = isStaff(held) ? SESSION_LIMITS.staff : SESSION_LIMITS.member;
  if (now.getTime() - row.lastSeenAt.getTime() > limits.idleMs) return null;
  // Record activity at most once a minute; one conditional write.
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.idHash, idHash), lt(sessions.lastSeenAt, new Date(now.getTime() - 60_000))));
  return { userId: row.userId, email: row.email, roles: held, sessionHash: idHash };
}

/** Ends one session, or every session of a user. */
export const revokeSession = (db: Db, idHash: string, now: Date) =>
  db.update(sessions).set({ revokedAt: now }).where(eq(sessions.idHash, idHash));
export const revokeAllSessions = (db: Db, userId: string, now: Date) =>
  db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
