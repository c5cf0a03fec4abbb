// The juror's side: "my entries", the blind entry view and its files, saving a review (versioned,
// one per juror per entry, only while the round is open), and "next entry".
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { blindView } from '../competition/blind.ts';
import {
  assignments,
  auditLog,
  entries,
  entryConflicts,
  entryFiles,
  jurorConflicts,
  jurors,
  reviews,
  rounds,
  rubrics,
  users,
} from '../db/schema/index.ts';
import { type Counter, countedAfter, countedAndGuarded, isLimitAbort, rateLimited } from '../http/rate-limit.ts';
import {
  type BatchedActor,
  rolesUnchanged,
  sessionFreshFor,
  sessionUserId,
  TOUCH_EVERY_MS,
} from '../accounts/sessions.ts';
import type { Db } from '../db/client.ts';
import { commitTogether } from '../db/group-commit.ts';
import { encoded, ph, preparedQuery } from '../db/prepared.ts';
import type { RubricCriterion } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { blindCopyRefusal, makeBlindCopy } from '../uploads/blind-copy.service.ts';
import { blindKey } from '../uploads/uploads.service.ts';
import { attachmentDisposition } from '../uploads/file-name.ts';
import { fileKinds, kindInfo } from '../uploads/sniff.ts';
import {
  conflicted,
  entryColumns,
  type JurorContext,
  type JuryEntryRow,
  jurorContextOf,
  notFound,
  reachableEntries,
  reachableEntry,
  rubricsOf,
} from './access.ts';
import type { MyEntry, ReviewInput, ReviewView, ScoreScale } from './jury.schemas.ts';
import { roundState, scoreProblems } from './rules.ts';
import { boundedCache } from '../../core/bounded-cache.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;
type ReviewRow = typeof reviews.$inferSelect;

const reviewView = (r: ReviewRow): ReviewView => ({
  version: r.version,
  state: r.state,
  scores: r.scores,
  verdict: r.verdict,
  rank: r.rank,
  abstained: r.abstained,
  commentForJury: r.commentForJury,
  commentForEntrant: r.commentForEntrant,
  updatedAt: r.updatedAt.toISOString(),
});

const ownReview = (deps: ServiceDeps, juror: JurorContext, roundId: string, entryId: string) =>
  deps.db
    .select()
    .from(reviews)
    .where(and(eq(reviews.roundId, roundId), eq(reviews.entryId, entryId), eq(reviews.jurorId, juror.id)))
    .get();

/**
 * "My entries" in a round: the entries assigned to the juror that they may reach (never one in
 * conflict: S08, S10), with their own review's state, and the progress counted from that list.
 * @throws AppError `request.notFound` (404) when the round is not of the juror's edition
 */
export async function myEntries(deps: ServiceDeps, juror: JurorContext, roundId: string) {
  const round = await deps.db
    .select()
    .from(rounds)
    .where(and(eq(rounds.id, roundId), eq(rounds.editionId, juror.editionId)))
    .get();
  if (!round) throw new AppError('request.notFound', 404);
  const list = await reachableEntries(deps.db, juror, roundId);
  const own = list.length
    ? await deps.db
        .select({ entryId: reviews.entryId, state: reviews.state, version: reviews.version })
        .from(reviews)
        .where(
          and(
            eq(reviews.roundId, roundId),
            eq(reviews.jurorId, juror.id),
            inArray(
              reviews.entryId,
              list.map((e) => e.id),
            ),
          ),
        )
    : [];
  const entries: MyEntry[] = list.map((e) => {
    const r = own.find((x) => x.entryId === e.id);
    return {
      entryId: e.id,
      number: e.number,
      title: e.title,
      language: e.language,
      categoryId: e.categoryId,
      review: r ? { state: r.state, version: r.version } : null,
    };
  });
  return {
    round: {
      id: round.id,
      kind: round.kind,
      name: round.name,
      opensAt: round.opensAt.toISOString(),
      closesAt: round.closesAt.toISOString(),
      state: roundState(round, deps.clock()),
    },
    entries,
    progress: {
      total: entries.length,
      submitted: entries.filter((e) => e.review?.state === 'submitted').length,
      drafts: entries.filter((e) => e.review?.state === 'draft').length,
    },
  };
}

