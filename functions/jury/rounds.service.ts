// Managers' side of the jury: rounds, the automatic assignment and adjustments by hand, coverage
// and progress, reminders sent by hand.
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { EDITION_ZONE, formatInstant } from '../../core/dates.ts';
import { toLocale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { audit } from '../accounts/audit.ts';
import { readEdition } from '../competition/editions.service.ts';
import { instantToWallTime } from '../../core/zoned-time.ts';
import { instantOfField } from '../competition/timeline.ts';
import type { Db } from '../db/client.ts';
import {
  assignments,
  ballots,
  entries,
  jurors,
  reviews,
  rounds,
  shortlist,
  type AssignmentRun,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { conflictJurors, conflicted, entryColumns, type JurorContext, roundOf, rubricsOf } from './access.ts';
import { assignJurors } from './assignment.ts';
import type { adjustInput, roundInput } from './jury.schemas.ts';
import { reminderMail } from './mails.ts';
import { entrySummaryLanguages, readingQuality, readsEntry, roundState } from './rules.ts';
import type { z } from 'zod';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** D1 binds at most 100 parameters per statement: assignment rows go in chunks of this many. */
const ROWS_PER_INSERT = 12;

/** The rounds of an edition in order, with their state now and their times as Bratislava wall-clock times. */
export async function listRounds(deps: Pick<Deps, 'db' | 'clock'>, editionId: string) {
  const now = deps.clock();
  const rows = await deps.db.select().from(rounds).where(eq(rounds.editionId, editionId)).orderBy(asc(rounds.position));
  return rows.map((r) => ({
    ...r,
    state: roundState(r, now),
    opensLocal: instantToWallTime(r.opensAt, EDITION_ZONE),
    closesLocal: instantToWallTime(r.closesAt, EDITION_ZONE),
  }));
}

/**
 * Creates a round (no `roundId`) or changes one. Times are wall-clock times in Europe/Bratislava.
 * Returns the round's id. Audited.
 * @throws AppError `request.notFound` (404) when the edition or the round does not exist
 * @throws AppError `validation.failed` (422, field `opensAt`/`closesAt`, `jury.time`) for a time that does not
 *   exist or a close not after the opening
 * @throws AppError `validation.failed` (422, field `position`, `jury.positionTaken`) when another round has the position
 */
export async function saveRound(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  input: z.infer<typeof roundInput>,
  roundId?: string,
): Promise<string> {
  await readEdition(deps, editionId);
  if (roundId) await roundOf(deps.db, editionId, roundId);
  // Impossible and skipped wall times are refused with their own field errors (core/zoned-time.ts).
  const opensAt = instantOfField(input.opensAt, EDITION_ZONE, 'opensAt');
  const closesAt = instantOfField(input.closesAt, EDITION_ZONE, 'closesAt');
  if (closesAt <= opensAt) throw new AppError('validation.failed', 422, [{ field: 'closesAt', code: 'jury.time' }]);
  const clash = await deps.db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.editionId, editionId), eq(rounds.position, input.position)))
    .get();
  if (clash && clash.id !== roundId)
    throw new AppError('validation.failed', 422, [{ field: 'position', code: 'jury.positionTaken' }]);
  const now = deps.clock();
  const id = roundId ?? crypto.randomUUID();
  const values = {
    position: input.position,
    kind: input.kind,
    name: input.name,
    opensAt,
    closesAt,
    source: input.source,
    shortlistSize: input.source === 'shortlist' ? input.shortlistSize : null,
    perEntry: input.perEntry,
    visibility: input.visibility,
    namesShown: input.namesShown,
    updatedAt: now,
  };
  await deps.db.batch([
    roundId
      ? deps.db.update(rounds).set(values).where(eq(rounds.id, roundId))
      : deps.db.insert(rounds).values({ id, editionId, createdAt: now, ...values }),
    audit(deps.db, { actorId, action: 'jury.round.saved', objectType: 'round', objectId: id }, now),
  ]);
  return id;
}

/**
 * Deletes a round that has no reviews yet. Audited.
 * @throws AppError `request.notFound` (404) when the round is not of this edition
 * @throws AppError `jury.reviewsExist` (409) when a juror has saved a review in it
 */
