// The jury of an edition: invitations, acceptance, the juror's profile, conflicts and recusals.
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { toLocale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { audit } from '../accounts/audit.ts';
import { ensureAccount } from '../competition/entries.service.ts';
import { readEdition } from '../competition/editions.service.ts';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import {
  assignments,
  categories,
  editions,
  entries,
  entryConflicts,
  jurorConflicts,
  jurors,
  passkeys,
  roleAssignments,
  rounds,
  users,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { type JurorContext, conflictJurors, conflicted, entryColumns, notFound } from './access.ts';
import {
  DECLARED_MAX,
  type declareConflictInput,
  type inviteInput,
  type profileInput,
  type recuseInput,
} from './jury.schemas.ts';
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
 * What the invitation page shows (reading it changes nothing): the edition it is for, and whether
 * it was accepted already (a second click, or a link opened again, says so instead of "invalid").
 * @throws AppError `jury.invitationInvalid` (404) for an unknown token
 */
export async function readInvitation(deps: Pick<Deps, 'db'>, token: string) {
  const row = await deps.db
    .select({ editionId: jurors.editionId, name: editions.name, acceptedAt: jurors.acceptedAt })
    .from(jurors)
    .innerJoin(editions, eq(editions.id, jurors.editionId))
    .where(eq(jurors.tokenHash, await sha256Hex(token)))
    .get();
  if (!row) throw new AppError('jury.invitationInvalid', 404);
  return { editionId: row.editionId, editionName: row.name, accepted: row.acceptedAt !== null };
}

/**
 * Accepts an invitation and gives the person the role `juror` for `edition:<year>`, in one batch
 * (the acceptance, the role and the audit row land together or not at all). Accepting again is
 * answered with `already: true` and changes nothing, like every one-time link of the portal: the
 * second click of a double click, or the link opened a day later, is not an error.
 * @throws AppError `jury.invitationInvalid` (404) for an unknown token
 */
export async function acceptInvitation(
  deps: ServiceDeps,
  token: string,
): Promise<{ editionId: string; already: boolean }> {
  const now = deps.clock();
  const row = await deps.db
    .select({ id: jurors.id, userId: jurors.userId, editionId: jurors.editionId, acceptedAt: jurors.acceptedAt })
    .from(jurors)
    .where(eq(jurors.tokenHash, await sha256Hex(token)))
    .get();
  if (!row) throw new AppError('jury.invitationInvalid', 404);
  if (row.acceptedAt) return { editionId: row.editionId, already: true };
  await deps.db.batch([
    deps.db
      .update(jurors)
      .set({ acceptedAt: now, updatedAt: now })
      .where(and(eq(jurors.id, row.id), isNull(jurors.acceptedAt))),
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
  return { editionId: row.editionId, already: false };
}

/**
 * What the profile form of an edition offers: the languages its categories accept (ISO 639-1
 * codes, sorted) and its categories (`id`, names by locale), in the categories' order.
 */
export async function profileChoices(deps: Pick<Deps, 'db'>, editionId: string) {
  const rows = await deps.db
    .select({ id: categories.id, name: categories.name, languages: categories.languages })
    .from(categories)
    .where(eq(categories.editionId, editionId))
    .orderBy(asc(categories.position), asc(categories.slug));
  return {
    languages: [...new Set(rows.flatMap((r) => r.languages))].sort(),
    categories: rows.map((r) => ({ id: r.id, name: r.name })),
  };
}

/** The conflicts a juror declared up front (people and outlets), oldest first, with their ids. */
export async function declaredConflicts(deps: Pick<Deps, 'db'>, jurorId: string) {
  return (
    deps.db
      .select({ id: jurorConflicts.id, kind: jurorConflicts.kind, name: jurorConflicts.name })
      .from(jurorConflicts)
      .where(eq(jurorConflicts.jurorId, jurorId))
      // Same-millisecond declarations in the order made (rowid).
      .orderBy(asc(jurorConflicts.createdAt), sql`"jury_declared_conflicts"."rowid"`)
  );
}

/** The juror's own profile (languages with levels, expertise ids, bio, employer) and declared conflicts. */
export async function profileView(deps: Pick<Deps, 'db'>, juror: JurorContext) {
  return {
    jurorId: juror.id,
    editionId: juror.editionId,
    languages: juror.languages,
    expertise: juror.expertise,
    bio: juror.bio,
    employer: juror.employer,
    declared: await declaredConflicts(deps, juror.id),
  };
}

/**
 * Whether the jury pages should ask the juror to add a passkey: the person has none and has not
 * set the prompt aside for this edition.
 */
export async function passkeyPromptDue(deps: Pick<Deps, 'db'>, juror: JurorContext): Promise<boolean> {
  const [keys, row] = await Promise.all([
    deps.db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, juror.userId)).get(),
    deps.db.select({ dismissed: jurors.passkeyPromptDismissedAt }).from(jurors).where(eq(jurors.id, juror.id)).get(),
  ]);
  return (keys?.n ?? 0) === 0 && !row?.dismissed;
}

/** Sets the passkey prompt aside for this juror (the pages stop asking; the account page still offers it). */
export async function dismissPasskeyPrompt(deps: ServiceDeps, juror: JurorContext): Promise<void> {
  const now = deps.clock();
  await deps.db
    .update(jurors)
    .set({ passkeyPromptDismissedAt: now, updatedAt: now })
    .where(and(eq(jurors.id, juror.id), isNull(jurors.passkeyPromptDismissedAt)));
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

/**
 * Declares a conflict with a person or an outlet (matched against every entry's authors and outlet); audited.
 * @throws AppError `jury.tooMany` (422, field `name`) when the juror already declared `DECLARED_MAX`
 */
export async function declareConflict(
  deps: ServiceDeps,
  juror: JurorContext,
  input: z.infer<typeof declareConflictInput>,
): Promise<void> {
  const held = await deps.db
    .select({ n: count() })
    .from(jurorConflicts)
    .where(eq(jurorConflicts.jurorId, juror.id))
    .get();
  if ((held?.n ?? 0) >= DECLARED_MAX)
    throw new AppError('validation.failed', 422, [{ field: 'name', code: 'jury.tooMany' }]);
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
 * Withdraws one of the juror's declared conflicts (the juror's own only); audited.
 * @throws AppError `jury.conflictNotFound` (404) for an id that is not one of this juror's declared
 *   conflicts (another juror's, an unknown one, one withdrawn already): nothing changes
 */
export async function withdrawDeclared(deps: ServiceDeps, juror: JurorContext, conflictId: string): Promise<void> {
  const now = deps.clock();
  const [gone] = await deps.db
    .delete(jurorConflicts)
    .where(and(eq(jurorConflicts.id, conflictId), eq(jurorConflicts.jurorId, juror.id)))
    .returning({ kind: jurorConflicts.kind });
  if (!gone) throw new AppError('jury.conflictNotFound', 404);
  await audit(
    deps.db,
    {
      actorId: juror.userId,
      action: 'jury.conflict.withdrawn',
      objectType: 'juror',
      objectId: juror.id,
      details: { kind: gone.kind },
    },
    now,
  );
}

/**
 * The statement that takes a juror off an entry once a conflict is known: their assignments to it
 * in rounds still open or to come go; a closed round's assignments stay, because they are the
 * record of what that round asked of its jurors (progress and results of a closed round do not
 * change after the fact). Reviews are separate rows and are never touched here.
 */
function withdrawAssignments(deps: ServiceDeps, jurorId: string, entryId: string, now: Date) {
  return deps.db
    .delete(assignments)
    .where(
      and(
        eq(assignments.jurorId, jurorId),
        eq(assignments.entryId, entryId),
        inArray(assignments.roundId, deps.db.select({ id: rounds.id }).from(rounds).where(gt(rounds.closesAt, now))),
      ),
    );
}

/**
 * Recuses the juror from an entry they can reach, with a reason: the entry leaves their lists at
 * once, and their assignments to it in rounds not yet closed go. Audited.
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
    withdrawAssignments(deps, juror.id, entryId, now),
    audit(deps.db, { actorId: juror.userId, action: 'jury.recused', objectType: 'entry', objectId: entryId }, now),
  ]);
}

/**
 * A manager records a conflict between a juror and an entry of the edition, with a reason (e.g.
 * one an entrant named in the conflicts step); the juror's assignments to it in rounds not yet
 * closed go at once, and
 * every juror-facing service (access.ts) hides the entry from then on. A pair already in
 * conflict keeps its first record. Audited.
 * @throws AppError `validation.failed` (422, field `jurorId` code `jury.jurorRequired`, or field
 *   `entryId` code `jury.entryRequired`) when the juror or the entry is not of this edition
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
  const fields = [
    ...(juror ? [] : [{ field: 'jurorId', code: 'jury.jurorRequired' as const }]),
    ...(entry ? [] : [{ field: 'entryId', code: 'jury.entryRequired' as const }]),
  ];
  if (fields.length > 0) throw new AppError('validation.failed', 422, fields);
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
    withdrawAssignments(deps, input.jurorId, input.entryId, now),
    audit(
      deps.db,
      {
        actorId,
        action: 'jury.conflict.recorded',
        objectType: 'entry',
        objectId: input.entryId,
        details: { juror: input.jurorId },
      },
      now,
    ),
  ]);
}

/** Sources of a recorded conflict that a manager may remove: their own and an entrant's naming, never a juror's recusal. */
export const removableSources = ['manager', 'entrant'] as const;

/**
 * Removes a recorded juror ↔ entry conflict of the edition (a manager's or an entrant's naming;
 * a juror's recusal stays theirs). The entry does not come back to the juror's lists by itself:
 * only a new assignment (automatic or by hand) gives it. Audited.
 * @throws AppError `request.notFound` (404) for an id that is not a removable conflict of this edition
 */
export async function removeConflict(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  conflictId: string,
): Promise<void> {
  const row = await deps.db
    .select({
      id: entryConflicts.id,
      jurorId: entryConflicts.jurorId,
      entryId: entryConflicts.entryId,
      source: entryConflicts.source,
    })
    .from(entryConflicts)
    .innerJoin(jurors, eq(jurors.id, entryConflicts.jurorId))
    .where(
      and(
        eq(entryConflicts.id, conflictId),
        eq(jurors.editionId, editionId),
        inArray(entryConflicts.source, [...removableSources]),
      ),
    )
    .get();
  if (!row) throw new AppError('request.notFound', 404);
  const now = deps.clock();
  await deps.db.batch([
    deps.db.delete(entryConflicts).where(eq(entryConflicts.id, row.id)),
    audit(
      deps.db,
      {
        actorId,
        action: 'jury.conflict.removed',
        objectType: 'entry',
        objectId: row.entryId,
        details: { juror: row.jurorId, source: row.source },
      },
      now,
    ),
  ]);
}

/**
 * Every juror's conflicts for the edition's managers: the recorded juror ↔ entry ones (recusals,
 * managers', entrants'), with whether a manager may remove them; the ones the rules find (own
 * entry, employer or a declared outlet, a declared person among the authors, the entrant naming
 * the juror); the declared people and outlets; and the edition's entries to choose from.
 */
export async function listConflicts(deps: Pick<Deps, 'db'>, editionId: string) {
  const [jurorRows, entryRows, recorded] = await Promise.all([
    deps.db.select().from(jurors).where(eq(jurors.editionId, editionId)),
    deps.db
      .select({ ...entryColumns, status: entries.status })
      .from(entries)
      .where(eq(entries.editionId, editionId))
      .orderBy(asc(entries.number), asc(entries.id)),
    deps.db
      .select({
        id: entryConflicts.id,
        jurorId: entryConflicts.jurorId,
        entryId: entryConflicts.entryId,
        source: entryConflicts.source,
        reason: entryConflicts.reason,
        createdAt: entryConflicts.createdAt,
      })
      .from(entryConflicts)
      .innerJoin(jurors, eq(jurors.id, entryConflicts.jurorId))
      .where(eq(jurors.editionId, editionId))
      .orderBy(asc(entryConflicts.createdAt), sql`"jury_entry_conflicts"."rowid"`),
  ]);
  const contexts = await conflictJurors(deps.db, jurorRows);
  const submitted = entryRows.filter((e) => e.status === 'submitted');
  const label = (entryId: string) => {
    const e = entryRows.find((x) => x.id === entryId);
    return { number: e?.number ?? null, title: e?.title ?? '' };
  };
  const list = contexts
    .map((j) => {
      const mine = recorded.filter((r) => r.jurorId === j.id);
      // What the rules find besides the recorded pairs (those are listed above them).
      const unrecorded = { ...j, entryConflicts: [] };
      const byRules = submitted
        .filter((e) => !mine.some((r) => r.entryId === e.id) && conflicted(unrecorded, e))
        .map((e) => ({ entryId: e.id, ...label(e.id) }));
      return {
        id: j.id,
        email: j.email,
        name: j.displayName,
        employer: j.employer,
        declared: j.declared,
        recorded: mine.map((r) => ({
          id: r.id,
          entryId: r.entryId,
          ...label(r.entryId),
          source: r.source,
          reason: r.reason,
          createdAt: r.createdAt.toISOString(),
          removable: (removableSources as readonly string[]).includes(r.source),
        })),
        byRules,
      };
    })
    .sort((a, b) => a.email.localeCompare(b.email));
  return {
    jurors: list,
    entries: submitted.map((e) => ({ id: e.id, number: e.number, title: e.title })),
  };
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
