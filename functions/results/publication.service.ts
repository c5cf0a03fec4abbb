// Managers record an edition's results (places per category, the jury's statements), lock them,
// unlock them with a reason, and publish them; the public reads the winners of a published
// edition. Every change is one batch (one transaction) with its audit entry, and starts with a
// statement that fails unless the results are in the state the change needs (see `assertState`),
// so a change racing a lock or a publish is refused whole, never half-written.
import { and, asc, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { toLocale } from '../../core/locales.ts';
import { audit } from '../accounts/audit.ts';
import type { Db } from '../db/client.ts';
import {
  assignments,
  categories,
  categoryStatements,
  editions,
  entries,
  feedbackMails,
  jurors,
  placements,
  publications,
  reviews,
  rounds,
  rubrics,
  users,
  type LocalizedText,
  type Place,
  type PublicationState,
  singlePlaces,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { enqueueMailIf } from '../mail/outbox.service.ts';
import { weightedScore } from '../jury/rules.ts';
import { feedbackMail } from './feedback-mails.ts';
import { purgeWinners } from './publication-cache.ts';
import { purgeEditionPage } from '../competition/edition-cache.ts';
import { suggestedPlaces } from './suggested.service.ts';
import {
  cleanText,
  nextState,
  outcomeOf,
  placementProblems,
  placeOrder,
  type PublicationAction,
} from './publication-rules.ts';
import type { CandidateView, ManageView, WinnersView, categoryInput, statementInput } from './publication.schemas.ts';
import type { z } from 'zod';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'edgeCache'>;

const notFound = () => new AppError('request.notFound', 404);

/** The edition, or 404. */
async function editionOf(db: Db, editionId: string) {
  const edition = await db.select().from(editions).where(eq(editions.id, editionId)).get();
  if (!edition) throw notFound();
  return edition;
}

/** The edition's results row (a draft with nothing recorded when there is none). */
async function publicationOf(db: Db, editionId: string) {
  const row = await db.select().from(publications).where(eq(publications.editionId, editionId)).get();
  return (
    row ?? {
      editionId,
      state: 'draft' as PublicationState,
      statement: {} as LocalizedText,
      lockedAt: null,
      lockedBy: null,
      publishedAt: null,
      publishedBy: null,
      publishRun: null,
      demo: false,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    }
  );
}

/** Makes sure the edition has its results row (a draft), so guards and updates have a row to act on. */
async function ensureRow(db: Db, editionId: string, now: Date) {
  await db
    .insert(publications)
    .values({ editionId, state: 'draft', statement: {}, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
}

/**
 * The first statement of every change: it fails (re-inserting the existing row breaks the
 * primary key) unless the results are in one of `states`, which rolls the whole batch back.
 */
function assertState(db: Db, editionId: string, states: readonly PublicationState[]) {
  return db.insert(publications).select(
    db
      .select()
      .from(publications)
      .where(and(eq(publications.editionId, editionId), notInArray(publications.state, [...states]))),
  );
}

/** Where `action` may start from. */
const allowedFrom = (action: PublicationAction): PublicationState[] =>
  (['draft', 'locked', 'published'] as const).filter((s) => nextState(s, action) !== null);

/**
 * Runs a change's batch; when it was refused because the state moved, answers 409 with the code
 * that says why.
 * @throws AppError `publication.notDraft` / `publication.notLocked` / `publication.notLockedYet` (409)
 */
async function guarded(
  db: Db,
  editionId: string,
  action: PublicationAction,
  statements: Parameters<Db['batch']>[0],
): Promise<void> {
  const refusal = async () => {
    const { state } = await publicationOf(db, editionId);
    if (nextState(state, action) !== null) return null;
    if (action === 'edit' || action === 'lock') return new AppError('publication.notDraft', 409);
    if (action === 'publish') return new AppError('publication.notLocked', 409);
    return new AppError('publication.notLockedYet', 409);
  };
  const before = await refusal();
  if (before) throw before;
  try {
    await db.batch(statements);
  } catch (error) {
    throw (await refusal()) ?? error;
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The last round of an edition (highest position), or null. */
async function lastRound(db: Db, editionId: string) {
  return (
    (await db
      .select()
      .from(rounds)
      .where(eq(rounds.editionId, editionId))
      .orderBy(desc(rounds.position))
      .limit(1)
      .get()) ?? null
  );
}

/**
 * The entries the managers' forms list: those of the last round (its assignments), or, without a
 * round or assignments, every submitted entry not screened out; entries already placed stay listed.
 */
async function candidateEntries(db: Db, editionId: string, roundId: string | null) {
  const inRound = roundId
    ? (
        await db.selectDistinct({ id: assignments.entryId }).from(assignments).where(eq(assignments.roundId, roundId))
      ).map((r) => r.id)
    : [];
  const placed = (
    await db.select({ id: placements.entryId }).from(placements).where(eq(placements.editionId, editionId))
  ).map((r) => r.id);
  const base = and(
    eq(entries.editionId, editionId),
    eq(entries.status, 'submitted'),
    ne(entries.screening, 'ineligible'),
  );
  const ids = [...new Set([...inRound, ...placed])];
  const where = inRound.length > 0 ? and(base, inArray(entries.id, ids)) : base;
  return db
    .select({
      id: entries.id,
      number: entries.number,
      title: entries.title,
      language: entries.language,
      categoryId: entries.categoryId,
    })
    .from(entries)
    .where(where)
    .orderBy(asc(entries.seq));
}

/** Each entry's outcome in a round: submitted reviews and the round's mean measure. */
async function roundOutcomes(db: Db, editionId: string, round: { id: string; kind: string } | null) {
  const out = new Map<string, { reviews: number; mean: number | null }>();
  if (!round) return out;
  const criteria = new Map(
    (await db.select().from(rubrics).where(eq(rubrics.editionId, editionId))).map((r) => [r.categoryId, r.criteria]),
  );
  const rows = await db
    .select({
      entryId: reviews.entryId,
      categoryId: entries.categoryId,
      scores: reviews.scores,
      verdict: reviews.verdict,
      rank: reviews.rank,
      abstained: reviews.abstained,
    })
    .from(reviews)
    .innerJoin(entries, eq(entries.id, reviews.entryId))
    .where(and(eq(reviews.roundId, round.id), eq(reviews.state, 'submitted')));
  const values = new Map<string, number[]>();
  const counts = new Map<string, number>();
  for (const r of rows) {
    counts.set(r.entryId, (counts.get(r.entryId) ?? 0) + 1);
    const value =
      round.kind === 'rubric'
        ? (() => {
            const w = weightedScore(criteria.get(r.categoryId ?? '') ?? [], r.scores, r.abstained);
            return w === null ? null : w * 100;
          })()
        : round.kind === 'screening'
          ? r.verdict === null
            ? null
            : r.verdict === 'yes'
              ? 100
              : 0
          : r.rank;
    if (value !== null && !r.abstained) values.set(r.entryId, [...(values.get(r.entryId) ?? []), value]);
  }
  for (const [entryId, count] of counts) {
    const v = values.get(entryId) ?? [];
    out.set(entryId, {
      reviews: count,
      mean: v.length === 0 ? null : Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 10) / 10,
    });
  }
  return out;
}

/**
 * The managers' view of an edition's results: state, statements, and per category the last
 * round's entries with their outcome there, the jury's suggested place (`suggestedBy`: the Schulze
 * order of a ranked round, the normalised leaderboard rank of a rubric round; see suggested.service.ts)
 * and the place recorded — in the suggested order, then by the round's mean, best first.
 * @throws AppError `request.notFound` (404) when no edition has this id
 */
export async function manageView(deps: ServiceDeps, editionId: string): Promise<ManageView> {
  const { db } = deps;
  const edition = await editionOf(db, editionId);
  const publication = await publicationOf(db, editionId);
  const round = await lastRound(db, editionId);
  const cats = await db
    .select()
    .from(categories)
    .where(eq(categories.editionId, editionId))
    .orderBy(asc(categories.position), asc(categories.slug));
  const statements = new Map(
    (await db.select().from(categoryStatements).where(eq(categoryStatements.editionId, editionId))).map((s) => [
      s.categoryId,
      s.statement,
    ]),
  );
  const placed = new Map(
    (await db.select().from(placements).where(eq(placements.editionId, editionId))).map((p) => [p.entryId, p.place]),
  );
  const candidates = await candidateEntries(db, editionId, round?.id ?? null);
  const outcomes = await roundOutcomes(db, editionId, round);
  const suggested = await suggestedPlaces(deps, editionId, round);
  const ranked = round?.kind === 'ranked';
  const bySuggested = (a: CandidateView, b: CandidateView) =>
    a.suggested === null ? (b.suggested === null ? 0 : 1) : b.suggested === null ? -1 : a.suggested - b.suggested;
  const byMean = (a: CandidateView, b: CandidateView) =>
    bySuggested(a, b) ||
    (a.mean === null ? (b.mean === null ? 0 : 1) : b.mean === null ? -1 : ranked ? a.mean - b.mean : b.mean - a.mean);
  const [{ queued } = { queued: 0 }] = await db
    .select({ queued: sql<number>`count(*)` })
    .from(feedbackMails)
    .where(eq(feedbackMails.editionId, editionId));
  return {
    edition: { id: edition.id, name: edition.name },
    state: publication.state,
    statement: publication.statement,
    lockedAt: iso(publication.lockedAt),
    publishedAt: iso(publication.publishedAt),
    round: round ? { id: round.id, name: round.name, kind: round.kind } : null,
    suggestedBy: suggested.by,
    categories: cats.map((c) => ({
      id: c.id,
      slug: c.slug,
      name: c.name,
      statement: statements.get(c.id) ?? {},
      candidates: candidates
        .filter((e) => e.categoryId === c.id)
        .map((e) => ({
          id: e.id,
          number: e.number,
          title: e.title,
          language: e.language,
          place: placed.get(e.id) ?? null,
          reviews: outcomes.get(e.id)?.reviews ?? 0,
          mean: outcomes.get(e.id)?.mean ?? null,
          suggested: suggested.places.get(e.id)?.place ?? null,
          suggestedTied: suggested.places.get(e.id)?.tied ?? false,
        }))
        .sort(byMean),
    })),
    feedbackQueued: Number(queued),
  };
}

/**
 * Records one category's places and statement (replacing what was recorded), in a draft only.
 * Audited (`results.placements.saved`, with the places as `entryId: place`).
 * @throws AppError `request.notFound` (404) when the edition or the category (of this edition) does not exist
 * @throws AppError `validation.failed` (422; fields `place.<entryId>` with `publication.notCandidate` or
 *   `publication.placeTaken`) for an entry not listed or a single place given twice
 * @throws AppError `publication.notDraft` (409) when the results are locked or published
 */
export async function saveCategoryResults(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  categoryId: string,
  input: z.infer<typeof categoryInput>,
): Promise<void> {
  const { db } = deps;
  await editionOf(db, editionId);
  const category = await db
    .select()
    .from(categories)
    .where(and(eq(categories.id, categoryId), eq(categories.editionId, editionId)))
    .get();
  if (!category) throw notFound();
  const round = await lastRound(db, editionId);
  const candidates = (await candidateEntries(db, editionId, round?.id ?? null))
    .filter((e) => e.categoryId === categoryId)
    .map((e) => e.id);
  const problems = placementProblems(candidates, input.place);
  if (problems.length > 0) throw new AppError('validation.failed', 422, problems);
  const now = deps.clock();
  await ensureRow(db, editionId, now);
  const single = (place: Place) => ((singlePlaces as readonly string[]).includes(place) ? place : null);
  const statement = cleanText(input.statement);
  await guarded(db, editionId, 'edit', [
    assertState(db, editionId, allowedFrom('edit')),
    db.delete(placements).where(eq(placements.categoryId, categoryId)),
    ...Object.entries(input.place).map(([entryId, place]) =>
      db.insert(placements).values({
        entryId,
        editionId,
        categoryId,
        place,
        single: single(place),
        recordedBy: actorId,
        updatedAt: now,
      }),
    ),
    db
      .insert(categoryStatements)
      .values({ categoryId, editionId, statement, updatedAt: now })
      .onConflictDoUpdate({ target: categoryStatements.categoryId, set: { statement, updatedAt: now } }),
    db.update(publications).set({ updatedAt: now }).where(eq(publications.editionId, editionId)),
    audit(
      db,
      {
        actorId,
        action: 'results.placements.saved',
        objectType: 'category',
        objectId: categoryId,
        details: { editionId, ...input.place },
      },
      now,
    ),
  ]);
}

/**
 * Records the jury's statement on the whole edition, in a draft only. Audited.
 * @throws AppError `request.notFound` (404) when no edition has this id
 * @throws AppError `publication.notDraft` (409) when the results are locked or published
 */
export async function saveStatement(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  input: z.infer<typeof statementInput>,
): Promise<void> {
  const { db } = deps;
  await editionOf(db, editionId);
  const now = deps.clock();
  await ensureRow(db, editionId, now);
  await guarded(db, editionId, 'edit', [
    assertState(db, editionId, allowedFrom('edit')),
    db
      .update(publications)
      .set({ statement: cleanText(input.statement), updatedAt: now })
      .where(eq(publications.editionId, editionId)),
    audit(db, { actorId, action: 'results.statement.saved', objectType: 'edition', objectId: editionId }, now),
  ]);
}

/**
 * Locks a draft: nothing can be changed until it is unlocked. Needs a winner in at least one
 * category. Audited.
 * @throws AppError `request.notFound` (404) when no edition has this id
 * @throws AppError `publication.noWinner` (409) when no category has a winner
 * @throws AppError `publication.notDraft` (409) when the results are already locked or published
 */
export async function lockResults(deps: ServiceDeps, actorId: string, editionId: string): Promise<void> {
  const { db } = deps;
  await editionOf(db, editionId);
  const winner = await db
    .select({ id: placements.entryId })
    .from(placements)
    .where(and(eq(placements.editionId, editionId), eq(placements.place, 'winner')))
    .get();
  const now = deps.clock();
  await ensureRow(db, editionId, now);
  if (!winner && (await publicationOf(db, editionId)).state === 'draft')
    throw new AppError('publication.noWinner', 409);
  await guarded(db, editionId, 'lock', [
    assertState(db, editionId, allowedFrom('lock')),
    db
      .update(publications)
      .set({ state: 'locked', lockedAt: now, lockedBy: actorId, updatedAt: now })
      .where(eq(publications.editionId, editionId)),
    audit(db, { actorId, action: 'results.locked', objectType: 'edition', objectId: editionId }, now),
  ]);
}

/**
 * Unlocks locked or published results back to a draft, with a reason kept in the audit log
 * (`results.unlocked`, details `reason`, `from`). Unlocking published results takes the winners
 * page down at once (purged from the edge cache); feedback already mailed is not mailed again.
 * @throws AppError `request.notFound` (404) when no edition has this id
 * @throws AppError `publication.notLockedYet` (409) when the results are a draft
 */
export async function unlockResults(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  reason: string,
): Promise<void> {
  const { db } = deps;
  await editionOf(db, editionId);
  const now = deps.clock();
  await ensureRow(db, editionId, now);
  const from = (await publicationOf(db, editionId)).state;
  await guarded(db, editionId, 'unlock', [
    assertState(
      db,
      editionId,
      [from].filter((s) => s !== 'draft'),
    ),
    db
      .update(publications)
      .set({ state: 'draft', lockedAt: null, lockedBy: null, publishedAt: null, publishedBy: null, updatedAt: now })
      .where(eq(publications.editionId, editionId)),
    audit(
      db,
      { actorId, action: 'results.unlocked', objectType: 'edition', objectId: editionId, details: { reason, from } },
      now,
    ),
  ]);
  if (from === 'published') {
    await purgeWinners(deps.edgeCache, deps.config.publicOrigin, editionId);
    await purgeEditionPage(deps, editionId); // it links the winners only while they are published
  }
}

/**
 * Publishes locked results: the winners page appears (the edge cache is purged), and each entrant
 * of a submitted entry not screened out is mailed its outcome in the entry's language, once per
 * entry ever (a second publish, or two at once, mails nobody twice). One batch. Audited.
 * Returns how many feedback mails this publish queued.
 * @throws AppError `request.notFound` (404) when no edition has this id
 * @throws AppError `publication.notLocked` (409) when the results are not locked (a draft, or already published)
 */
export async function publishResults(deps: ServiceDeps, actorId: string, editionId: string): Promise<number> {
  const { db } = deps;
  const edition = await editionOf(db, editionId);
  const now = deps.clock();
  await ensureRow(db, editionId, now);
  const run = crypto.randomUUID();
  const placed = new Map(
    (await db.select().from(placements).where(eq(placements.editionId, editionId))).map((p) => [p.entryId, p.place]),
  );
  const already = new Set(
    (
      await db.select({ id: feedbackMails.entryId }).from(feedbackMails).where(eq(feedbackMails.editionId, editionId))
    ).map((r) => r.id),
  );
  const toMail = (
    await db
      .select({
        id: entries.id,
        number: entries.number,
        title: entries.title,
        locale: entries.locale,
        email: users.email,
      })
      .from(entries)
      .innerJoin(users, eq(users.id, entries.entrantId))
      .where(
        and(eq(entries.editionId, editionId), eq(entries.status, 'submitted'), ne(entries.screening, 'ineligible')),
      )
      .orderBy(asc(entries.seq))
  ).filter((e) => !already.has(e.id));
  await guarded(db, editionId, 'publish', [
    assertState(db, editionId, allowedFrom('publish')),
    db
      .update(publications)
      .set({ state: 'published', publishedAt: now, publishedBy: actorId, publishRun: run, updatedAt: now })
      .where(eq(publications.editionId, editionId)),
    audit(
      db,
      {
        actorId,
        action: 'results.published',
        objectType: 'edition',
        objectId: editionId,
        details: { feedback: toMail.length },
      },
      now,
    ),
    ...toMail.flatMap((e) => [
      db
        .insert(feedbackMails)
        .values({ entryId: e.id, editionId, publishRun: run, queuedAt: now })
        .onConflictDoNothing(),
      enqueueMailIf(
        db,
        feedbackMail({
          locale: e.locale,
          to: e.email,
          edition: edition.name[toLocale(e.locale)] ?? edition.id,
          editionId,
          entryId: e.id,
          number: e.number ?? '',
          title: e.title,
          outcome: outcomeOf(placed.get(e.id)),
          origin: deps.config.publicOrigin,
        }),
        feedbackMails,
        and(eq(feedbackMails.entryId, e.id), eq(feedbackMails.publishRun, run))!,
        now,
      ),
    ]),
  ]);
  await purgeWinners(deps.edgeCache, deps.config.publicOrigin, editionId);
  await purgeEditionPage(deps, editionId); // it links the winners once they are published
  const [{ queued } = { queued: 0 }] = await db
    .select({ queued: sql<number>`count(*)` })
    .from(feedbackMails)
    .where(eq(feedbackMails.publishRun, run));
  return Number(queued);
}

/** A work's address as a link: only http(s) URLs, anything else is left out. */
const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : '');

/**
 * The winners of a published edition, for the public page: per category the placed entries
 * (winner, second, third, special mentions, then the rest of the shortlist), the statements, and
 * the bios of jurors who accepted and wrote one. An edition that is not published answers exactly
 * as one that does not exist (S20).
 * @throws AppError `request.notFound` (404) when no edition has this id or its results are not published
 */
export async function winnersView(deps: Pick<Deps, 'db'>, editionId: string): Promise<WinnersView> {
  const { db } = deps;
  const publication = await db.select().from(publications).where(eq(publications.editionId, editionId)).get();
  if (publication?.state !== 'published' || !publication.publishedAt) throw notFound();
  const edition = await editionOf(db, editionId);
  const cats = await db
    .select()
    .from(categories)
    .where(eq(categories.editionId, editionId))
    .orderBy(asc(categories.position), asc(categories.slug));
  const statements = new Map(
    (await db.select().from(categoryStatements).where(eq(categoryStatements.editionId, editionId))).map((s) => [
      s.categoryId,
      s.statement,
    ]),
  );
  const placed = await db
    .select({
      place: placements.place,
      categoryId: placements.categoryId,
      id: entries.id,
      seq: entries.seq,
      title: entries.title,
      outlet: entries.outlet,
      authors: entries.authors,
      url: entries.url,
      publishedOn: entries.publishedOn,
      language: entries.language,
      summary: entries.summary,
      licence: entries.declaredLicence,
    })
    .from(placements)
    .innerJoin(entries, eq(entries.id, placements.entryId))
    .where(and(eq(placements.editionId, editionId), eq(entries.status, 'submitted')));
  const jury = await db
    .select({ name: users.displayName, bio: jurors.bio })
    .from(jurors)
    .innerJoin(users, eq(users.id, jurors.userId))
    .where(and(eq(jurors.editionId, editionId), sql`${jurors.acceptedAt} IS NOT NULL`, ne(jurors.bio, '')));
  return {
    edition: { id: edition.id, name: edition.name },
    publishedAt: publication.publishedAt.toISOString(),
    demo: publication.demo,
    statement: publication.statement,
    categories: cats
      .map((c) => ({
        id: c.id,
        slug: c.slug,
        name: c.name,
        statement: statements.get(c.id) ?? {},
        entries: placed
          .filter((p) => p.categoryId === c.id)
          .sort((a, b) => placeOrder(a.place) - placeOrder(b.place) || (a.seq ?? 0) - (b.seq ?? 0))
          .map((p) => ({
            id: p.id,
            place: p.place,
            title: p.title,
            outlet: p.outlet,
            authors: p.authors.map((a) => a.name).filter((n) => n.trim() !== ''),
            url: safeUrl(p.url),
            publishedOn: p.publishedOn,
            language: p.language,
            summary: p.licence ? p.summary : '',
          })),
      }))
      .filter((c) => c.entries.length > 0),
    // By name as people read it (`Éva` with the E's), not by bytes.
    jurors: jury
      .filter((j) => j.name)
      .map((j) => ({ name: j.name!, bio: j.bio }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Whether an edition's results are published (the edition page links the winners page then).
 * Unknown editions read as not published.
 */
export async function isPublished(deps: Pick<Deps, 'db'>, editionId: string): Promise<boolean> {
  const row = await deps.db
    .select({ state: publications.state })
    .from(publications)
    .where(eq(publications.editionId, editionId))
    .get();
  return row?.state === 'published';
}