/**
 * The blind view of one entry for a juror (S09: only `blindView`'s fields; files by neutral names
 * through the blind-copy route), the category's rubric, the juror's own review, and the others'
 * reviews as the round's visibility allows (their names only when the round shows names). Files no
 * blind copy can be made of (`blindCopyRefusal`: a type without a metadata stripper, or too large)
 * are left out, so a juror never meets a file that answers 422; `filesWithheld` counts them (the
 * managers' conflicts page lists them).
 * @throws AppError `request.notFound` (404) for any entry the juror may not reach, exactly as for a missing id
 */
export async function entryForJuror(deps: ServiceDeps, juror: JurorContext, roundId: string, entryId: string) {
  const round = await deps.db
    .select()
    .from(rounds)
    .where(and(eq(rounds.id, roundId), eq(rounds.editionId, juror.editionId)))
    .get();
  if (!round) throw new AppError('request.notFound', 404);
  const entry = await reachableEntry(deps.db, juror, roundId, entryId);
  const [files, rubric, own] = await Promise.all([
    deps.db
      .select({ id: entryFiles.id, kind: entryFiles.kind, type: entryFiles.type, size: entryFiles.size })
      .from(entryFiles)
      .where(eq(entryFiles.entryId, entryId))
      .orderBy(asc(entryFiles.createdAt), asc(entryFiles.id)),
    rubricsOf(deps.db, juror.editionId).then((m) => m.get(entry.categoryId ?? '')),
    ownReview(deps, juror, roundId, entryId),
  ]);
  const othersVisible =
    round.visibility === 'always' || (round.visibility === 'afterOwn' && own?.state === 'submitted');
  const others = othersVisible
    ? await deps.db
        .select({ review: reviews, name: users.displayName })
        .from(reviews)
        .innerJoin(jurors, eq(jurors.id, reviews.jurorId))
        .innerJoin(users, eq(users.id, jurors.userId))
        .where(
          and(
            eq(reviews.roundId, roundId),
            eq(reviews.entryId, entryId),
            eq(reviews.state, 'submitted'),
            sql`${reviews.jurorId} <> ${juror.id}`,
          ),
        )
        .orderBy(asc(reviews.submittedAt))
    : [];
  return {
    round: {
      id: round.id,
      kind: round.kind,
      name: round.name,
      closesAt: round.closesAt.toISOString(),
      state: roundState(round, deps.clock()),
      visibility: round.visibility,
    },
    /** The juror's own id: the browser keeps unsent text under it (with round and entry). */
    jurorId: juror.id,
    entry: blindView(entry),
    filesWithheld: files.length - files.filter((f) => !blindCopyRefusal(f.type, f.size)).length,
    files: files
      .filter((f) => !blindCopyRefusal(f.type, f.size))
      .map((f) => {
        const kind = fileKinds.find((k) => kindInfo[k].mime === f.type);
        return {
          id: f.id,
          kind: f.kind,
          type: f.type,
          size: f.size,
          /** A neutral name (S09): never the uploaded file's own. */
          name: `file-${f.id.slice(0, 8)}.${kind ? kindInfo[kind].ext : 'bin'}`,
        };
      }),
    rubric: rubric?.criteria ?? [],
    review: own ? reviewView(own) : null,
    others: others.map((o, i) => ({
      juror: round.namesShown ? (o.name ?? `#${i + 1}`) : `#${i + 1}`,
      ...reviewView(o.review),
      commentForEntrant: undefined,
    })),
  };
}

/** The refusal of a save based on an older version: 409 with the stored review, so the juror can compare. */
const versionConflict = (current: ReviewRow) =>
  new AppError('jury.versionConflict', 409, [], undefined, { current: reviewView(current) });

// The score save's statements, built once (../db/prepared.ts): building their SQL per request
// cost more CPU than running them. Values by placeholder name: `editionId`, `roundId`, `entryId`,
// `sessionHash` (the session's user: `sessionUserId`, read in the same batch as the session).

/** The juror's id in the edition, for the session's user (SQL). */
const saveJurorId = sql`(SELECT ${jurors.id} FROM ${jurors} WHERE ${jurors.editionId} = ${ph('editionId')} AND ${jurors.userId} = ${sessionUserId})`;

/**
 * The juror (the session's user in the edition) with their name, address and locale, their declared
 * conflicts and their recorded entry conflicts (JSON arrays): one statement.
 */
const saveJurorRead = preparedQuery<
  { editionId: string; sessionHash: string },
  {
    juror: typeof jurors.$inferSelect;
    email: string | null;
    displayName: string | null;
    locale: string | null;
    declared: string;
    recorded: string;
  }[]
