import { and, asc, desc, eq, gt, isNotNull, ne, sql } from 'drizzle-orm';
import { localizedPath } from '../../core/urls.ts';
import { toLocale } from '../../core/locales.ts';
import { audit } from '../accounts/audit.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import {
  auditLog,
  categories,
  editions,
  entries,
  entryFiles,
  extensions,
  roleAssignments,
  users,
} from '../db/schema/index.ts';
import { type Counter, countedAfter, countedAndGuarded, isLimitAbort, rateLimited } from '../http/rate-limit.ts';
import { type BatchedActor, sessionFreshFor, sessionUserId, TOUCH_EVERY_MS } from '../accounts/sessions.ts';
import type { Db } from '../db/client.ts';
import { commitTogether } from '../db/group-commit.ts';
import { encoded, ph, preparedQuery } from '../db/prepared.ts';
import type { Deps } from '../deps.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import { enqueueMailIf } from '../mail/outbox.service.ts';
import { tookEffect } from '../db/took-effect.ts';
import type { EntryStep, StepCategory, StepInput } from './competition.schemas.ts';
import { readEdition, type Category, type Edition } from './editions.service.ts';
import { eligibilityProblems, type EligibilityFile, type Problem } from './eligibility.ts';
import { NUMBER_PLACEHOLDER, submittedMail } from './mails.ts';
import { mayChange } from './timeline.ts';
import { boundedCache } from '../../core/bounded-cache.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;
/** What reading an entry and its deadline needs (no mail, no config). */
export type EntryDeps = Pick<Deps, 'db' | 'clock'>;
export type Entry = typeof entries.$inferSelect;

/**
 * The entrant's own entry, or 404 — the same answer as for an id that does not exist (S07).
 * @throws AppError `request.notFound` (404) when the entry does not exist or is someone else's (the same answer,
 *   S07)
 */
export async function ownEntry(deps: EntryDeps, userId: string, entryId: string): Promise<Entry> {
  const entry = await deps.db
    .select()
    .from(entries)
    .where(and(eq(entries.id, entryId), eq(entries.entrantId, userId)))
    .get();
  if (!entry) throw new AppError('request.notFound', 404);
  return entry;
}

/** Until when the entrant's redeemed extension for the edition runs, if any. */
async function extensionUntil(deps: EntryDeps, editionId: string, userId: string): Promise<Date | null> {
  const row = await deps.db
    .select({ until: extensions.until })
    .from(extensions)
    .where(and(eq(extensions.editionId, editionId), eq(extensions.entrantId, userId), isNotNull(extensions.redeemedAt)))
    .get();
  return row?.until ?? null;
}

/**
 * Refuses (409) when the entrant may no longer change entries of the edition (server clock).
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless the entrant's extension is running
 */
export async function requireOpen(deps: EntryDeps, edition: Edition, userId: string): Promise<void> {
  openOrThrow(edition, await extensionUntil(deps, edition.id, userId), deps.clock());
}

/**
 * {@link requireOpen} on what is already read: the edition and the entrant's running extension.
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless `until` (the entrant's extension) is still running
 */
export function openOrThrow(edition: Edition, until: Date | null, now: Date): void {
  if (now < edition.submissionsOpenAt) throw new AppError('competition.notOpen', 409);
  if (!mayChange(edition, until, now)) throw new AppError('competition.closed', 409);
}

/**
 * The problems that would stop this entry being submitted (or kept submitted after an edit);
 * `files` replaces the stored ones when judging a change to the files themselves.
 */
export async function problemsOf(
  deps: EntryDeps,
  entry: Entry,
  edition: Edition,
  cats: readonly Category[],
  files?: readonly EligibilityFile[],
): Promise<Problem[]> {
  const category = cats.find((c) => c.id === entry.categoryId) ?? null;
  files ??= await deps.db
    .select({ kind: entryFiles.kind, size: entryFiles.size, type: entryFiles.type })
    .from(entryFiles)
    .where(eq(entryFiles.entryId, entry.id));
  const others = category
    ? await deps.db
        .select({ n: sql<number>`count(*)` })
        .from(entries)
        .where(
          and(
            eq(entries.entrantId, entry.entrantId),
            eq(entries.categoryId, category.id),
            eq(entries.status, 'submitted'),
            ne(entries.id, entry.id),
          ),
        )
        .get()
    : undefined;
  return eligibilityProblems(entry, edition, category, files, others?.n ?? 0);
}