export async function deleteRound(deps: ServiceDeps, actorId: string, editionId: string, roundId: string) {
  await roundOf(deps.db, editionId, roundId);
  const started = await deps.db.select({ id: reviews.id }).from(reviews).where(eq(reviews.roundId, roundId)).get();
  if (started) throw new AppError('jury.reviewsExist', 409);
  const now = deps.clock();
  await deps.db.batch([
    deps.db.delete(rounds).where(eq(rounds.id, roundId)),
    audit(deps.db, { actorId, action: 'jury.round.deleted', objectType: 'round', objectId: roundId }, now),
  ]);
}

/** Accepted jurors of an edition, with their conflicts. */
async function acceptedJurors(db: Db, editionId: string): Promise<JurorContext[]> {
  const rows = await db.select().from(jurors).where(eq(jurors.editionId, editionId));
  return conflictJurors(
    db,
    rows.filter((r) => r.acceptedAt !== null),
  );
}

/**
 * The entries a round takes: every submitted entry screened eligible, or (source `shortlist`)
 * exactly those on the recorded shortlist of the round before (table `jury_shortlist`, made by
 * managers: functions/results/shortlist.service.ts), in entry number order.
 */
export async function roundEntries(db: Db, round: typeof rounds.$inferSelect) {
  const all = await db
    .select(entryColumns)
    .from(entries)
    .where(
      and(eq(entries.editionId, round.editionId), eq(entries.status, 'submitted'), eq(entries.screening, 'eligible')),
    )
    .orderBy(entries.number, entries.id);
  if (round.source === 'all') return all;
  const previous = await db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.editionId, round.editionId), lt(rounds.position, round.position)))
    .orderBy(sql`${rounds.position} DESC`)
    .get();
  if (!previous) return [];
  const picked = new Set(
    (await db.select({ entryId: shortlist.entryId }).from(shortlist).where(eq(shortlist.roundId, previous.id))).map(
      (r) => r.entryId,
    ),
  );
  return all.filter((e) => picked.has(e.id));
}

/**
 * Runs the automatic assignment for a round (`assignJurors`): every entry of the round gets
 * `perEntry` accepted jurors, never one in conflict, only readers of its language (or of a summary
 * language its category accepts). Assignments with a review already saved and those made by hand
 * are kept; the others are replaced. The summary (cost, worst-off entry, spread, uncovered entries
 * and why) is stored on the round for the managers' view. Audited.
 * @throws AppError `request.notFound` (404) when the round is not of this edition
 */