>((db) =>
  db
    .select({
      juror: jurors,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
      declared: sql<string>`(SELECT json_group_array(json_object('kind', ${jurorConflicts.kind}, 'name', ${jurorConflicts.name})) FROM ${jurorConflicts} WHERE ${jurorConflicts.jurorId} = ${jurors.id})`,
      recorded: sql<string>`(SELECT json_group_array(${entryConflicts.entryId}) FROM ${entryConflicts} WHERE ${entryConflicts.jurorId} = ${jurors.id})`,
    })
    .from(jurors)
    .leftJoin(users, eq(users.id, jurors.userId))
    .where(and(eq(jurors.editionId, ph('editionId')), eq(jurors.userId, sessionUserId))),
);

/**
 * The entry as the juror may reach it in the round (assigned, submitted, of the edition), with the
 * round (of the edition), its category's rubric criteria (null without a rubric) and the juror's own
 * review's version, state and submission time (null before the first save): one statement, no row
 * when the round or the entry is out of reach.
 */
const saveEntryRead = preparedQuery<
  { editionId: string; roundId: string; entryId: string; sessionHash: string },
  {
    entry: JuryEntryRow;
    round: Pick<typeof rounds.$inferSelect, 'kind' | 'opensAt' | 'closesAt'>;
    criteria: RubricCriterion[] | null;
    own: { version: number; state: ReviewRow['state']; submittedAt: Date | null } | null;
  }[]
>((db) =>
  db
    .select({
      entry: entryColumns,
      // Only columns whose names no other selected column has: D1 hands batch rows over by name.
      round: { kind: rounds.kind, opensAt: rounds.opensAt, closesAt: rounds.closesAt },
      criteria: sql<
        RubricCriterion[] | null
      >`(SELECT ${rubrics.criteria} FROM ${rubrics} WHERE ${rubrics.categoryId} = ${entries.categoryId} AND ${rubrics.editionId} = ${ph('editionId')})`.mapWith(
        rubrics.criteria,
      ),
      own: { version: reviews.version, state: reviews.state, submittedAt: reviews.submittedAt },
    })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .innerJoin(rounds, and(eq(rounds.id, assignments.roundId), eq(rounds.editionId, ph('editionId'))))
    .leftJoin(
      reviews,
      and(
        eq(reviews.roundId, assignments.roundId),
        eq(reviews.entryId, assignments.entryId),
        eq(reviews.jurorId, assignments.jurorId),
      ),
    )
    .where(
      and(
        eq(assignments.roundId, ph('roundId')),
        eq(assignments.jurorId, saveJurorId),
        eq(assignments.entryId, ph('entryId')),
        eq(entries.status, 'submitted'),
        eq(entries.editionId, ph('editionId')),
      ),
    ),
);

/** The review's columns a save writes, as placeholders of the same names. */
const savedColumns = {
  scores: ph('scores'),
  verdict: ph('verdict'),
  rank: ph('rank'),
  abstained: ph('abstained'),
  commentForJury: ph('commentForJury'),
  commentForEntrant: ph('commentForEntrant'),
  state: ph('state'),
  updatedAt: ph('updatedAt'),
  submittedAt: ph('submittedAt'),
  version: ph('version'),
  saveId: ph('saveId'),
};
type SavedValues = Pick<
  ReviewRow,
  | 'scores'
  | 'verdict'
  | 'rank'
  | 'abstained'
  | 'commentForJury'
  | 'commentForEntrant'
  | 'state'
  | 'updatedAt'
  | 'submittedAt'
  | 'version'
  | 'saveId'
>;

/** The first save: inserted unless a review of the juror, round and entry exists (S11); returns the row written. */
const insertReview = preparedQuery<
  SavedValues & { id: string; roundId: string; entryId: string; jurorId: string; createdAt: Date },
  ReviewRow[]
>((db) =>
  db
    .insert(reviews)
    .values({
      id: ph('id'),
      roundId: ph('roundId'),
      entryId: ph('entryId'),
      jurorId: ph('jurorId'),
      createdAt: ph('createdAt'),
      ...savedColumns,
    })
    .onConflictDoNothing()
    .returning(),
);

/** What an update by a save writes into the review row, each column from its placeholder of the same name. */
const updatedColumns = () => ({
  scores: encoded('scores', reviews.scores),
  verdict: encoded('verdict', reviews.verdict),
  rank: encoded('rank', reviews.rank),
  abstained: encoded('abstained', reviews.abstained),
  commentForJury: encoded('commentForJury', reviews.commentForJury),
  commentForEntrant: encoded('commentForEntrant', reviews.commentForEntrant),
  state: encoded('state', reviews.state),
  updatedAt: encoded('updatedAt', reviews.updatedAt),
  submittedAt: encoded('submittedAt', reviews.submittedAt),
  version: encoded('version', reviews.version),
  saveId: encoded('saveId', reviews.saveId),
});