/** Every problem at once, each a field error whose code is its catalogue key. */
export const notEligible = (problems: readonly Problem[]) =>
  new AppError(
    'competition.notEligible',
    422,
    problems.map((p) => ({ field: p.field, code: `competition.problem.${p.code}` as ErrorCode })),
  );

/** Makes an account for a journalist's address unless one exists (a disabled one stays disabled). */
export async function ensureAccount(deps: ServiceDeps, email: string, locale: string): Promise<void> {
  const now = deps.clock();
  const id = crypto.randomUUID();
  // The audit entry is written only when this statement's row is the one stored.
  await deps.db.batch([
    deps.db
      .insert(users)
      .values({ id, email, locale: toLocale(locale), status: 'active', createdAt: now, updatedAt: now })
      .onConflictDoNothing(),
    deps.db.insert(auditLog).select(
      deps.db
        .select({
          id: sql<string>`${crypto.randomUUID()}`.as('id'),
          at: sql<Date>`${now.getTime()}`.as('at'),
          actorId: users.id,
          action: sql<string>`'user.created'`.as('action'),
          objectType: sql<string>`'user'`.as('object_type'),
          objectId: users.id,
          details: sql<string>`'{"via":"competition"}'`.as('details'),
        })
        .from(users)
        .where(eq(users.id, id)),
    ),
  ]);
}

/** The entrant's entries across editions, newest first. */
export async function listOwnEntries(deps: ServiceDeps, userId: string) {
  return deps.db
    .select({
      id: entries.id,
      editionId: entries.editionId,
      title: entries.title,
      status: entries.status,
      number: entries.number,
      updatedAt: entries.updatedAt,
    })
    .from(entries)
    .where(eq(entries.entrantId, userId))
    .orderBy(desc(entries.updatedAt));
}

/**
 * One own entry with its edition, categories, files, the problems a submission would meet, and whether it may
 * change.
 * @throws AppError `request.notFound` (404) when the entry does not exist or is someone else's (the same answer,
 *   S07)
 */
export async function readOwnEntry(deps: ServiceDeps, userId: string, entryId: string) {
  const entry = await ownEntry(deps, userId, entryId);
  const { edition, categories: cats, state } = await readEdition(deps, entry.editionId);
  const files = await deps.db.select().from(entryFiles).where(eq(entryFiles.entryId, entry.id));
  const until = await extensionUntil(deps, edition.id, userId);
  return {
    entry,
    edition,
    state,
    categories: cats,
    files,
    problems: await problemsOf(deps, entry, edition, cats),
    mayChange: entry.status !== 'withdrawn' && mayChange(edition, until, deps.clock()),
    extensionUntil: until,
  };
}

/**
 * Starts a draft in an open edition. The first entry makes the person an entrant (role `entrant`
 * for the edition), in the same batch as the draft.
 * @throws AppError `request.notFound` (404) when the edition does not exist
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless the entrant's extension is running
 */
export async function createEntry(
  deps: ServiceDeps,
  userId: string,
  editionId: string,
  locale: string,
): Promise<string> {
  const { edition } = await readEdition(deps, editionId);
  await requireOpen(deps, edition, userId);
  const now = deps.clock();
  const id = crypto.randomUUID();
  await deps.db.batch([
    deps.db.insert(entries).values({
      id,
      editionId,
      entrantId: userId,
      locale: toLocale(locale),
      createdAt: now,
      updatedAt: now,
    }),
    deps.db
      .insert(roleAssignments)
      .values({
        id: crypto.randomUUID(),
        userId,
        role: 'entrant',
        scope: `edition:${editionId}`,
        grantedBy: 'self',
        createdAt: now,
      })
      .onConflictDoNothing(),
    audit(deps.db, { actorId: userId, action: 'competition.entry.created', objectType: 'entry', objectId: id }, now),
  ]);
  return id;
}

