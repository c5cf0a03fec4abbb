import { and, desc, eq, exists, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Locale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { localizedPath } from '../../core/urls.ts';
import { auditLog, roleAssignments, users, type Role } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { contains, pageInfo } from '../http/paging.ts';
import { letter, sender } from '../mail/letter.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import type { UsersFilter } from './admin.schemas.ts';
import { audit, auditDetails, auditRowid } from './audit.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/**
 * One page of accounts with their roles, for the admin area, by address: `{ users, page }`.
 * `q` matches inside the address (stored lower-cased, so the search ignores ASCII case); `role`
 * keeps accounts holding that role in any scope; `page` is `{ page, size, total, pages }`.
 */
export async function listUsers(deps: ServiceDeps, filter: UsersFilter) {
  const where: SQL[] = [];
  if (filter.q) where.push(contains(filter.q.toLowerCase(), [users.email]));
  if (filter.role) {
    where.push(
      exists(
        deps.db
          .select({ one: sql`1` })
          .from(roleAssignments)
          .where(and(eq(roleAssignments.userId, users.id), eq(roleAssignments.role, filter.role))),
      ),
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const counted = await deps.db.select({ n: sql<number>`count(*)` }).from(users).where(condition).get();
  const { offset, ...page } = pageInfo(counted?.n ?? 0, filter);
  const rows = await deps.db
    .select({ id: users.id, email: users.email, status: users.status, createdAt: users.createdAt })
    .from(users)
    .where(condition)
    .orderBy(users.email)
    .limit(page.size)
    .offset(offset);
  const held = rows.length
    ? await deps.db
        .select({ userId: roleAssignments.userId, role: roleAssignments.role, scope: roleAssignments.scope })
        .from(roleAssignments)
        .where(
          inArray(
            roleAssignments.userId,
            rows.map((u) => u.id),
          ),
        )
        .orderBy(roleAssignments.role, roleAssignments.scope)
    : [];
  return {
    users: rows.map((u) => ({
      ...u,
      roles: held.filter((r) => r.userId === u.id).map(({ role, scope }) => ({ role, scope })),
    })),
    page,
  };
}

/**
 * One account for its page in the admin area: address, status, mail language, roles, and what
 * the audit log records about it (newest first, at most `limit`), with the actor's address.
 * @throws AppError `user.notFound` (404) when no account has this id
 */
export async function readUser(deps: ServiceDeps, userId: string, limit = 100) {
  const user = await deps.db
    .select({
      id: users.id,
      email: users.email,
      status: users.status,
      locale: users.locale,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) throw new AppError('user.notFound', 404);
  const actor = alias(users, 'actor');
  const [roles, history] = await Promise.all([
    deps.db
      .select({ role: roleAssignments.role, scope: roleAssignments.scope, createdAt: roleAssignments.createdAt })
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, userId))
      .orderBy(roleAssignments.role, roleAssignments.scope),
    deps.db
      .select({ at: auditLog.at, action: auditLog.action, actorEmail: actor.email, details: auditLog.details })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorId))
      .where(and(eq(auditLog.objectType, 'user'), eq(auditLog.objectId, userId)))
      .orderBy(desc(auditLog.at), desc(auditRowid))
      .limit(limit),
  ]);
  return { user, roles, history: history.map((h) => ({ ...h, details: auditDetails(h.details) })) };
}

/**
 * Creates an account (or reactivates nothing: an existing address is left as it is) with an
 * optional first role, and mails the person how to sign in — one batch.
 */