/** The review row of the juror `jurorId` for `entryId` in `roundId`, at the version `before`. */
const atVersion = () => [
  eq(reviews.roundId, ph('roundId')),
  eq(reviews.entryId, ph('entryId')),
  eq(reviews.jurorId, ph('jurorId')),
  eq(reviews.version, ph('before')),
];

/** A later save: only onto the version it names (`before`); returns the row written, none when it was saved since. */
const updateReview = preparedQuery<
  SavedValues & { roundId: string; entryId: string; jurorId: string; before: number },
  ReviewRow[]
>((db) =>
  db
    .update(reviews)
    .set(updatedColumns())
    .where(and(...atVersion()))
    .returning(),
);

/**
 * {@link updateReview} for the fast path, guarded in SQL by what the slow path checks in JS, as the
 * hint saw it: the session fresh and the user's ({@link sessionFreshFor}) with the same roles
 * ({@link rolesUnchanged}: the permission holds); the juror accepted, with the same employer,
 * address, name, declared and recorded conflicts; the entry assigned to the juror in the round,
 * submitted, of the edition, with the same entrant, outlet, authors and conflicts (so it is no
 * more in conflict than it was); the round of the edition, of the same kind, open by the clock,
 * with the same rubric; and the own review at the version, state and submission time the hint
 * knows. Any difference: no row changed, and the slow path decides. RETURNING the row written.
 */
const guardedReviewUpdate = preparedQuery<Record<string, unknown>, ReviewRow[]>((db) =>
  db
    .update(reviews)
    .set(updatedColumns())
    .where(
      and(
        ...atVersion(),
        sql`${reviews.state} = ${ph('ownState')}`,
        sql`${reviews.submittedAt} IS ${ph('ownSubmittedAt')}`,
        sessionFreshFor,
        rolesUnchanged,
        sql`EXISTS (SELECT 1 FROM ${jurors} LEFT JOIN ${users} ON ${users.id} = ${jurors.userId} WHERE ${jurors.id} = ${ph('jurorId')} AND ${jurors.editionId} = ${ph('editionId')} AND ${jurors.userId} = ${ph('userId')} AND ${jurors.acceptedAt} IS NOT NULL AND ${jurors.employer} = ${ph('employer')} AND ${users.email} IS ${ph('email')} AND ${users.displayName} IS ${ph('displayName')})`,
        sql`(SELECT json_group_array(json_object('kind', ${jurorConflicts.kind}, 'name', ${jurorConflicts.name})) FROM ${jurorConflicts} WHERE ${jurorConflicts.jurorId} = ${ph('jurorId')}) = ${ph('declared')}`,
        sql`(SELECT json_group_array(${entryConflicts.entryId}) FROM ${entryConflicts} WHERE ${entryConflicts.jurorId} = ${ph('jurorId')}) = ${ph('recorded')}`,
        sql`EXISTS (SELECT 1 FROM ${assignments} INNER JOIN ${entries} ON ${entries.id} = ${assignments.entryId} INNER JOIN ${rounds} ON ${rounds.id} = ${assignments.roundId} WHERE ${assignments.roundId} = ${ph('roundId')} AND ${assignments.jurorId} = ${ph('jurorId')} AND ${assignments.entryId} = ${ph('entryId')} AND ${entries.status} = 'submitted' AND ${entries.editionId} = ${ph('editionId')} AND ${rounds.editionId} = ${ph('editionId')} AND ${rounds.kind} = ${ph('kind')} AND ${rounds.opensAt} <= ${ph('now')} AND ${rounds.closesAt} > ${ph('now')} AND ${entries.entrantId} = ${ph('entrantId')} AND ${entries.outlet} = ${ph('outlet')} AND json(${entries.authors}) = json(${ph('authors')}) AND ${entries.conflicts} = ${ph('conflicts')} AND json((SELECT ${rubrics.criteria} FROM ${rubrics} WHERE ${rubrics.categoryId} = ${entries.categoryId} AND ${rubrics.editionId} = ${ph('editionId')})) IS json(${ph('criteria')}))`,
      ),
    )
    .returning(),
);