/**
 * Saves one step of an own entry. A submitted entry stays submitted only if it is still eligible
 * with the new values (re-validated here); a draft takes whatever was typed. Statements are built
 * once (prepared.ts). `parseInput` runs once the session is accepted (and, on the fast path below,
 * once before the batch as well: it must not depend on anything but its argument).
 *
 * A draft's save costs ONE round trip when this isolate saved this entry in this session before
 * (it then knows the session's user, the edition's categories and dates, {@link StepHint}): one
 * batch of the update — guarded in SQL by everything the slow path checks (the session fresh and
 * the user's, {@link sessionFreshFor}; the entry the user's own draft; the edition open by the
 * clock; the category one of the edition's and the language one some category takes), so it is
 * never looser than those checks — and the entrant's counters (`countersOf`, each counting only
 * if the update took effect and guarding its limit: over it, the batch fails as a whole, 429).
 * When the update did not take effect, the slow path follows and answers: one batch of four reads
 * (the session `who`; the entry with the entrant's running extension; its edition; the edition's
 * categories), then one write batch that counts the hits and updates the entry (one write
 * transaction, nothing written when any part is refused).
 * @throws AppError `auth.required` (401) from `who` when the session is not (or no longer) valid
 * @throws AppError from `parseInput` (400/422) for an invalid step body
 * @throws AppError `request.rateLimited` (429, Retry-After) when one of the counters is over its limit
 * @throws AppError `request.notFound` (404) when the entry does not exist, is someone else's (the same answer,
 *   S07) or is withdrawn
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless the entrant's extension is running
 * @throws AppError `validation.failed` (422) from `parseInput`, given the edition's categories, with every
 *   field problem at once: e.g. `categoryId` (`competition.category`) for a category of another edition,
 *   `language` (`competition.language`) for a language no category takes, beside a too long title
 * @throws AppError `competition.notEligible` (422) with a field error per problem when a submitted entry would no
 *   longer be eligible
 */
export async function saveStep(
  deps: ServiceDeps,
  who: BatchedActor,
  entryId: string,
  step: EntryStep,
  parseInput: (categories: readonly StepCategory[]) => StepInput,
  countersOf: (userId: string) => readonly Counter[] = () => [],
): Promise<void> {
  const { db } = deps;
  const now = deps.clock();
  const values = { entryId, sessionHash: who.sessionHash };
  const hintKey = `${who.sessionHash} ${entryId}`;
  const fast = fastStep(db, stepHints.get(hintKey), step, parseInput, countersOf, { ...values, now });
  if (fast) {
    let results: unknown[];
    try {
      results = await commitTogether(db, fast.statements as unknown as [(typeof fast.statements)[0]]);
    } catch (error) {
      if (isLimitAbort(error)) throw rateLimited(fast.counters[0]!);
      throw error;
    }
    // The guarded update changed the row: every check below would pass (the guard is no looser).
    if ((results[0] as unknown[]).length > 0) return;
  }
  const [sessionRows, entryRows, editionRows, cats] = await db.batch([
    who.query,
    stepEntryRead(db, values),
    stepEditionRead(db, values),
    stepCategoriesRead(db, values),
  ]);
  // Nothing read is used before the session is accepted; the input is validated after that (401 first).
  const { userId } = await who.resolve(sessionRows);
  const counters = countersOf(userId);
  const entry = entryRows[0]?.entry;
  const edition = editionRows[0];
  if (!entry || !edition || entry.status === 'withdrawn') throw new AppError('request.notFound', 404);
  stepHints.set(hintKey, {
    userId,
    categories: cats.map((c) => ({ id: c.id, languages: [...c.languages] })),
    draft: entry.status === 'draft',
    opensAt: edition.submissionsOpenAt,
    closesAt: edition.submissionsCloseAt,
  });
  // The work step's category and language are checked against the edition's categories together
  // with the other fields, so every problem is reported at once.
  const input = parseInput(step === 'work' ? cats : []);
  openOrThrow(edition, entryRows[0]?.extensionUntil ?? null, now);
  const changes = { ...input, ...('categoryId' in input ? { categoryId: input.categoryId || null } : {}) };
  if (entry.status === 'submitted') {
    const problems = await problemsOf(deps, { ...entry, ...changes }, edition, cats);
    if (problems.length > 0) throw notEligible(problems);
  }
  const update = stepUpdate(Object.keys(changes))(db, { ...changes, updatedAt: now, entryId, userId });
  try {
    await commitTogether(db, [...countedAndGuarded(db, counters, now), update] as unknown as [typeof update]);
  } catch (error) {
    if (isLimitAbort(error)) throw rateLimited(counters[0]!);
    throw error;
  }
}