export async function runAssignment(deps: ServiceDeps, actorId: string, editionId: string, roundId: string) {
  const round = await roundOf(deps.db, editionId, roundId);
  const [roundRows, jurorList, rubricByCategory, existing, started] = await Promise.all([
    roundEntries(deps.db, round),
    acceptedJurors(deps.db, editionId),
    rubricsOf(deps.db, editionId),
    deps.db.select().from(assignments).where(eq(assignments.roundId, roundId)),
    deps.db
      .select({ entryId: reviews.entryId, jurorId: reviews.jurorId })
      .from(reviews)
      .where(eq(reviews.roundId, roundId)),
  ]);
  const startedSet = new Set(started.map((r) => `${r.jurorId}/${r.entryId}`));
  const conflicts = roundRows.flatMap((e) =>
    jurorList.filter((j) => conflicted(j, e)).map((j) => ({ jurorId: j.id, entryId: e.id })),
  );
  // A pair that became a conflict since (a declared employer, a recusal) is not kept: assignJurors
  // keeps every kept pair as given, and the juror can no longer reach that entry anyway.
  const conflictSet = new Set(conflicts.map((c) => `${c.jurorId}/${c.entryId}`));
  const kept = existing.filter(
    (a) =>
      !conflictSet.has(`${a.jurorId}/${a.entryId}`) &&
      (a.source === 'manual' || startedSet.has(`${a.jurorId}/${a.entryId}`)),
  );
  const result = assignJurors({
    entries: roundRows.map((e) => ({
      id: e.id,
      language: e.language,
      categoryId: e.categoryId ?? '',
      summaryLanguages: entrySummaryLanguages(
        e.summaryTranslation,
        rubricByCategory.get(e.categoryId ?? '')?.summaryLanguages ?? [],
      ),
    })),
    jurors: jurorList.map((j) => ({ id: j.id, languages: j.languages, expertise: j.expertise, cap: j.cap })),
    conflicts,
    kept: kept.map((a) => ({ jurorId: a.jurorId, entryId: a.entryId })),
    perEntry: round.perEntry,
  });
  const now = deps.clock();
  const keptSet = new Set(kept.map((a) => `${a.jurorId}/${a.entryId}`));
  const fresh = result.assignments.filter((a) => !keptSet.has(`${a.jurorId}/${a.entryId}`));
  const run: AssignmentRun = {
    at: now.toISOString(),
    cost: result.cost,
    worstQuality: result.worstQuality,
    loadSpread: result.loadSpread,
    uncovered: result.uncovered,
  };
  const keepIds = kept.map((a) => a.id);
  const inserts = [];
  for (let i = 0; i < fresh.length; i += ROWS_PER_INSERT) {
    inserts.push(
      deps.db.insert(assignments).values(
        fresh.slice(i, i + ROWS_PER_INSERT).map((a) => ({
          id: crypto.randomUUID(),
          roundId,
          entryId: a.entryId,
          jurorId: a.jurorId,
          source: 'auto' as const,
          quality: a.quality,
          createdAt: now,
        })),
      ),
    );
  }
  await deps.db.batch([
    deps.db
      .delete(assignments)
      .where(
        keepIds.length
          ? and(eq(assignments.roundId, roundId), sql`${assignments.id} NOT IN ${keepIds}`)
          : eq(assignments.roundId, roundId),
      ),
    ...inserts,
    deps.db.update(rounds).set({ lastRun: run, updatedAt: now }).where(eq(rounds.id, roundId)),
    audit(
      deps.db,
      {
        actorId,
        action: 'jury.assignment.run',
        objectType: 'round',
        objectId: roundId,
        details: { assignments: result.assignments.length, uncovered: result.uncovered.length, kept: kept.length },
      },
      now,
    ),
  ]);
  return { ...run, assignments: result.assignments.length, kept: kept.length };
}

/**
 * Adds or removes one juror of one entry by hand. An added juror must be an accepted juror of the
 * edition, not in conflict, and read the entry (or its accepted summary language); a juror who
 * has saved a review of the entry is not removed. Audited.
 * @throws AppError `request.notFound` (404) when the round, juror or entry is not of this round
 * @throws AppError `jury.conflicted` (409) when the juror is in conflict with the entry
 * @throws AppError `jury.noReader` (422) when the juror reads neither its language nor an accepted summary language
 * @throws AppError `jury.reviewStarted` (409) when removing a juror who has saved a review
 */
export async function adjustAssignment(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  roundId: string,
  input: z.infer<typeof adjustInput>,
) {
  const round = await roundOf(deps.db, editionId, roundId);
  const jurorList = await acceptedJurors(deps.db, editionId);
  const juror = jurorList.find((j) => j.id === input.jurorId);
  const entry = (await roundEntries(deps.db, round)).find((e) => e.id === input.entryId);
  if (!juror || !entry) throw new AppError('request.notFound', 404);
  const now = deps.clock();
  const auditRow = audit(
    deps.db,
    {
      actorId,
      action: 'jury.assignment.adjusted',
      objectType: 'round',
      objectId: roundId,
      details: { action: input.action, entry: input.entryId, juror: input.jurorId },
    },
    now,
  );
  const pair = and(
    eq(assignments.roundId, roundId),
    eq(assignments.entryId, input.entryId),
    eq(assignments.jurorId, input.jurorId),
  );
  if (input.action === 'remove') {
    const started = await deps.db
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.roundId, roundId), eq(reviews.entryId, input.entryId), eq(reviews.jurorId, input.jurorId)))
      .get();
    if (started) throw new AppError('jury.reviewStarted', 409);
    await deps.db.batch([deps.db.delete(assignments).where(pair), auditRow]);
    return;
  }
  if (conflicted(juror, entry)) throw new AppError('jury.conflicted', 409);
  const rubric = (await rubricsOf(deps.db, editionId)).get(entry.categoryId ?? '');
  const readable = {
    language: entry.language,
    summaryLanguages: entrySummaryLanguages(entry.summaryTranslation, rubric?.summaryLanguages ?? []),
  };
  if (!readsEntry(juror.languages, readable)) throw new AppError('jury.noReader', 422);
  await deps.db.batch([
    deps.db
      .insert(assignments)
      .values({
        id: crypto.randomUUID(),
        roundId,
        entryId: input.entryId,
        jurorId: input.jurorId,
        source: 'manual',
        quality: readingQuality(juror.languages, readable),
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [assignments.roundId, assignments.entryId, assignments.jurorId],
        set: { source: 'manual' },
      }),
    auditRow,
  ]);
}