/** The save's audit row, written only when the review row carries this save's id (the save took effect). */
const auditSave = preparedQuery<
  {
    id: string;
    at: number;
    actorId: string;
    details: string;
    roundId: string;
    entryId: string;
    jurorId: string;
    saveId: string;
  },
  unknown
>((db) =>
  db.insert(auditLog).select(
    db
      .select({
        id: sql<string>`${ph('id')}`.as('id'),
        at: sql<Date>`${ph('at')}`.as('at'),
        actorId: sql<string>`${ph('actorId')}`.as('actor_id'),
        action: sql<string>`'jury.review.saved'`.as('action'),
        objectType: sql<string>`'review'`.as('object_type'),
        objectId: reviews.id,
        details: sql<string>`${ph('details')}`.as('details'),
      })
      .from(reviews)
      .where(
        and(
          eq(reviews.roundId, ph('roundId')),
          eq(reviews.entryId, ph('entryId')),
          eq(reviews.jurorId, ph('jurorId')),
          eq(reviews.saveId, ph('saveId')),
        ),
      ),
  ),
);

/** The juror's stored review, read after a save that did not take effect (for the 409's `current`). */
const storedReview = preparedQuery<{ roundId: string; entryId: string; jurorId: string }, ReviewRow[]>((db) =>
  db
    .select()
    .from(reviews)
    .where(
      and(eq(reviews.roundId, ph('roundId')), eq(reviews.entryId, ph('entryId')), eq(reviews.jurorId, ph('jurorId'))),
    ),
);

/**
 * Saves the signed-in juror's review of an entry. The save names the version it edits (0 for the
 * first): a save on an older version is refused with the current one (409), never overwriting it;
 * of two first saves at once exactly one is stored (S11: unique index, conditional insert). Only
 * while the round is open by the server's clock (no extensions for jurors). Audited in the same
 * batch, only when the save took effect. An autosave (`input.autosave`) of a submitted review
 * keeps it submitted, with its submission time, as long as it is complete. Returns the stored
 * review.
 *
 * A later save (version > 0) costs ONE round trip when this isolate saved this review in this
 * session before (it then remembers what the checks below passed on, {@link ReviewHint}): one
 * batch of the update guarded in SQL by all of it ({@link guardedReviewUpdate}: never looser than
 * the checks), the counter (counting only if the update took effect; over its limit the batch
 * fails as a whole, 429) and the audit row. When the update did not take effect, the slow path
 * follows and answers: two round trips, one batch of three reads (the session `who`; the juror
 * with their name and conflicts; the entry as the juror may reach it with the round, its rubric
 * and the own review's version), then one batch — one write transaction — that counts the hits on
 * the juror's counters (`countersOf`, each guarding its limit), writes the review (RETURNING the
 * row written) and its audit row. A save refused as a version conflict reads the stored review
 * once more, for the 409. `parseInput` runs once the session, the juror, the entry and the open
 * round are accepted (and on the fast path once before any batch: it must depend on its argument only).
 * @throws AppError `auth.required` (401) or `auth.forbidden` (403) from `who` (session, permission)
 * @throws AppError `auth.forbidden` (403) when the actor is not an accepted juror of the edition
 * @throws AppError from `parseInput` (422) for an invalid review body, given the round's rubric (null for a
 *   round without one) so that scores off their scale are reported with every other problem; it runs
 *   after the 404 and 409 checks below
 * @throws AppError `request.rateLimited` (429, Retry-After) when one of the counters is over its limit
 * @throws AppError `request.notFound` (404) for a round of another edition, and for any entry the juror
 *   may not reach, as for a missing id
 * @throws AppError `jury.roundClosed` (409) outside the round's open–close interval
 * @throws AppError `validation.failed` (422, `jury.scoreInvalid`) for an unknown criterion or a value off its scale
 * @throws AppError `jury.incomplete` (422) when submitting without a score or abstention for every criterion
 * @throws AppError `validation.failed` (422, `ballot.rankOnReview` on `rank`) for a rank in a ranked round:
 *   ranked rounds are decided by one ballot per category (functions/results/ballots.service.ts)
 * @throws AppError `jury.versionConflict` (409, details.current) when the review was saved since `version`
 */