/**
 * What an isolate remembers of a session's earlier save of an entry, for {@link saveStep}'s one
 * round trip: the session's user (a session never changes user) and the edition's categories as
 * they were (only to parse the input before the batch: the update's guard checks the category and
 * the language against the stored categories in SQL, so a stale hint only sends the save the slow
 * way). About the last 4,096 per isolate.
 */
interface StepHint {
  userId: string;
  categories: readonly StepCategory[];
  /** The entry was a draft, and when the edition takes entries: the fast path is tried only then. */
  draft: boolean;
  opensAt: Date;
  closesAt: Date;
}
const stepHints = boundedCache<string, StepHint>(4096);

/**
 * The fast path's write statements (the guarded update, then the counters), or null when there is
 * no hint or the input does not parse with the hint's categories (the slow path then reports it in
 * its order: 401 and 404 before 422).
 */
function fastStep(
  db: Db,
  hint: StepHint | undefined,
  step: EntryStep,
  parseInput: (categories: readonly StepCategory[]) => StepInput,
  countersOf: (userId: string) => readonly Counter[],
  values: { entryId: string; sessionHash: string; now: Date },
) {
  if (!hint?.draft || values.now < hint.opensAt || values.now >= hint.closesAt) return null;
  let input: StepInput;
  try {
    input = parseInput(step === 'work' ? hint.categories : []);
  } catch {
    return null;
  }
  const changes = { ...input, ...('categoryId' in input ? { categoryId: input.categoryId || null } : {}) };
  const counters = countersOf(hint.userId);
  const update = guardedStepUpdate(Object.keys(changes))(db, {
    ...changes,
    updatedAt: values.now,
    entryId: values.entryId,
    userId: hint.userId,
    sessionHash: values.sessionHash,
    now: values.now,
    fresh: new Date(values.now.getTime() - TOUCH_EVERY_MS),
    categoryCheck: step === 'work' && 'categoryId' in changes ? changes.categoryId : null,
    languageCheck: step === 'work' && 'language' in changes && changes.language !== '' ? changes.language : null,
  });
  return { statements: [update, ...countedAfter(db, counters, values.now)], counters };
}

// An entry step's statements, built once (../db/prepared.ts): building their SQL per request cost
// more CPU than running them. `sessionHash` names the session whose user must own the entry.

/** The edition of the entry, when the entry is the session user's own (SQL). */
const stepEditionId = sql`(SELECT ${entries.editionId} FROM ${entries} WHERE ${entries.id} = ${ph('entryId')} AND ${entries.entrantId} = ${sessionUserId})`;

/**
 * The entry, if it is the session user's own, with the end of the entrant's running extension for
 * its edition. (The edition is a read of its own: its columns share names with the entry's, and D1
 * hands batch rows over by column name.)
 */
const stepEntryRead = preparedQuery<
  { entryId: string; sessionHash: string },
  { entry: Entry; extensionUntil: Date | null }[]