/**
 * The managers' view of a round: coverage (every entry with its jurors and submitted reviews,
 * flagged when short of k), each juror's progress, and the last assignment's explanation.
 * Conflicted pairs do not count as coverage. A ranked round is decided by one ballot per category
 * (functions/results/ballots.service.ts), so there `unit` is `ballots`: a juror's `assigned` counts
 * the categories they have an entry of, `submitted`/`drafts` their ballots of those categories, and
 * an entry's `submitted` the submitted ballots of its jurors for its category. Otherwise `unit` is
 * `reviews` and everything counts reviews.
 * @throws AppError `request.notFound` (404) when the round is not of this edition
 */
export async function roundProgress(deps: Pick<Deps, 'db' | 'clock'>, editionId: string, roundId: string) {
  const round = await roundOf(deps.db, editionId, roundId);
  const ranked = round.kind === 'ranked';
  const [roundRows, jurorList, pairs, saved, cast] = await Promise.all([
    roundEntries(deps.db, round),
    acceptedJurors(deps.db, editionId),
    deps.db.select().from(assignments).where(eq(assignments.roundId, roundId)),
    deps.db
      .select({ entryId: reviews.entryId, jurorId: reviews.jurorId, state: reviews.state })
      .from(reviews)
      .where(eq(reviews.roundId, roundId)),
    ranked
      ? deps.db
          .select({ categoryId: ballots.categoryId, jurorId: ballots.jurorId, state: ballots.state })
          .from(ballots)
          .where(eq(ballots.roundId, roundId))
      : Promise.resolve([]),
  ]);
  const jurorById = new Map(jurorList.map((j) => [j.id, j]));
  const entryById = new Map(roundRows.map((e) => [e.id, e]));
  const live = pairs.filter((p) => {
    const j = jurorById.get(p.jurorId);
    const e = entryById.get(p.entryId);
    return j && e && !conflicted(j, e);
  });
  const ballotState = (jurorId: string, categoryId: string | null) =>
    cast.find((b) => b.jurorId === jurorId && b.categoryId === categoryId)?.state ?? null;
  const state = (p: { entryId: string; jurorId: string }) =>
    ranked
      ? ballotState(p.jurorId, entryById.get(p.entryId)?.categoryId ?? null)
      : (saved.find((r) => r.entryId === p.entryId && r.jurorId === p.jurorId)?.state ?? null);
  const coverage = roundRows.map((e) => {
    const mine = live.filter((p) => p.entryId === e.id);
    const submitted = mine.filter((p) => state(p) === 'submitted').length;
    return {
      entryId: e.id,
      number: e.number,
      title: e.title,
      language: e.language,
      jurors: mine.length,
      submitted,
      short: mine.length < round.perEntry,
    };
  });
  const progress = jurorList.map((j) => {
    const mine = live.filter((p) => p.jurorId === j.id);
    if (ranked) {
      const categories = [...new Set(mine.map((p) => entryById.get(p.entryId)?.categoryId ?? null))];
      return {
        jurorId: j.id,
        name: j.displayName,
        email: j.email,
        assigned: categories.length,
        submitted: categories.filter((c) => ballotState(j.id, c) === 'submitted').length,
        drafts: categories.filter((c) => ballotState(j.id, c) === 'draft').length,
      };
    }
    return {
      jurorId: j.id,
      name: j.displayName,
      email: j.email,
      assigned: mine.length,
      submitted: mine.filter((p) => state(p) === 'submitted').length,
      drafts: mine.filter((p) => state(p) === 'draft').length,
    };
  });
  return {
    round: { id: round.id, kind: round.kind, perEntry: round.perEntry, state: roundState(round, deps.clock()) },
    /** What `progress` and the coverage's `submitted` count: reviews, or (ranked rounds) ballots. */
    unit: ranked ? ('ballots' as const) : ('reviews' as const),
    coverage,
    short: coverage.filter((c) => c.short).length,
    progress,
    lastRun: round.lastRun,
  };
}

