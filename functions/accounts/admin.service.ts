import { and, desc, eq } from 'drizzle-orm';
import type { Locale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { localizedPath } from '../../core/urls.ts';
import { auditLog, roleAssignments, users, type Role } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { letter, sender } from '../mail/letter.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { audit } from './audit.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** Accounts with their roles, for the admin area. */
export async function listUsers(deps: ServiceDeps) {
  const [rows, held] = await Promise.all([
    deps.db
      .select({ id: users.id, email: users.email, status: users.status, createdAt: users.createdAt })
      .from(users)
      .orderBy(users.email),
    deps.db
      .select({ userId: roleAssignments.userId, role: roleAssignments.role, scope: roleAssignments.scope })
      .from(roleAssignments),
  ]);
  return rows.map((u) => ({
    ...u,
    roles: held.filter((r) => r.userId === u.id).map(({ role, scope }) => ({ role, scope })),
  }));
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

/** The newest audit entries first. */
export const readAuditLog = (deps: ServiceDeps, limit = 100) =>
  deps.db.select().from(auditLog).orderBy(desc(auditLog.at)).limit(limit);