export async function saveReview(
  deps: ServiceDeps,
  who: BatchedActor,
  editionId: string,
  roundId: string,
  entryId: string,
  parseInput: (criteria: readonly ScoreScale[] | null) => ReviewInput,
  countersOf: (userId: string) => readonly Counter[] = () => [],
): Promise<ReviewView> {
  const { db } = deps;
  const now = deps.clock();
  const sessionHash = who.sessionHash;
  const hintKey = `${sessionHash} ${editionId} ${roundId} ${entryId}`;
  const fast = fastReview(db, reviewHints.get(hintKey), parseInput, countersOf, {
    editionId,
    roundId,
    entryId,
    sessionHash,
    now,
  });
  if (fast) {
    let results: unknown[];
    try {
      results = await commitTogether(db, fast.statements as unknown as [(typeof fast.statements)[0]]);
    } catch (error) {
      if (isLimitAbort(error)) throw rateLimited(fast.counters[0]!);
      throw error;
    }
    // The guarded update changed the row: every check below would pass (the guard is no looser).
    const written = (results[0] as ReviewRow[])[0];
    if (written) {
      reviewHints.set(hintKey, { ...fast.hint, own: ownOf(written) });
      return reviewView(written);
    }
    // Refused: what the hint remembers no longer holds. The slow path below remembers afresh if it
    // writes; else the next save reads first instead of trying a batch that is refused again.
    reviewHints.delete(hintKey);
  }
  const [sessionRows, jurorRows, entryRows] = await db.batch([
    who.query,
    saveJurorRead(db, { editionId, sessionHash }),
    saveEntryRead(db, { editionId, roundId, entryId, sessionHash }),
  ]);
  // Nothing read is used before the session (and the permission) is accepted.
  const actor = await who.resolve(sessionRows);
  const jurorRow = jurorRows[0];
  if (!jurorRow?.juror.acceptedAt) throw new AppError('auth.forbidden', 403);
  const counters = countersOf(actor.userId);
  const juror = jurorContextOf(
    jurorRow.juror,
    jurorRow.email === null
      ? undefined
      : { email: jurorRow.email, displayName: jurorRow.displayName, locale: jurorRow.locale ?? 'en' },
    JSON.parse(jurorRow.declared) as { kind: (typeof jurorConflicts.$inferSelect)['kind']; name: string }[],
    JSON.parse(jurorRow.recorded) as string[],
  );
  const read = entryRows[0];
  // No row: the round is not of the edition, or the entry is out of the juror's reach (the same 404).
  if (!read || conflicted(juror, read.entry)) throw notFound();
  const { round } = read;
  if (roundState(round, now) !== 'open') throw new AppError('jury.roundClosed', 409);
  const criteria = round.kind === 'rubric' ? (read.criteria ?? []) : [];
  // Parsed once the round's rubric is known, so every problem of the form (a score off its scale
  // beside an unknown verdict) is reported at once.
  const input = parseInput(round.kind === 'rubric' ? criteria : null);
  const values = reviewValues(round.kind, criteria, read.own, input, now);
  const hint: ReviewHint = {
    userId: actor.userId,
    roles: sessionRows[0]!.roles,
    juror: {
      id: juror.id,
      employer: jurorRow.juror.employer,
      email: jurorRow.email,
      displayName: jurorRow.displayName,
      declared: jurorRow.declared,
      recorded: jurorRow.recorded,
    },
    entry: {
      entrantId: read.entry.entrantId,
      outlet: read.entry.outlet,
      authors: JSON.stringify(read.entry.authors),
      conflicts: read.entry.conflicts,
    },
    kind: round.kind,
    opensAt: round.opensAt,
    closesAt: round.closesAt,
    criteria: read.criteria,
    own: read.own,
  };
  const row = { roundId, entryId, jurorId: juror.id };
  // The write and its audit entry in one batch; the audit row exists only if the write did.
  const write =
    input.version === 0
      ? insertReview(db, { ...values, ...row, id: crypto.randomUUID(), createdAt: now })
      : updateReview(db, { ...values, ...row, before: input.version });
  const auditRow = auditOf(db, row, values, juror.userId, now);
  let results: unknown[];
  try {
    results = await commitTogether(db, [...countedAndGuarded(db, counters, now), write, auditRow] as unknown as [
      typeof write,
    ]);
  } catch (error) {
    if (isLimitAbort(error)) throw rateLimited(counters[0]!);
    throw error;
  }
  const written = (results.at(-2) as ReviewRow[])[0];
  if (written) {
    reviewHints.set(hintKey, { ...hint, own: ownOf(written) });
    return reviewView(written);
  }
  // Not written: another save came first (or the review is gone).
  const [stored] = await storedReview(db, row);
  if (!stored) throw new AppError('jury.versionConflict', 409);
  throw versionConflict(stored);
}

/** The own review's version, state and submission time, as {@link saveEntryRead} reads them. */
const ownOf = (r: ReviewRow): ReviewHint['own'] => ({ version: r.version, state: r.state, submittedAt: r.submittedAt });

