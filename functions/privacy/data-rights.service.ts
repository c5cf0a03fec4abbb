import { eq, inArray, or } from 'drizzle-orm';
import { sha256Hex } from '../crypto/tokens.ts';
import {
  auditLog,
  entries,
  entryFiles,
  extensions,
  loginTokens,
  outbox,
  passkeys,
  roleAssignments,
  sessions,
  subscriptions,
  users,
  webauthnChallenges,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { eraseUploadsOf, uploadsOf } from '../uploads/uploads.service.ts';
import { audit } from '../accounts/audit.ts';
import { juryDataOf, juryErasure, outcomesOf } from './jury-data.ts';
import { eraseVotesOfAddress, votesOfAddress } from '../votes/voter-data.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'> & { files?: Deps['files'] };

/**
 * Everything the portal holds about one person (GDPR art. 15/20): the account, roles, sessions
 * (without their secrets), passkeys (names and dates, not keys), the newsletter subscription and
 * mails to the address, uploads (not their bytes), competition entries and extensions (without the
 * code) with their places and feedback mails, the jury's and results' records (`juryDataOf`),
 * people's-choice votes cast with the account's address, and the audit entries that name them.
 * New tables that hold personal data must be added
 * here and in `erase`.
 */
export async function exportPersonalData(deps: ServiceDeps, userId: string) {
  const { db } = deps;
  const user = await db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const [
    roles,
    userSessions,
    userPasskeys,
    subscription,
    mails,
    auditEntries,
    userUploads,
    competitionEntries,
    competitionExtensions,
    juryAndResults,
    peoplesChoice,
  ] = await Promise.all([
    db
      .select({ role: roleAssignments.role, scope: roleAssignments.scope, createdAt: roleAssignments.createdAt })
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, userId)),
    db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db
      .select({
        name: passkeys.name,
        backedUp: passkeys.backedUp,
        createdAt: passkeys.createdAt,
        lastUsedAt: passkeys.lastUsedAt,
      })
      .from(passkeys)
      .where(eq(passkeys.userId, userId)),
    db
      .select({
        email: subscriptions.email,
        locale: subscriptions.locale,
        status: subscriptions.status,
        createdAt: subscriptions.createdAt,
        confirmedAt: subscriptions.confirmedAt,
      })
      .from(subscriptions)
      .where(eq(subscriptions.email, user.email)),
    db
      .select({ subject: outbox.subject, kind: outbox.kind, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
      .from(outbox)
      .where(eq(outbox.recipient, user.email)),
    db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        objectType: auditLog.objectType,
        objectId: auditLog.objectId,
        actorId: auditLog.actorId,
      })
      .from(auditLog)
      .where(or(eq(auditLog.actorId, userId), eq(auditLog.objectId, userId))),
    uploadsOf(db, userId),
    db.select().from(entries).where(eq(entries.entrantId, userId)),
    db
      .select({
        editionId: extensions.editionId,
        until: extensions.until,
        redeemedAt: extensions.redeemedAt,
        createdAt: extensions.createdAt,
      })
      .from(extensions)
      .where(eq(extensions.entrantId, userId)),
    juryDataOf(db, userId),
    votesOfAddress(db, deps.config, user.email),
  ]);
  const outcomes = await outcomesOf(
    db,
    competitionEntries.map((e) => e.id),
  );
  return {
    exportedAt: deps.clock().toISOString(),
    account: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale,
      status: user.status,
      createdAt: user.createdAt,
    },
    roles,
    sessions: userSessions,
    passkeys: userPasskeys,
    newsletter: subscription,
    mails,
    auditLog: auditEntries,
    uploads: userUploads,
    competition: {
      entries: competitionEntries.map(({ entrantId: _, seq: __, ...entry }) => entry),
      extensions: competitionExtensions,
      ...outcomes,
    },
    ...juryAndResults,
    peoplesChoice,
  };
}

/**
 * Deletes an account and every record of the person (art. 17) in one batch; audit entries stay
 * for accountability but name a pseudonym instead of the person. Uploaded files are deleted
 * from R2 first. Jury data: a juror of an edition whose results are published is pseudonymised
 * (scores kept, detached from the person), otherwise removed — see `juryErasure` for the rule.
 */
export async function erasePersonalData(deps: ServiceDeps, userId: string): Promise<boolean> {
  const { db } = deps;
  const user = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
  if (!user) return false;
  const now = deps.clock();
  const pseudonym = `erased:${(await sha256Hex(`${userId}:${now.getTime()}`)).slice(0, 16)}`;
  const [deleteParts, deleteUploads] = await eraseUploadsOf(db, deps.files, userId);
  const jury = await juryErasure(db, userId, pseudonym, now);
  const [deleteVotes, deleteVoteLinks] = await eraseVotesOfAddress(db, deps.config, user.email);
  await db.batch([
    db.update(auditLog).set({ actorId: pseudonym }).where(eq(auditLog.actorId, userId)),
    db.update(auditLog).set({ objectId: pseudonym }).where(eq(auditLog.objectId, userId)),
    // Before the user row goes (it cascades to juror rows): the kept ones point at the tombstone.
    ...jury.statements,
    db.delete(subscriptions).where(eq(subscriptions.email, user.email)),
    db.delete(outbox).where(eq(outbox.recipient, user.email)),
    db.delete(loginTokens).where(eq(loginTokens.userId, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(passkeys).where(eq(passkeys.userId, userId)),
    db.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, userId)),
    db.delete(roleAssignments).where(eq(roleAssignments.userId, userId)),
    deleteParts,
    deleteUploads,
    db
      .delete(entryFiles)
      .where(
        inArray(entryFiles.entryId, db.select({ id: entries.id }).from(entries).where(eq(entries.entrantId, userId))),
      ),
    db.delete(entries).where(eq(entries.entrantId, userId)),
    db.delete(extensions).where(eq(extensions.entrantId, userId)),
    deleteVotes,
    deleteVoteLinks,
    db.delete(users).where(eq(users.id, userId)),
    audit(
      db,
      {
        actorId: pseudonym,
        action: 'user.erased',
        objectType: 'user',
        objectId: pseudonym,
        details: { jurorsPseudonymised: jury.kept, jurorsRemoved: jury.removed },
      },
      now,
    ),
    // Managers of an edition that lost a juror before its results: re-run the assignment.
    ...jury.editionsLosingJurors.map((editionId) =>
      audit(
        db,
        {
          actorId: pseudonym,
          action: 'user.erased',
          objectType: 'edition',
          objectId: editionId,
          details: { jurorRemoved: true },
        },
        now,
      ),
    ),
  ]);
  return true;
}