>((db) =>
  db
    .select({
      entry: entries,
      extensionUntil:
        sql<Date | null>`(SELECT ${extensions.until} FROM ${extensions} WHERE ${extensions.editionId} = ${entries.editionId} AND ${extensions.entrantId} = ${entries.entrantId} AND ${extensions.redeemedAt} IS NOT NULL)`.mapWith(
          extensions.until,
        ),
    })
    .from(entries)
    .where(and(eq(entries.id, ph('entryId')), eq(entries.entrantId, sessionUserId))),
);

/** The edition of the entry, when the entry is the session user's own. */
const stepEditionRead = preparedQuery<{ entryId: string; sessionHash: string }, Edition[]>((db) =>
  db.select().from(editions).where(eq(editions.id, stepEditionId)),
);

/** The categories of the edition of the entry (when it is the session user's own), in their order. */
const stepCategoriesRead = preparedQuery<{ entryId: string; sessionHash: string }, Category[]>((db) =>
  db
    .select()
    .from(categories)
    .where(eq(categories.editionId, stepEditionId))
    .orderBy(asc(categories.position), asc(categories.slug)),
);

type StepUpdate = ReturnType<typeof stepUpdateOf>;
const stepUpdateOf = (columns: readonly string[]) =>
  preparedQuery<Record<string, unknown>, unknown>((db) =>
    db
      .update(entries)
      .set(
        Object.fromEntries(
          [...columns, 'updatedAt'].map((c) => [c, encoded(c, entries[c as keyof typeof entries.$inferSelect])]),
        ),
      )
      .where(and(eq(entries.id, ph('entryId')), eq(entries.entrantId, ph('userId')), ne(entries.status, 'withdrawn'))),
  );
const stepUpdates = new Map<string, StepUpdate>();
/**
 * The update of a step's columns (the input's keys: a step's schema fixes them, so there are a
 * few such statements, each built once), `updatedAt`, only on the entrant's own entry that is not
 * withdrawn. Values: the columns by name, `entryId`, `userId`.
 */
function stepUpdate(columns: readonly string[]): StepUpdate {
  const key = [...columns].sort().join(',');
  let update = stepUpdates.get(key);
  if (!update) {
    for (const c of columns)
      if (!(c in entries) || c === 'updatedAt') throw new Error(`stepUpdate: ${c} is not an entry column`);
    update = stepUpdateOf([...columns].sort());
    stepUpdates.set(key, update);
  }
  return update;
}

/**
 * {@link stepUpdate} for the fast path, guarded in SQL by what the slow path checks in JS: the
 * session is fresh and the user's ({@link sessionFreshFor}), the entry is the user's draft, its
 * edition is open by the clock (no extension: those go the slow way), and the work step's category
 * (`categoryCheck`, null: none chosen) is one of the edition's and its language (`languageCheck`,
 * null: none) one some category of the edition takes. RETURNING the id: one row when it took effect.
 */
const guardedStepUpdateOf = (columns: readonly string[]) =>
  preparedQuery<Record<string, unknown>, { id: string }[]>((db) =>
    db
      .update(entries)
      .set(
        Object.fromEntries(
          [...columns, 'updatedAt'].map((c) => [c, encoded(c, entries[c as keyof typeof entries.$inferSelect])]),
        ),
      )
      .where(
        and(
          eq(entries.id, ph('entryId')),
          eq(entries.entrantId, ph('userId')),
          eq(entries.status, 'draft'),
          sessionFreshFor,
          sql`EXISTS (SELECT 1 FROM ${editions} WHERE ${editions.id} = ${entries.editionId} AND ${editions.submissionsOpenAt} <= ${ph('now')} AND ${editions.submissionsCloseAt} > ${ph('now')})`,
          sql`(${ph('categoryCheck')} IS NULL OR EXISTS (SELECT 1 FROM ${categories} WHERE ${categories.id} = ${ph('categoryCheck')} AND ${categories.editionId} = ${entries.editionId}))`,
          sql`(${ph('languageCheck')} IS NULL OR EXISTS (SELECT 1 FROM ${categories}, json_each(${categories.languages}) WHERE ${categories.editionId} = ${entries.editionId} AND json_each.value = ${ph('languageCheck')}))`,
        ),
      )
      .returning({ id: entries.id }),
  );