/** The save's audit row (written only if the review row carries this save's id). */
const auditOf = (
  db: Db,
  row: { roundId: string; entryId: string; jurorId: string },
  values: SavedValues,
  actorId: string,
  now: Date,
) =>
  auditSave(db, {
    ...row,
    saveId: values.saveId,
    id: crypto.randomUUID(),
    at: now.getTime(),
    actorId,
    details: JSON.stringify({ version: values.version, state: values.state }),
  });

/**
 * What a save writes, from the round's kind and rubric, the own review as read (`own`, null before
 * the first save) and the parsed input.
 * @throws AppError `validation.failed` (422, `ballot.rankOnReview` on `rank`) for a rank in a ranked round
 * @throws AppError `validation.failed` (422, `jury.scoreInvalid`) for an unknown criterion or a value off its scale
 * @throws AppError `jury.incomplete` (422) when submitting without a score or abstention for every criterion
 */
function reviewValues(
  kind: ReviewHint['kind'],
  criteria: readonly RubricCriterion[],
  own: ReviewHint['own'],
  input: ReviewInput,
  now: Date,
): SavedValues {
  // The Schulze count reads ballots only: a rank kept on a review would be ignored, so it is refused.
  if (kind === 'ranked' && input.rank !== null)
    throw new AppError('validation.failed', 422, [{ field: 'rank', code: 'ballot.rankOnReview' as const }]);
  const scores = kind === 'rubric' ? input.scores : {};
  const problems = scoreProblems(criteria, scores);
  if (problems.length)
    throw new AppError(
      'validation.failed',
      422,
      problems.map((key) => ({ field: `scores.${key}`, code: 'jury.scoreInvalid' as const })),
    );
  const complete =
    input.abstained ||
    (kind === 'rubric' ? criteria.every((c) => c.key in scores) : kind === 'screening' ? input.verdict !== '' : true);
  if (input.submit && !complete) throw new AppError('jury.incomplete', 422);
  // An autosave keeps a submitted review submitted (and its submission time) while it stays complete.
  const before = input.autosave && input.version > 0 ? (own ?? undefined) : undefined;
  const keepSubmitted = before?.version === input.version && before.state === 'submitted' && complete;
  const submit = input.submit || keepSubmitted;
  return {
    scores,
    verdict: kind === 'screening' && input.verdict !== '' ? input.verdict : null,
    rank: null,
    abstained: input.abstained,
    commentForJury: input.commentForJury,
    commentForEntrant: input.commentForEntrant,
    state: submit ? ('submitted' as const) : ('draft' as const),
    updatedAt: now,
    submittedAt: keepSubmitted && !input.submit ? before.submittedAt : submit ? now : null,
    version: input.version + 1,
    saveId: crypto.randomUUID(),
  };
}

/**
 * What an isolate remembers of a session's last save of a review, for {@link saveReview}'s one
 * round trip: everything the slow path's checks read, as read (the texts SQL gave, so the guard
 * can compare them in SQL): the session's user and roles, the juror and what their conflicts are
 * judged by, the entry's fields its conflicts are judged by, the round's kind and rubric, and the
 * own review as the last save left it. About the last 1,024 per isolate.
 */
interface ReviewHint {
  userId: string;
  roles: string;
  juror: {
    id: string;
    employer: string;
    email: string | null;
    displayName: string | null;
    declared: string;
    recorded: string;
  };
  entry: { entrantId: string; outlet: string; authors: string; conflicts: string };
  kind: (typeof rounds.$inferSelect)['kind'];
  /** When the round is open: the fast path is tried only then. */
  opensAt: Date;
  closesAt: Date;
  criteria: RubricCriterion[] | null;
  own: { version: number; state: ReviewRow['state']; submittedAt: Date | null } | null;
}
// 1,024 (up to 2,048 kept): a hint holds its rubric and conflict lists, some kilobytes each, in a 128 MB isolate.
const reviewHints = boundedCache<string, ReviewHint>(1024);

/**
 * The fast path's statements — the update guarded in SQL by everything the hint says the slow
 * path's checks passed on ({@link guardedReviewUpdate}), the counters (counting only if it took
 * effect), the audit row — or null: no hint, a first save (an insert: the slow way), a version
 * other than the one the hint knows, or an input the slow path would refuse (it then answers in
 * its own order).
 */