export async function inviteUser(
  deps: ServiceDeps,
  actorId: string,
  input: { email: string; locale: Locale; role: Role | ''; scope: string },
): Promise<string> {
  const { db } = deps;
  const now = deps.clock();
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
  const id = existing?.id ?? crypto.randomUUID();
  const t = useTranslations(input.locale);
  // The invitation says who invited the person (the inviter's sign-in address) and why (the role).
  const inviter = await db.select({ email: users.email }).from(users).where(eq(users.id, actorId)).get();
  await db.batch([
    db
      .insert(users)
      .values({ id, email: input.email, locale: input.locale, status: 'active', createdAt: now, updatedAt: now })
      .onConflictDoNothing(),
    ...(input.role ? [grantQuery(deps, actorId, id, input.role, input.scope, now)] : []),
    ...(existing
      ? []
      : [
          enqueueMail(
            db,
            {
              recipient: input.email,
              subject: t('mail.invite.subject', sender(input.locale)),
              bodyText: letter(input.locale, [
                t('mail.invite.body', {
                  ...sender(input.locale),
                  inviter: inviter?.email ?? sender(input.locale).organisation,
                }),
                input.role && t('mail.invite.why', { role: t(`account.role.${input.role}`) }),
                t('mail.invite.next', {
                  signInUrl: `${deps.config.publicOrigin}${localizedPath(input.locale, '/account/sign-in/')}`,
                }),
              ]),
              kind: 'account.invite',
            },
            now,
          ),
          audit(db, { actorId, action: 'user.created', objectType: 'user', objectId: id }, now),
        ]),
    ...(input.role
      ? [
          audit(
            db,
            {
              actorId,
              action: 'role.granted',
              objectType: 'user',
              objectId: id,
              details: { role: input.role, scope: input.scope },
            },
            now,
          ),
        ]
      : []),
  ]);
  return id;
}

const grantQuery = (deps: ServiceDeps, actorId: string, userId: string, role: Role, scope: string, now: Date) =>
  deps.db
    .insert(roleAssignments)
    .values({ id: crypto.randomUUID(), userId, role, scope, grantedBy: actorId, createdAt: now })
    .onConflictDoNothing();

/**
 * Throws 404 for an id that names no account.
 * @throws AppError `user.notFound` (404) when no account has this id
 */
export async function requireUser(deps: ServiceDeps, userId: string) {
  const user = await deps.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new AppError('user.notFound', 404);
}

/**
 * Gives an account a role (in a scope), with its audit entry; granting a held role changes nothing.
 * @throws AppError `user.notFound` (404) when no account has this id
 */
export async function grantRole(
  deps: ServiceDeps,
  actorId: string,
  userId: string,
  role: Role,
  scope: string,
): Promise<void> {
  await requireUser(deps, userId);
  const now = deps.clock();
  await deps.db.batch([
    grantQuery(deps, actorId, userId, role, scope, now),
    audit(
      deps.db,
      { actorId, action: 'role.granted', objectType: 'user', objectId: userId, details: { role, scope } },
      now,
    ),
  ]);
}

/**
 * Takes a role (in a scope) from an account, with its audit entry.
 * @throws AppError `user.notFound` (404) when no account has this id
 */
export async function revokeRole(
  deps: ServiceDeps,
  actorId: string,
  userId: string,
  role: Role,
  scope: string,
): Promise<void> {
  await requireUser(deps, userId);
  const now = deps.clock();
  await deps.db.batch([
    deps.db
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, role), eq(roleAssignments.scope, scope))),
    audit(
      deps.db,
      { actorId, action: 'role.revoked', objectType: 'user', objectId: userId, details: { role, scope } },
      now,
    ),
  ]);
}

/**
 * The newest audit entries first, at most `limit`, each with the actor's address and, for an
 * entry about an account, that account's address (null where there is none).
 */
export function readAuditLog(deps: ServiceDeps, limit = 100) {
  const actor = alias(users, 'actor');
  const object = alias(users, 'object');
  return deps.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      details: auditLog.details,
      actorEmail: actor.email,
      objectEmail: object.email,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(object, and(eq(auditLog.objectType, 'user'), eq(object.id, auditLog.objectId)))
    .orderBy(desc(auditLog.at), desc(auditRowid))
    .limit(limit);
}