const guardedStepUpdates = new Map<string, ReturnType<typeof guardedStepUpdateOf>>();
/** {@link guardedStepUpdateOf} for a step's columns, each set built once (as {@link stepUpdate}). */
function guardedStepUpdate(columns: readonly string[]): ReturnType<typeof guardedStepUpdateOf> {
  const key = [...columns].sort().join(',');
  let update = guardedStepUpdates.get(key);
  if (!update) {
    for (const c of columns)
      if (!(c in entries) || c === 'updatedAt') throw new Error(`guardedStepUpdate: ${c} is not an entry column`);
    update = guardedStepUpdateOf([...columns].sort());
    guardedStepUpdates.set(key, update);
  }
  return update;
}

/**
 * Submits a draft: checks eligibility (every problem at once), then in one batch gives the entry
 * its number and queues the confirmation mail. The number comes from the edition's highest
 * sequence in the same UPDATE (unique index as the backstop), and the per-entrant cap is part of
 * its WHERE, so two submissions racing cannot share a number or pass the cap together; the mail
 * is queued only if that UPDATE took effect. A failure anywhere leaves the draft as it was (S17).
 * Submitting an entry that is already submitted answers its number again (no second mail).
 * @throws AppError `request.notFound` (404) unless the entry is the entrant's own draft (or submitted one)
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless the entrant's extension is running
 * @throws AppError `competition.notEligible` (422) with a field error per problem, the per-entrant cap
 *   (`capReached`) included
 * @throws AppError `auth.required` (401) when the entrant's account is gone
 */
export async function submitEntry(deps: ServiceDeps, userId: string, entryId: string): Promise<{ number: string }> {
  const entry = await ownEntry(deps, userId, entryId);
  // A second click, or Submit again after the browser's back button: the same answer, nothing sent twice.
  if (entry.status === 'submitted' && entry.number) return { number: entry.number };
  if (entry.status !== 'draft') throw new AppError('request.notFound', 404);
  const { edition, categories: cats } = await readEdition(deps, entry.editionId);
  await requireOpen(deps, edition, userId);
  const problems = await problemsOf(deps, entry, edition, cats);
  if (problems.length > 0) throw notEligible(problems);
  const category = cats.find((c) => c.id === entry.categoryId)!;
  const user = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new AppError('auth.required', 401);

  const now = deps.clock();
  const nextSeq = sql`(SELECT COALESCE(MAX(e2.seq), 0) + 1 FROM ${entries} AS e2 WHERE e2.edition_id = ${entry.editionId})`;
  const capFree = sql`(SELECT count(*) FROM ${entries} AS e3 WHERE e3.entrant_id = ${userId} AND e3.category_id = ${category.id} AND e3.status = 'submitted' AND e3.id <> ${entryId}) < ${category.entriesPerEntrant}`;
  const files = await deps.db
    .select({ name: entryFiles.name, type: entryFiles.type, size: entryFiles.size })
    .from(entryFiles)
    .where(eq(entryFiles.entryId, entryId))
    .orderBy(entryFiles.createdAt, entryFiles.id);
  const until = await extensionUntil(deps, edition.id, userId);
  const locale = toLocale(entry.locale);
  const mail = submittedMail(entry.locale, user.email, {
    title: entry.title,
    category: category.name[locale] || category.name.sk || '',
    authors: entry.authors,
    files,
    changeUntil: until && until > edition.submissionsCloseAt ? until : edition.submissionsCloseAt,
    entryUrl: `${deps.config.publicOrigin}${localizedPath(locale, `/competition/entries/${entryId}/review/`)}`,
  });
  const withNumber = (text: string) => sql`replace(${text}, ${NUMBER_PLACEHOLDER}, ${entries.number})`;

  const [updated] = await deps.db.batch([
    deps.db
      .update(entries)
      .set({
        status: 'submitted',
        seq: sql`COALESCE(${entries.seq}, ${nextSeq})`,
        number: sql`COALESCE(${entries.number}, 'MIS-' || ${entry.editionId} || '-' || substr('0000' || ${nextSeq}, -4))`,
        submittedAt: now,
        updatedAt: now,
      })
      .where(and(eq(entries.id, entryId), eq(entries.entrantId, userId), eq(entries.status, 'draft'), capFree))
      .returning({ number: entries.number }),
    enqueueMailIf(
      deps.db,
      { ...mail, subject: withNumber(mail.subject), bodyText: withNumber(mail.bodyText) },
      entries,
      // Only if this request's update submitted the entry (a double click in the same millisecond
      // meets `submitted_at = now` too, and would queue a second receipt).
      and(eq(entries.id, entryId), tookEffect())!,
      now,
    ),
    deps.db.insert(auditLog).select(
      deps.db
        .select({
          id: sql<string>`${crypto.randomUUID()}`.as('id'),
          at: sql<Date>`${now.getTime()}`.as('at'),
          actorId: sql<string>`${userId}`.as('actor_id'),
          action: sql<string>`'competition.entry.submitted'`.as('action'),
          objectType: sql<string>`'entry'`.as('object_type'),
          objectId: sql<string>`${entryId}`.as('object_id'),
          details: sql<string>`'{}'`.as('details'),
        })
        .from(entries)
        // Right after the receipt, which was queued only if the update took effect.
        .where(and(eq(entries.id, entryId), tookEffect())),
    ),
  ]);
  const number = updated[0]?.number;
  if (!number) {
    // Zero rows: this entry was submitted by a request running at the same time (a double click),
    // or another submission took the last place in the category.
    const current = await ownEntry(deps, userId, entryId);
    if (current.status === 'submitted' && current.number) return { number: current.number };
    throw notEligible([{ field: 'categoryId', code: 'capReached' }]);
  }
  return { number };
}