function fastReview(
  db: Db,
  hint: ReviewHint | undefined,
  parseInput: (criteria: readonly ScoreScale[] | null) => ReviewInput,
  countersOf: (userId: string) => readonly Counter[],
  at: { editionId: string; roundId: string; entryId: string; sessionHash: string; now: Date },
) {
  if (!hint?.own || at.now < hint.opensAt || at.now >= hint.closesAt) return null;
  const criteria = hint.kind === 'rubric' ? (hint.criteria ?? []) : [];
  let values: SavedValues;
  let input: ReviewInput;
  try {
    input = parseInput(hint.kind === 'rubric' ? criteria : null);
    if (input.version === 0 || input.version !== hint.own.version) return null;
    values = reviewValues(hint.kind, criteria, hint.own, input, at.now);
  } catch {
    return null;
  }
  const row = { roundId: at.roundId, entryId: at.entryId, jurorId: hint.juror.id };
  const counters = countersOf(hint.userId);
  const update = guardedReviewUpdate(db, {
    ...values,
    ...row,
    before: input.version,
    editionId: at.editionId,
    sessionHash: at.sessionHash,
    userId: hint.userId,
    now: at.now,
    fresh: new Date(at.now.getTime() - TOUCH_EVERY_MS),
    roles: hint.roles,
    employer: hint.juror.employer,
    email: hint.juror.email,
    displayName: hint.juror.displayName,
    declared: hint.juror.declared,
    recorded: hint.juror.recorded,
    entrantId: hint.entry.entrantId,
    outlet: hint.entry.outlet,
    authors: hint.entry.authors,
    conflicts: hint.entry.conflicts,
    kind: hint.kind,
    criteria: hint.criteria === null ? null : JSON.stringify(hint.criteria),
    ownState: hint.own.state,
    ownSubmittedAt: hint.own.submittedAt,
  });
  return {
    statements: [update, ...countedAfter(db, counters, at.now), auditOf(db, row, values, hint.userId, at.now)],
    counters,
    hint,
  };
}

/**
 * "Save and next": the juror's reachable entry in the round without their submitted review that
 * has the fewest submitted reviews (ties: entry number). Null when none is left.
 * @throws AppError `request.notFound` (404) when the round is not of the juror's edition
 */
export async function nextEntry(deps: ServiceDeps, juror: JurorContext, roundId: string): Promise<string | null> {
  const { entries } = await myEntries(deps, juror, roundId);
  const open = entries.filter((e) => e.review?.state !== 'submitted');
  if (open.length === 0) return null;
  const counts = await deps.db
    .select({ entryId: reviews.entryId, n: sql<number>`count(*)` })
    .from(reviews)
    .where(
      and(
        eq(reviews.roundId, roundId),
        eq(reviews.state, 'submitted'),
        inArray(
          reviews.entryId,
          open.map((e) => e.entryId),
        ),
      ),
    )
    .groupBy(reviews.entryId);
  const count = (id: string) => Number(counts.find((c) => c.entryId === id)?.n ?? 0);
  const [first] = [...open].sort((a, b) => count(a.entryId) - count(b.entryId));
  return first?.entryId ?? null;
}

/**
 * One of an entry's files as the jury gets it: only the blind copy (metadata stripped, neutral
 * name; made on first request), never the original (S09).
 * @throws AppError `request.notFound` (404) for an entry or file the juror may not reach, as for a missing id
 * @throws AppError `upload.blindUnsupported` (422) for a file no blind copy can be made of
 */
export async function blindFile(
  deps: ServiceDeps & Pick<Deps, 'files'>,
  juror: JurorContext,
  roundId: string,
  entryId: string,
  fileId: string,
): Promise<{ body: ReadableStream; type: string; disposition: string; size: number }> {
  await reachableEntry(deps.db, juror, roundId, entryId);
  const file = await deps.db
    .select({ id: entryFiles.id })
    .from(entryFiles)
    .where(and(eq(entryFiles.id, fileId), eq(entryFiles.entryId, entryId)))
    .get();
  if (!file || !deps.files) throw new AppError('request.notFound', 404);
  let object = await deps.files.get(blindKey(file.id));
  if (!object) {
    await makeBlindCopy(deps.db, deps.files, file.id);
    object = await deps.files.get(blindKey(file.id));
  }
  if (!object) throw new AppError('request.notFound', 404);
  return {
    body: object.body,
    type: object.httpMetadata?.contentType ?? 'application/octet-stream',
    disposition: object.httpMetadata?.contentDisposition ?? attachmentDisposition('file'),
    size: object.size,
  };
}
