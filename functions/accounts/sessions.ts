import { and, eq, gt, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/client.ts';
import { encoded, ph, preparedQuery } from '../db/prepared.ts';
import { roleAssignments, sessions, staffRoles, users, type Role } from '../db/schema/index.ts';
import type { Actor } from './permissions.ts';
import { boundedCache, cached } from '../../core/bounded-cache.ts';

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

/** How often a session's `last_seen_at` is written at most: reads within a minute of it write nothing. */
export const TOUCH_EVERY_MS = 60_000;

/** The signed-in person a session names, with the session's hash (to end it). */
export type SessionActor = Actor & { email: string; sessionHash: string };

// The session read and its activity write are built once (../db/prepared.ts): every signed-in
// request runs them, and building their SQL cost more CPU than running them.
const sessionQuery = preparedQuery<{ idHash: string; now: Date }, SessionRow[]>((db) =>
  db
    .select({
      userId: users.id,
      email: users.email,
      lastSeenAt: sessions.lastSeenAt,
      roles: sql<string>`(SELECT json_group_array(json_object('role', ${roleAssignments.role}, 'scope', ${roleAssignments.scope})) FROM ${roleAssignments} WHERE ${roleAssignments.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, ph('idHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, ph('now')),
        eq(users.status, 'active'),
      ),
    ),
);
type SessionRow = { userId: string; email: string; lastSeenAt: Date; roles: string };

const touchSession = preparedQuery<{ idHash: string; now: Date; before: Date }, unknown>((db) =>
  db
    .update(sessions)
    .set({ lastSeenAt: encoded('now', sessions.lastSeenAt) })
    .where(and(eq(sessions.idHash, ph('idHash')), lt(sessions.lastSeenAt, ph('before')))),
);

/**
 * The user of the session whose hash is the placeholder `sessionHash`, as SQL for statements built
 * with `preparedQuery` that read in the same batch as the session (their rows may be used only once
 * the session is accepted).
 */
export const sessionUserId: SQL = sql`(SELECT ${sessions.userId} FROM ${sessions} WHERE ${sessions.idHash} = ${ph('sessionHash')})`;

/**
 * SQL, true when the session whose hash is the placeholder `sessionHash` is of the user `userId`,
 * usable now (not ended, not expired at `now`, the account active) and was seen at or after `fresh`
 * (`now` − {@link TOUCH_EVERY_MS}): then its `actor` accepts it (idle for under a minute, within
 * either idle limit) and writes nothing. The guard of a write that goes in the same batch as the
 * session's read, for statements built with `preparedQuery`; stricter than `actor`, never looser.
 */
export const sessionFreshFor: SQL = sql`EXISTS (SELECT 1 FROM ${sessions} INNER JOIN ${users} ON ${users.id} = ${sessions.userId} WHERE ${sessions.idHash} = ${ph('sessionHash')} AND ${sessions.userId} = ${ph('userId')} AND ${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > ${ph('now')} AND ${users.status} = 'active' AND ${sessions.lastSeenAt} >= ${ph('fresh')})`;

/**
 * SQL, true when the roles of the user `userId` read now are exactly `roles` (the text the session
 * read gave for them, {@link SessionLookup}'s `query`: the same subquery): the guard that a
 * permission checked on an earlier read still holds, for a write in a batch of its own reads.
 */
export const rolesUnchanged: SQL = sql`(SELECT json_group_array(json_object('role', ${roleAssignments.role}, 'scope', ${roleAssignments.scope})) FROM ${roleAssignments} WHERE ${roleAssignments.userId} = ${ph('userId')}) = ${ph('roles')}`;

/**
 * A session lookup as parts of a batch, so a write endpoint reads the session together with its
 * own data in one round trip: `query` (the session, the account and its roles: one statement),
 * `userId` (the session's user as SQL, for the other reads of the same batch — their rows may be
 * used only once `actor` accepted the session), and `actor`, which checks the row read (ended,
 * idle too long, disabled: null) and records activity when due.
 */
export interface SessionLookup {
  query: ReturnType<typeof sessionQuery>;
  userId: SQL;
  /** The session id's hash: the value of `sessionHash` in statements that use {@link sessionUserId}. */
  sessionHash: string;
  actor(rows: Awaited<ReturnType<typeof sessionQuery>>): Promise<SessionActor | null>;
}

type SyncHash = (value: string) => string;
/**
 * SHA-256 as hex computed synchronously where the runtime has node:crypto (Node; also the Workers
 * runtime with nodejs_compat): Web Crypto's digest is a job on another thread plus a promise, which
 * cost about a tenth of a signed-in write request's CPU for hashing one cookie. Null elsewhere.
 */
const syncSha256: SyncHash | null = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeCrypto = proc?.getBuiltinModule?.('node:crypto') as
    | { createHash(algorithm: string): { update(value: string): { digest(encoding: 'hex'): string } } }
    | undefined;
  return nodeCrypto ? (value) => nodeCrypto.createHash('sha256').update(value).digest('hex') : null;
})();

/**
 * The stored hash of a session id (the cookie): SHA-256 hex, as `sha256Hex` computes it. Remembered
 * per isolate for about the last 1,024 cookies (a pure function of the cookie; the session itself is still
 * looked up in the database every time): hashing through nodejs_compat's Buffer cost about 5 % of a
 * signed-in write's CPU in the Workers runtime.
 */
export const sessionIdHash = (cookie: string): Promise<string> | string => {
  const hash = syncSha256;
  return hash ? cached(cookieHashes, cookie, () => hash(cookie)) : sha256Hex(cookie);
};

/** {@link sessionIdHash}'s memory: cookie → hash, about the last 1,024 per isolate. */
const cookieHashes = boundedCache<string, string>(1024);

/** The {@link SessionLookup} of a session cookie, or null when there is no usable cookie. */
export async function sessionLookup(db: Db, cookie: string | undefined, now: Date): Promise<SessionLookup | null> {
  if (!cookie || cookie.length > 100) return null;
  const idHash = await sessionIdHash(cookie);
  return {
    query: sessionQuery(db, { idHash, now }),
    userId: sql`(SELECT ${sessions.userId} FROM ${sessions} WHERE ${sessions.idHash} = ${idHash})`,
    sessionHash: idHash,
    async actor(rows) {
      const row = rows[0];
      if (!row) return null;
      const held = JSON.parse(row.roles) as { role: Role; scope: string }[];
      const limits = isStaff(held) ? SESSION_LIMITS.staff : SESSION_LIMITS.member;
      if (now.getTime() - row.lastSeenAt.getTime() > limits.idleMs) return null;
      // Record activity at most once a minute: no write at all while the recorded time is recent.
      if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await touchSession(db, { idHash, now, before: new Date(now.getTime() - TOUCH_EVERY_MS) });
      return { userId: row.userId, email: row.email, roles: held, sessionHash: idHash };
    },
  };
}

/**
 * Who acts, read in a service's own read batch: the session's `query` goes first in it, `userId`
 * stands for the user in the other reads, and `resolve` answers with the accepted actor.
 */
export interface BatchedActor {
  query: SessionLookup['query'];
  userId: SQL;
  /** The session id's hash, for statements that use {@link sessionUserId}. */
  sessionHash: string;
  /**
   * @throws AppError `auth.required` (401) when the session is unknown, ended or idle too long; AppError
   *   `auth.forbidden` (403) when the route's permission is not held
   */
  resolve(rows: Awaited<SessionLookup['query']>): Promise<Actor>;
}

/**
 * The signed-in person behind a session cookie, or null when it is unknown, ended, idle too long or
 * the account is disabled. One statement reads the session, the account and its roles (a JSON
 * subquery); the activity time is written only when it is over {@link TOUCH_EVERY_MS} old, with
 * a conditional UPDATE (so of concurrent requests at most one writes it). A request within a
 * minute of the last recorded activity, GET or POST, costs exactly one read here.
 */
export async function readSession(db: Db, cookie: string | undefined, now: Date): Promise<SessionActor | null> {
  const lookup = await sessionLookup(db, cookie, now);
  return lookup ? lookup.actor(await lookup.query) : null;
}

/** Ends one session, or every session of a user. */
export const revokeSession = (db: Db, idHash: string, now: Date) =>
  db.update(sessions).set({ revokedAt: now }).where(eq(sessions.idHash, idHash));
export const revokeAllSessions = (db: Db, userId: string, now: Date) =>
  db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
