// The jury of an edition: invitations, acceptance, the juror's profile, conflicts and recusals.
import { and, eq, isNull } from 'drizzle-orm';
import { toLocale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { audit } from '../accounts/audit.ts';
import { ensureAccount } from '../competition/entries.service.ts';
import { readEdition } from '../competition/editions.service.ts';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import {
  assignments,
  editions,
  entries,
  entryConflicts,
  jurorConflicts,
  jurors,
  roleAssignments,
  users,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { type JurorContext, conflicted, entryColumns, notFound } from './access.ts';
import type { declareConflictInput, inviteInput, profileInput, recuseInput } from './jury.schemas.ts';
import { invitationMail } from './mails.ts';
import type { z } from 'zod';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/**
 * Invites a person (by address; an account is made if there is none) to the jury of an edition,
 * and mails a link to the invitation page. Inviting again renews the link of an invitation not
 * accepted yet. Returns the juror's id.
 * @throws AppError `request.notFound` (404) when the edition does not exist
 */
export async function inviteJuror(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  input: z.infer<typeof inviteInput>,
): Promise<string> {
  const { edition } = await readEdition(deps, editionId);
  await ensureAccount(deps, input.email, input.locale);
  const person = await deps.db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(eq(users.email, input.email))
    .get();
  if (!person) throw new AppError('user.notFound', 404);
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const now = deps.clock();
  const id = crypto.randomUUID();
  const locale = toLocale(input.locale);
  const url = `${deps.config.publicOrigin}${localizedPath(locale, '/jury/invitation/')}?token=${token}`;
  const [stored] = await deps.db
    .insert(jurors)
    .values({
      id,
      editionId,
      userId: person.id,
      tokenHash,
      invitedBy: actorId,
      invitedAt: now,
      cap: input.cap,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [jurors.editionId, jurors.userId],
      set: { tokenHash, invitedBy: actorId, invitedAt: now, updatedAt: now, cap: input.cap },
      setWhere: isNull(jurors.acceptedAt),
    })
    .returning({ id: jurors.id });
  if (!stored) {
    // Already an accepted juror: nothing to renew.
    const existing = await deps.db
      .select({ id: jurors.id })
      .from(jurors)
      .where(and(eq(jurors.editionId, editionId), eq(jurors.userId, person.id)))
      .get();
    return existing?.id ?? id;
  }
  await deps.db.batch([
    audit(
      deps.db,
      {
        actorId,
        action: 'jury.juror.invited',
        objectType: 'juror',
        objectId: stored.id,
        details: { edition: editionId },
      },
      now,
    ),
    enqueueMail(deps.db, invitationMail(locale, input.email, edition.name[locale] ?? editionId, url), now),
  ]);
  return stored.id;
}

/**
 * What the invitation page shows (reading it changes nothing): the edition it is for.
 * @throws AppError `jury.invitationInvalid` (404) for an unknown or already used token
 */
export async function readInvitation(deps: Pick<Deps, 'db'>, token: string) {
  const row = await deps.db
    .select({ editionId: jurors.editionId, name: editions.name })
    .from(jurors)
    .innerJoin(editions, eq(editions.id, jurors.editionId))
    .where(and(eq(jurors.tokenHash, await sha256Hex(token)), isNull(jurors.acceptedAt)))
    .get();
  if (!row) throw new AppError('jury.invitationInvalid', 404);
  return { editionId: row.editionId, editionName: row.name };
}

/**
 * Accepts an invitation (once: the token is used up in the same statement) and gives the person
 * the role `juror` for `edition:<year>`. Returns the edition.
 * @throws AppError `jury.invitationInvalid` (404) for an unknown or already used token
 */
export async function acceptInvitation(deps: ServiceDeps, token: string): Promise<{ editionId: string }> {
  const now = deps.clock();
  const [row] = await deps.db
    .update(jurors)
    .set({ acceptedAt: now, tokenHash: null, updatedAt: now })
    .where(and(eq(jurors.tokenHash, await sha256Hex(token)), isNull(jurors.acceptedAt)))
    .returning({ id: jurors.id, userId: jurors.userId, editionId: jurors.editionId });
  if (!row) throw new AppError('jury.invitationInvalid', 404);
  await deps.db.batch([
    deps.db
      .insert(roleAssignments)
      .values({
        id: crypto.randomUUID(),
        userId: row.userId,
        role: 'juror',
        scope: `edition:${row.editionId}`,
        grantedBy: row.userId,
        createdAt: now,
      })
      .onConflictDoNothing(),
    audit(deps.db, { actorId: row.userId, action: 'jury.juror.accepted', objectType: 'juror', objectId: row.id }, now),
  ]);
  return { editionId: row.editionId };
}

/** The juror's own profile and declared conflicts. */
export function profileView(juror: JurorContext) {
  return {
    jurorId: juror.id,
    editionId: juror.editionId,
    languages: juror.languages,
    expertise: juror.expertise,
    bio: juror.bio,
    employer: juror.employer,
    declared: juror.declared,
  };
}

/** Saves the juror's languages (with levels), expertise, bio and employer; audited. */
export async function saveProfile(
  deps: ServiceDeps,
  juror: JurorContext,
  input: z.infer<typeof profileInput>,
): Promise<void> {
  const now = deps.clock();
  await deps.db.batch([
    deps.db
      .update(jurors)
      .set({
        languages: input.languages,
        expertise: input.expertise,
        bio: input.bio,
        employer: input.employer,
        updatedAt: now,
      })
      .where(eq(jurors.id, juror.id)),
    audit(
      deps.db,
      { actorId: juror.userId, action: 'jury.juror.profileSaved', objectType: 'juror', objectId: juror.id },
      now,
    ),
  ]);
}

/** Declares a conflict with a person or an outlet (matched against every entry's authors and outlet); audited. */
export async function declareConflict(
  deps: ServiceDeps,
  juror: JurorContext,
  input: z.infer<typeof declareConflictInput>,
): Promise<void> {
  const now = deps.clock();
  await deps.db.batch([
    deps.db
      .insert(jurorConflicts)
      .values({ id: crypto.randomUUID(), jurorId: juror.id, kind: input.kind, name: input.name, createdAt: now }),
    audit(
      deps.db,
      {
        actorId: juror.userId,
        action: 'jury.conflict.declared',
        objectType: 'juror',
        objectId: juror.id,
        details: { kind: input.kind },
      },
      now,
    ),
  ]);
}

/**
 * Recuses the juror from an entry they can reach, with a reason: the entry leaves their lists at
 * once, and their assignments to it go. Audited.
 * @throws AppError `request.notFound` (404) for an entry the juror cannot reach (as for a missing id)
 */
export async function recuse(
  deps: ServiceDeps,
  juror: JurorContext,
  entryId: string,
  input: z.infer<typeof recuseInput>,
): Promise<void> {
  const entry = await deps.db
    .select(entryColumns)
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .where(and(eq(assignments.jurorId, juror.id), eq(assignments.entryId, entryId), eq(entries.status, 'submitted')))
    .get();
  if (!entry || conflicted(juror, entry)) throw notFound();
  const now = deps.clock();
  await deps.db.batch([
    deps.db
      .insert(entryConflicts)
      .values({
        id: crypto.randomUUID(),
        jurorId: juror.id,
        entryId,
        source: 'recusal',
        reason: input.reason,
        createdAt: now,
      })
      .onConflictDoNothing(),
    deps.db.delete(assignments).where(and(eq(assignments.jurorId, juror.id), eq(assignments.entryId, entryId))),
    audit(deps.db, { actorId: juror.userId, action: 'jury.recused', objectType: 'entry', objectId: entryId }, now),
  ]);
}

/**
 * A manager records a conflict between a juror and an entry (e.g. one an entrant named in the
 * conflicts step); the juror's assignments to it go. Audited.
 * @throws AppError `request.notFound` (404) when the juror or the entry is not of this edition
 */
export async function recordConflict(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  input: { jurorId: string; entryId: string; reason: string },
): Promise<void> {
  const [juror, entry] = await Promise.all([
    deps.db
      .select({ id: jurors.id })
      .from(jurors)
      .where(and(eq(jurors.id, input.jurorId), eq(jurors.editionId, editionId)))
      .get(),
    deps.db
      .select({ id: entries.id })
      .from(entries)
      .where(and(eq(entries.id, input.entryId), eq(entries.editionId, editionId)))
      .get(),
  ]);
  if (!juror || !entry) throw new AppError('request.notFound', 404);
  const now = deps.clock();
  await deps.db.batch([
    deps.db
      .insert(entryConflicts)
      .values({
        id: crypto.randomUUID(),
        jurorId: input.jurorId,
        entryId: input.entryId,
        source: 'manager',
        reason: input.reason,
        createdAt: now,
      })
      .onConflictDoNothing(),
    deps.db
      .delete(assignments)
      .where(and(eq(assignments.jurorId, input.jurorId), eq(assignments.entryId, input.entryId))),
    audit(deps.db, { actorId, action: 'jury.conflict.recorded', objectType: 'entry', objectId: input.entryId }, now),
  ]);
}

/** The jurors of an edition for its managers: address, name, invitation and acceptance, languages, expertise, cap. */
export async function listJurors(deps: Pick<Deps, 'db'>, editionId: string) {
  const rows = await deps.db
    .select({
      id: jurors.id,
      email: users.email,
      name: users.displayName,
      invitedAt: jurors.invitedAt,
      acceptedAt: jurors.acceptedAt,
      languages: jurors.languages,
      expertise: jurors.expertise,
      employer: jurors.employer,
      cap: jurors.cap,
    })
    .from(jurors)
    .innerJoin(users, eq(users.id, jurors.userId))
    .where(eq(jurors.editionId, editionId))
    .orderBy(users.email);
  return rows.map((r) => ({
    ...r,
    invitedAt: r.invitedAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
  }));
}