/**
 * Withdraws an own submitted entry while changes are allowed; it keeps its number. Withdrawing a
 * withdrawn entry again changes nothing.
 * @throws AppError `request.notFound` (404) unless the entry is the entrant's own submitted (or withdrawn) one
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless the entrant's extension is running
 */
export async function withdrawEntry(deps: ServiceDeps, userId: string, entryId: string): Promise<void> {
  const entry = await ownEntry(deps, userId, entryId);
  // A second click, or Withdraw again after the browser's back button: already done.
  if (entry.status === 'withdrawn') return;
  if (entry.status !== 'submitted') throw new AppError('request.notFound', 404);
  const { edition } = await readEdition(deps, entry.editionId);
  await requireOpen(deps, edition, userId);
  const now = deps.clock();
  await deps.db.batch([
    deps.db
      .update(entries)
      .set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now })
      .where(and(eq(entries.id, entryId), eq(entries.entrantId, userId), eq(entries.status, 'submitted'))),
    audit(
      deps.db,
      { actorId: userId, action: 'competition.entry.withdrawn', objectType: 'entry', objectId: entryId },
      now,
    ),
  ]);
}

/**
 * Redeems an extension code: works only for the entrant it was made for, before it runs out.
 * @throws AppError `validation.failed` (422, field `code`, `competition.codeInvalid`) for a wrong code, someone
 *   else's, or one that has run out
 */
export async function redeemExtension(
  deps: ServiceDeps,
  userId: string,
  editionId: string,
  code: string,
): Promise<Date> {
  const now = deps.clock();
  const row = await deps.db
    .update(extensions)
    .set({ redeemedAt: now })
    .where(
      and(
        eq(extensions.editionId, editionId),
        eq(extensions.entrantId, userId),
        eq(extensions.codeHash, await sha256Hex(code.toUpperCase())),
        gt(extensions.until, now),
      ),
    )
    .returning({ until: extensions.until })
    .get();
  if (!row) throw new AppError('validation.failed', 422, [{ field: 'code', code: 'competition.codeInvalid' }]);
  await deps.db.batch([
    audit(
      deps.db,
      { actorId: userId, action: 'competition.extension.redeemed', objectType: 'edition', objectId: editionId },
      now,
    ),
  ]);
  return row.until;
}