/**
 * The juror's unfinished work in a round (what reminders count): assigned, reachable entries whose
 * review is not submitted; in a ranked round, which is decided by one ballot per category, the
 * categories of those entries whose ballot is not submitted (as `roundProgress` counts them).
 */
export async function unfinishedCount(db: Db, juror: JurorContext, roundId: string): Promise<number> {
  const [round, rows] = await Promise.all([
    db.select({ kind: rounds.kind }).from(rounds).where(eq(rounds.id, roundId)).get(),
    db
      .select({ ...entryColumns, state: reviews.state })
      .from(assignments)
      .innerJoin(entries, eq(entries.id, assignments.entryId))
      .leftJoin(
        reviews,
        and(
          eq(reviews.roundId, assignments.roundId),
          eq(reviews.entryId, assignments.entryId),
          eq(reviews.jurorId, juror.id),
        ),
      )
      .where(and(eq(assignments.roundId, roundId), eq(assignments.jurorId, juror.id), eq(entries.status, 'submitted'))),
  ]);
  const reachable = rows.filter((r) => !conflicted(juror, r));
  if (round?.kind !== 'ranked') return reachable.filter((r) => r.state !== 'submitted').length;
  const submitted = new Set(
    (
      await db
        .select({ categoryId: ballots.categoryId })
        .from(ballots)
        .where(and(eq(ballots.roundId, roundId), eq(ballots.jurorId, juror.id), eq(ballots.state, 'submitted')))
    ).map((b) => b.categoryId),
  );
  return new Set(reachable.map((r) => r.categoryId).filter((c) => c !== null && !submitted.has(c))).size;
}

/** The reminder mail for one juror of a round, in the juror's language. */
export function reminderFor(
  deps: Pick<Deps, 'config'>,
  juror: JurorContext,
  round: typeof rounds.$inferSelect,
  count: number,
) {
  const locale = toLocale(juror.locale);
  return reminderMail(
    locale,
    juror.email,
    round.name[locale] ?? round.name.en ?? '',
    `${formatInstant(locale, round.closesAt)} (${EDITION_ZONE})`,
    count,
    `${deps.config.publicOrigin}${localizedPath(locale, `/jury/${round.editionId}/rounds/${round.id}/`)}`,
    // A ranked round's count is of ballots (one per category, unfinishedCount), not of entries.
    round.kind === 'ranked' ? 'ballots' : 'reviews',
  );
}

/**
 * A manager reminds one juror of their unfinished reviews in a round, now (mailed in the juror's
 * language). Returns how many are unfinished (0: no mail). Audited.
 * @throws AppError `request.notFound` (404) when the round or juror is not of this edition
 */
export async function remindJuror(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  roundId: string,
  jurorId: string,
) {
  const round = await roundOf(deps.db, editionId, roundId);
  const juror = (await acceptedJurors(deps.db, editionId)).find((j) => j.id === jurorId);
  if (!juror) throw new AppError('request.notFound', 404);
  const count = await unfinishedCount(deps.db, juror, roundId);
  if (count === 0) return 0;
  const now = deps.clock();
  await deps.db.batch([
    enqueueMail(deps.db, reminderFor(deps, juror, round, count), now),
    audit(
      deps.db,
      { actorId, action: 'jury.reminder.sent', objectType: 'juror', objectId: jurorId, details: { round: roundId } },
      now,
    ),
  ]);
  return count;
}

export { acceptedJurors };
