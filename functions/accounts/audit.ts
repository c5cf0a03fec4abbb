import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ph, preparedQuery } from '../db/prepared.ts';
import { auditLog } from '../db/schema/index.ts';

/** Actions the audit log records, declared once. */
export const auditActions = [
  'auth.login.requested',
  'auth.login.succeeded',
  'auth.login.refused',
  'auth.logout',
  'auth.passkey.succeeded',
  'auth.passkey.refused',
  'passkey.added',
  'passkey.removed',
  'auth.logout_everywhere',
  'permission.denied',
  'user.created',
  'user.disabled',
  'user.erased',
  'data.exported',
  'role.granted',
  'role.revoked',
  'competition.edition.saved',
  'competition.category.saved',
  'competition.entry.created',
  'competition.entry.submitted',
  'competition.entry.withdrawn',
  'competition.entry.fileAttached',
  'competition.entry.fileRemoved',
  'competition.entry.screened',
  'competition.extension.granted',
  'competition.extension.redeemed',
  'lunch.day.created',
  'lunch.signup.onBehalf',
  'lunch.exported',
  'lunch.pair.approved',
  'jury.juror.invited',
  'jury.juror.accepted',
  'jury.juror.profileSaved',
  'jury.conflict.declared',
  'jury.conflict.recorded',
  'jury.conflict.removed',
  'jury.conflict.withdrawn',
  'jury.recused',
  'jury.round.saved',
  'jury.round.deleted',
  'jury.assignment.run',
  'jury.assignment.adjusted',
  'jury.review.saved',
  'jury.reminder.sent',
  'results.placements.saved',
  'results.statement.saved',
  'results.locked',
  'results.unlocked',
  'results.published',
  'jury.shortlist.moved',
  'jury.shortlist.chosen',
  'jury.shortlist.removed',
  'jury.ballot.saved',
  'votes.window.saved',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * The only records a signed-in person's `GET` or `HEAD` may write: refusals and exports of
 * personal data, which the security log must keep (ASVS 5.0 V16: authorization failures and
 * access to sensitive data are logged). They record that a request was made; they change nothing
 * the portal does. Every other table, and every other action, stays as it was after a `GET` or
 * `HEAD` (functions/http/safe-methods.test.ts); without a session nothing at all is written.
 */
export const readAuditActions = [
  'permission.denied',
  'data.exported',
  'lunch.exported',
] as const satisfies readonly AuditAction[];

export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  details?: Record<string, string | number | boolean>;
}

// Built once (../db/prepared.ts): audit rows go into many write batches.
const insertAudit = preparedQuery<
  {
    id: string;
    at: Date;
    actorId: string | null;
    action: AuditAction;
    objectType: string | null;
    objectId: string | null;
    details: string;
  },
  unknown
>((db) =>
  db.insert(auditLog).values({
    id: ph('id'),
    at: ph('at'),
    actorId: ph('actorId'),
    action: ph('action'),
    objectType: ph('objectType'),
    objectId: ph('objectId'),
    details: ph('details'),
  }),
);

/** The insert for one audit entry; callers put it in the same batch as the change it records. */
export function audit(db: Db, entry: AuditEntry, at: Date) {
  return insertAudit(db, {
    id: crypto.randomUUID(),
    at,
    actorId: entry.actorId,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    details: JSON.stringify(entry.details ?? {}),
  });
}

/** Audit details as stored (a small JSON object of strings, numbers and booleans); anything else reads as `{}`. */
export function auditDetails(text: string): Record<string, string | number | boolean> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, string | number | boolean>)
      : {};
  } catch {
    return {};
  }
}

/** Order of recording among audit entries of the same millisecond (SQLite's rowid: insertion order). */
export const auditRowid = sql`"audit_log"."rowid"`;
