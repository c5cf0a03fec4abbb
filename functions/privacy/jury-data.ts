// The jury's and the results' part of a person's data rights (S19): what the export holds and
// what erasure does with it. Kept apart from data-rights.service.ts because the rule differs by
// edition: a juror's submitted scores are part of a published competition's record.
import { and, eq, inArray, notInArray, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client.ts';
import {
  assignments,
  ballots,
  entryConflicts,
  feedbackMails,
  jurorConflicts,
  jurors,
  placements,
  publications,
  reminders,
  reviews,
  shortlist,
  users,
} from '../db/schema/index.ts';

/**
 * Everything the jury and results tables hold about one person: their juror rows (one per
 * edition, without the invitation hash) with languages, expertise, bio and employer; the
 * conflicts they declared; conflicts and recusals on entries with their reasons; assignments;
 * reviews with both comments; ranked ballots; reminders mailed; and, as a manager, the shortlist
 * rows they added, the publications they locked or published and the places they recorded.
 * Times are `Date`s (ISO strings once serialised).
 */
export async function juryDataOf(db: Db, userId: string) {
  const mine = await db
    .select({
      id: jurors.id,
      editionId: jurors.editionId,
      invitedAt: jurors.invitedAt,
      acceptedAt: jurors.acceptedAt,
      languages: jurors.languages,
      expertise: jurors.expertise,
      bio: jurors.bio,
      employer: jurors.employer,
      cap: jurors.cap,
      passkeyPromptDismissedAt: jurors.passkeyPromptDismissedAt,
      createdAt: jurors.createdAt,
      updatedAt: jurors.updatedAt,
    })
    .from(jurors)
    .where(eq(jurors.userId, userId))
    .orderBy(jurors.editionId);
  const ids = mine.map((j) => j.id);
  const [declared, onEntries, assigned, written, ranked, mailed, shortlisted, published, placed] = await Promise.all([
    db
      .select({
        jurorId: jurorConflicts.jurorId,
        kind: jurorConflicts.kind,
        name: jurorConflicts.name,
        createdAt: jurorConflicts.createdAt,
      })
      .from(jurorConflicts)
      .where(inArray(jurorConflicts.jurorId, ids))
      .orderBy(jurorConflicts.createdAt, jurorConflicts.name),
    db
      .select({
        jurorId: entryConflicts.jurorId,
        entryId: entryConflicts.entryId,
        source: entryConflicts.source,
        reason: entryConflicts.reason,
        createdAt: entryConflicts.createdAt,
      })
      .from(entryConflicts)
      .where(inArray(entryConflicts.jurorId, ids))
      .orderBy(entryConflicts.createdAt, entryConflicts.entryId),
    db
      .select({
        jurorId: assignments.jurorId,
        roundId: assignments.roundId,
        entryId: assignments.entryId,
        source: assignments.source,
        quality: assignments.quality,
        createdAt: assignments.createdAt,
      })
      .from(assignments)
      .where(inArray(assignments.jurorId, ids))
      .orderBy(assignments.roundId, assignments.entryId),
    db
      .select({
        jurorId: reviews.jurorId,
        roundId: reviews.roundId,
        entryId: reviews.entryId,
        version: reviews.version,
        state: reviews.state,
        scores: reviews.scores,
        verdict: reviews.verdict,
        rank: reviews.rank,
        abstained: reviews.abstained,
        commentForJury: reviews.commentForJury,
        commentForEntrant: reviews.commentForEntrant,
        createdAt: reviews.createdAt,
        updatedAt: reviews.updatedAt,
        submittedAt: reviews.submittedAt,
      })
      .from(reviews)
      .where(inArray(reviews.jurorId, ids))
      .orderBy(reviews.roundId, reviews.entryId),
    db
      .select({
        jurorId: ballots.jurorId,
        roundId: ballots.roundId,
        categoryId: ballots.categoryId,
        version: ballots.version,
        state: ballots.state,
        ranks: ballots.ranks,
        createdAt: ballots.createdAt,
        updatedAt: ballots.updatedAt,
        submittedAt: ballots.submittedAt,
      })
      .from(ballots)
      .where(inArray(ballots.jurorId, ids))
      .orderBy(ballots.roundId, ballots.categoryId),
    db
      .select({
        jurorId: reminders.jurorId,
        roundId: reminders.roundId,
        kind: reminders.kind,
        sentAt: reminders.sentAt,
      })
      .from(reminders)
      .where(inArray(reminders.jurorId, ids))
      .orderBy(reminders.roundId, reminders.kind),
    db
      .select({
        roundId: shortlist.roundId,
        entryId: shortlist.entryId,
        way: shortlist.way,
        reason: shortlist.reason,
        meanScore: shortlist.meanScore,
        addedAt: shortlist.addedAt,
      })
      .from(shortlist)
      .where(eq(shortlist.addedBy, userId))
      .orderBy(shortlist.roundId, shortlist.entryId),
    db
      .select({
        editionId: publications.editionId,
        state: publications.state,
        lockedBy: publications.lockedBy,
        lockedAt: publications.lockedAt,
        publishedBy: publications.publishedBy,
        publishedAt: publications.publishedAt,
      })
      .from(publications)
      .where(or(eq(publications.lockedBy, userId), eq(publications.publishedBy, userId)))
      .orderBy(publications.editionId),
    db
      .select({
        entryId: placements.entryId,
        editionId: placements.editionId,
        categoryId: placements.categoryId,
        place: placements.place,
        updatedAt: placements.updatedAt,
      })
      .from(placements)
      .where(eq(placements.recordedBy, userId))
      .orderBy(placements.entryId),
  ]);
  return {
    jury: {
      jurors: mine,
      declaredConflicts: declared,
      entryConflicts: onEntries,
      assignments: assigned,
      reviews: written,
      ballots: ranked,
      reminders: mailed,
    },
    results: {
      shortlistAdded: shortlisted,
      publications: published.map(({ lockedBy, publishedBy, ...p }) => ({
        ...p,
        lockedByMe: lockedBy === userId,
        publishedByMe: publishedBy === userId,
      })),
      placementsRecorded: placed,
    },
  };
}

/** A person's places and feedback mails as an entrant, by their entries' ids. */
export async function outcomesOf(db: Db, entryIds: string[]) {
  const [places, mails] = await Promise.all([
    db
      .select({ entryId: placements.entryId, place: placements.place, updatedAt: placements.updatedAt })
      .from(placements)
      .where(inArray(placements.entryId, entryIds))
      .orderBy(placements.entryId),
    db
      .select({ entryId: feedbackMails.entryId, queuedAt: feedbackMails.queuedAt })
      .from(feedbackMails)
      .where(inArray(feedbackMails.entryId, entryIds))
      .orderBy(feedbackMails.entryId),
  ]);
  return { placements: places, feedbackMails: mails };
}

/**
 * The jury's part of an erasure, as statements for the caller's one batch (they must run before
 * the user row is deleted, which would cascade to the juror rows). Decided per juror row, by the
 * edition's publication state (as HotCRP and OpenReview keep reviews of a decided venue):
 *
 * - results **published**: the scores are part of the competition's record. The juror row is
 *   detached from the person — it points to a tombstone account (`pseudonym`, no address, no
 *   name, disabled, no roles or sessions) and loses bio, employer, cap and invitation data;
 *   languages and expertise stay (they explain the assignment and the published language
 *   fairness). Submitted reviews keep scores, verdict, rank and abstention; the comment for the
 *   jury is cleared; the comment for the entrant stays only where the feedback was already
 *   delivered (a `results_feedback_mails` row for the entry), since the entrant holds it, and is
 *   cleared elsewhere. Draft reviews and draft ballots are deleted, submitted ballots kept.
 *   Declared conflicts (names of people and outlets) and reminders are deleted; conflicts with
 *   entries stay (they explain why the juror scored none of them) without their reasons.
 * - **not published** (draft or locked, or no publication row): everything of the juror goes —
 *   reviews, ballots, assignments, reminders, conflicts and the juror row. Managers re-run the
 *   assignment (an audit entry per edition tells them, see `editionsLosingJurors`).
 *
 * As a manager the person's id is replaced by the pseudonym on publications and placements, and
 * removed from shortlist rows they added (the reasons stay: they are about the entry).
 */
export async function juryErasure(db: Db, userId: string, pseudonym: string, now: Date) {
  const rows = await db
    .select({ id: jurors.id, editionId: jurors.editionId, state: publications.state })
    .from(jurors)
    .leftJoin(publications, eq(publications.editionId, jurors.editionId))
    .where(eq(jurors.userId, userId));
  const kept = rows.filter((r) => r.state === 'published').map((r) => r.id);
  const removed = rows.filter((r) => r.state !== 'published').map((r) => r.id);
  const statements: BatchItem<'sqlite'>[] = [];
  if (kept.length > 0) {
    statements.push(
      db.insert(users).values({
        id: pseudonym,
        email: `${pseudonym.replace(':', '-')}@erased.invalid`,
        displayName: null,
        locale: 'en',
        status: 'disabled',
        createdAt: now,
        updatedAt: now,
      }),
      db
        .update(jurors)
        .set({
          userId: pseudonym,
          bio: '',
          employer: '',
          cap: null,
          tokenHash: null,
          passkeyPromptDismissedAt: null,
          updatedAt: now,
        })
        .where(inArray(jurors.id, kept)),
      db.delete(jurorConflicts).where(inArray(jurorConflicts.jurorId, kept)),
      db.update(entryConflicts).set({ reason: '' }).where(inArray(entryConflicts.jurorId, kept)),
      db.delete(reminders).where(inArray(reminders.jurorId, kept)),
      db.delete(reviews).where(and(inArray(reviews.jurorId, kept), eq(reviews.state, 'draft'))),
      db.update(reviews).set({ commentForJury: '' }).where(inArray(reviews.jurorId, kept)),
      db
        .update(reviews)
        .set({ commentForEntrant: '' })
        .where(
          and(
            inArray(reviews.jurorId, kept),
            notInArray(reviews.entryId, db.select({ id: feedbackMails.entryId }).from(feedbackMails)),
          ),
        ),
      db.delete(ballots).where(and(inArray(ballots.jurorId, kept), eq(ballots.state, 'draft'))),
    );
  }
  if (removed.length > 0) {
    statements.push(
      db.delete(reminders).where(inArray(reminders.jurorId, removed)),
      db.delete(reviews).where(inArray(reviews.jurorId, removed)),
      db.delete(ballots).where(inArray(ballots.jurorId, removed)),
      db.delete(assignments).where(inArray(assignments.jurorId, removed)),
      db.delete(entryConflicts).where(inArray(entryConflicts.jurorId, removed)),
      db.delete(jurorConflicts).where(inArray(jurorConflicts.jurorId, removed)),
      db.delete(jurors).where(inArray(jurors.id, removed)),
    );
  }
  statements.push(
    db.update(shortlist).set({ addedBy: null }).where(eq(shortlist.addedBy, userId)),
    db.update(publications).set({ lockedBy: pseudonym }).where(eq(publications.lockedBy, userId)),
    db.update(publications).set({ publishedBy: pseudonym }).where(eq(publications.publishedBy, userId)),
    db.update(placements).set({ recordedBy: pseudonym }).where(eq(placements.recordedBy, userId)),
  );
  /** Editions whose jury lost a juror before publication: managers re-run their assignment. */
  const editionsLosingJurors = [...new Set(rows.filter((r) => r.state !== 'published').map((r) => r.editionId))];
  return { statements, kept: kept.length, removed: removed.length, editionsLosingJurors };
}
