// People's choice (issue 13 item 6): a public vote on the ballot of each category between the
// dates managers set; one vote per verified address and category, the address kept only as a keyed
// hash. A visitor picks an entry and gives an address; the mailed link opens a page whose button
// casts the vote (opening the link changes nothing). A voter MAY change the vote until the window
// closes, as in Award Force: the last link used wins, and the address still counts once.
import { and, asc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { EDITION_ZONE, formatInstant } from '../../core/dates.ts';
import type { Locale } from '../../core/locales.ts';
import { toLocale } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { instantToWallTime } from '../../core/zoned-time.ts';
import { audit } from '../accounts/audit.ts';
import { readEdition } from '../competition/editions.service.ts';
import { instantOfField } from '../competition/timeline.ts';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/client.ts';
import { categories, editions, entries, outbox, voteRequests, votes, voteWindows } from '../db/schema/index.ts';
import type { VoteState } from '../db/schema/votes.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { hit } from '../http/rate-limit.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { voteLinkMail, VOTE_MAIL_KIND } from './mails.ts';
import { isPublished } from '../results/publication.service.ts';
import { votingShortlist } from './shortlist-source.ts';
import { voterHash } from './voter-hash.ts';
import { VOTE_LINK_TTL_MS, voteState } from './window.ts';
import type { LinkInput, PendingVote, PublicVote, WindowInput } from './votes.schemas.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/**
 * Links one address may be mailed per hour, whatever it votes for. Over it, the form answers the
 * same and no mail goes out: nobody can flood another person's inbox, and the answer reveals nothing.
 */
export const LINKS_PER_ADDRESS = { max: 10, windowMs: 60 * 60_000 };

/** The window row of an edition, or undefined. */
const windowOf = (db: Db, editionId: string) =>
  db.select().from(voteWindows).where(eq(voteWindows.editionId, editionId)).get();

/**
 * Refuses anything but an open vote, in the visitor's language.
 * @throws AppError `votes.notOpen` (409) before the window (or without one), `votes.closed` (409) after it
 */
function requireOpen(state: VoteState): void {
  if (state === 'closed') throw new AppError('votes.closed', 409);
  if (state !== 'open') throw new AppError('votes.notOpen', 409);
}

/**
 * The public vote page's data: the edition, the window (ISO instants) and its state, and — while the
 * vote is open or closed — each category's ballot with only what the public may see (title,
 * outlet, link). Never a count.
 * @throws AppError `request.notFound` (404) when the edition does not exist or has no vote window
 */
export async function publicVote(deps: ServiceDeps, editionId: string): Promise<PublicVote> {
  const { edition, categories: cats } = await readEdition(deps, editionId);
  const window = await windowOf(deps.db, editionId);
  if (!window) throw new AppError('request.notFound', 404);
  const state = voteState(window, deps.clock());
  const ballot = state === 'open' || state === 'closed' ? await votingShortlist(deps.db, editionId) : new Map();
  return {
    edition: { id: edition.id, name: edition.name },
    state,
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    demo: window.demo,
    categories: cats
      .map((c) => ({
        id: c.id,
        slug: c.slug,
        name: c.name,
        entries: (ballot.get(c.id) ?? []).map(
          ({ id, title, outlet, url }: PublicVote['categories'][0]['entries'][0]) => ({
            id,
            title,
            outlet,
            url,
          }),
        ),
      }))
      .filter((c) => state === 'upcoming' || c.entries.length > 0),
  };
}

/**
 * Mails a vote link for the chosen entry to the address (step 1 of voting). The answer is the same
 * whether the address has voted, asked before or is new; only its keyed hash is stored, with the
 * link's SHA-256. Over {@link LINKS_PER_ADDRESS}, nothing is mailed (and nothing said).
 * @throws AppError `request.notFound` (404) when the edition does not exist
 * @throws AppError `votes.notOpen` / `votes.closed` (409) outside the window
 * @throws AppError `validation.failed` (422, field `entryId`, `votes.entryRequired`) when the entry is not on
 *   this edition's ballot
 */
export async function requestVoteLink(deps: ServiceDeps, editionId: string, input: LinkInput): Promise<void> {
  const { db } = deps;
  const now = deps.clock();
  const { edition, categories: cats } = await readEdition(deps, editionId);
  const window = await windowOf(db, editionId);
  requireOpen(voteState(window, now));
  const ballot = await votingShortlist(db, editionId);
  const entry = [...ballot.values()].flat().find((e) => e.id === input.entryId);
  if (!entry || !window) {
    throw new AppError('validation.failed', 422, [{ field: 'entryId', code: 'votes.entryRequired' }]);
  }
  const hash = await voterHash(deps.config, input.email);
  if (!(await hit(db, `votes:link:${hash}`, LINKS_PER_ADDRESS, now)).allowed) return;
  const token = randomToken();
  const category = cats.find((c) => c.id === entry.categoryId);
  const expiresAt = new Date(Math.min(now.getTime() + VOTE_LINK_TTL_MS, window.closesAt.getTime()));
  const path = localizedPath(input.lang, `/competition/${encodeURIComponent(editionId)}/vote/confirm/`);
  await db.batch([
    db.insert(voteRequests).values({
      tokenHash: await sha256Hex(token),
      editionId,
      categoryId: entry.categoryId,
      entryId: entry.id,
      voterHash: hash,
      locale: input.lang,
      createdAt: now,
      expiresAt,
    }),
    enqueueMail(
      db,
      voteLinkMail(input.lang, input.email, {
        url: `${deps.config.publicOrigin}${path}?token=${token}`,
        competition: edition.name[input.lang] ?? edition.id,
        category: category?.name[input.lang] ?? '',
        entry: entry.title,
        expires: formatInstant(input.lang, expiresAt),
      }),
      now,
    ),
  ]);
}

/** The link's row if it exists and has not expired (a used one is returned: its page says so). */
async function linkRow(deps: ServiceDeps, token: string) {
  const row = await deps.db
    .select()
    .from(voteRequests)
    .where(eq(voteRequests.tokenHash, await sha256Hex(token)))
    .get();
  if (!row || (row.usedAt === null && row.expiresAt <= deps.clock())) return undefined;
  return row;
}

/**
 * What a mailed link would cast, for its page (step 2): reading it changes nothing (S22).
 * @throws AppError `votes.linkInvalid` (404) for an unknown or expired link
 */
export async function readVoteLink(deps: ServiceDeps, token: string): Promise<PendingVote & { used: boolean }> {
  const row = await linkRow(deps, token);
  if (!row) throw new AppError('votes.linkInvalid', 404);
  const detail = await deps.db
    .select({ editionName: editions.name, categoryName: categories.name, title: entries.title, outlet: entries.outlet })
    .from(entries)
    .innerJoin(categories, eq(categories.id, row.categoryId))
    .innerJoin(editions, eq(editions.id, row.editionId))
    .where(eq(entries.id, row.entryId))
    .get();
  if (!detail) throw new AppError('votes.linkInvalid', 404);
  const window = await windowOf(deps.db, row.editionId);
  return {
    editionId: row.editionId,
    editionName: detail.editionName,
    categoryName: detail.categoryName,
    entryTitle: detail.title,
    entryOutlet: detail.outlet,
    state: voteState(window, deps.clock()),
    closesAt: (window?.closesAt ?? row.expiresAt).toISOString(),
    used: row.usedAt !== null,
  };
}

/** What casting answered: the edition and the link's language (for the thank-you page). */
export interface CastResult {
  editionId: string;
  locale: Locale;
  /** `counted`: this press cast (or changed) the vote; `already`: the link had been used before. */
  status: 'counted' | 'already';
}

/**
 * Casts the vote a mailed link carries (step 3, the page's button; only a POST calls this). In one
 * batch: the vote is upserted from the link's row — only while the link is unused and unexpired and
 * the window is open, checked in the same statement — and the link is marked used. One row per
 * address and category (the primary key), so repeats and races count once; a later link of the
 * same address replaces the entry (the vote is changed). Pressing a used link's button again
 * answers `already` and changes nothing.
 * @throws AppError `votes.linkInvalid` (404) for an unknown or expired link
 * @throws AppError `votes.notOpen` / `votes.closed` (409) outside the window
 */
export async function castVote(deps: ServiceDeps, token: string): Promise<CastResult> {
  const { db } = deps;
  const now = deps.clock();
  const row = await linkRow(deps, token);
  if (!row) throw new AppError('votes.linkInvalid', 404);
  const result = { editionId: row.editionId, locale: toLocale(row.locale) };
  if (row.usedAt !== null) return { ...result, status: 'already' };
  requireOpen(voteState(await windowOf(db, row.editionId), now));
  const at = now.getTime();
  const cast = and(
    eq(voteRequests.tokenHash, row.tokenHash),
    isNull(voteRequests.usedAt),
    gt(voteRequests.expiresAt, now),
    sql`EXISTS (SELECT 1 FROM ${voteWindows} WHERE ${voteWindows.editionId} = ${voteRequests.editionId} AND ${voteWindows.opensAt} <= ${at} AND ${voteWindows.closesAt} > ${at})`,
  );
  // insert … select names every column in the table's order (drizzle writes them all).
  const upsert = db
    .insert(votes)
    .select(
      db
        .select({
          categoryId: voteRequests.categoryId,
          voterHash: voteRequests.voterHash,
          editionId: voteRequests.editionId,
          entryId: voteRequests.entryId,
          castAt: sql<number>`${at}`.as('cast_at'),
          updatedAt: sql<number>`${at}`.as('updated_at'),
          changes: sql<number>`0`.as('changes'),
        })
        .from(voteRequests)
        .where(cast),
    )
    .onConflictDoUpdate({
      target: [votes.categoryId, votes.voterHash],
      set: {
        entryId: sql`excluded.entry_id`,
        updatedAt: sql`excluded.updated_at`,
        changes: sql`${votes.changes} + (${votes.entryId} <> excluded.entry_id)`,
      },
    });
  const [, used] = await db.batch([
    upsert,
    db
      .update(voteRequests)
      .set({ usedAt: now })
      .where(and(eq(voteRequests.tokenHash, row.tokenHash), isNull(voteRequests.usedAt)))
      .returning({ tokenHash: voteRequests.tokenHash }),
  ]);
  // Another press of the same button won the race: it cast the vote, this one says so.
  return { ...result, status: used.length === 1 ? 'counted' : 'already' };
}

/** The window as managers see it: Bratislava wall-clock times for the form, and the state now. */
export async function readWindow(deps: Pick<Deps, 'db' | 'clock'>, editionId: string) {
  const window = await windowOf(deps.db, editionId);
  return {
    state: voteState(window, deps.clock()),
    opensLocal: window ? instantToWallTime(window.opensAt, EDITION_ZONE) : '',
    closesLocal: window ? instantToWallTime(window.closesAt, EDITION_ZONE) : '',
    opensAt: window?.opensAt.toISOString() ?? null,
    closesAt: window?.closesAt.toISOString() ?? null,
    demo: window?.demo ?? false,
  };
}

/**
 * Sets (or moves) an edition's vote window from wall-clock times in Europe/Bratislava; audited.
 * Votes already cast stay; a window moved to the past closes the vote. A new window is not a demo;
 * a demo window that is moved stays marked as the demo's.
 * @throws AppError `request.notFound` (404) when the edition does not exist
 * @throws AppError `validation.failed` (422, field `opensAt`/`closesAt`, `time.impossible`/`time.skipped`) for
 *   a time that does not exist; (field `closesAt`, `votes.order`) when it does not close after it opens;
 *   (field `opensAt`, `votes.nothingToVote`) when the edition has no entries on a ballot yet
 * @throws AppError `votes.afterResults` (409) once the edition's results are published
 */
export async function saveWindow(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  input: WindowInput,
): Promise<void> {
  await readEdition(deps, editionId);
  const opensAt = instantOfField(input.opensAt, EDITION_ZONE, 'opensAt');
  const closesAt = instantOfField(input.closesAt, EDITION_ZONE, 'closesAt');
  if (closesAt <= opensAt) throw new AppError('validation.failed', 422, [{ field: 'closesAt', code: 'votes.order' }]);
  // A public vote belongs before the results: once they are published it would only contradict them.
  if (await isPublished(deps, editionId)) throw new AppError('votes.afterResults', 409);
  // Nor may the public be told "voting is open" with nothing on the ballot.
  if ((await votingShortlist(deps.db, editionId)).size === 0)
    throw new AppError('validation.failed', 422, [{ field: 'opensAt', code: 'votes.nothingToVote' }]);
  const now = deps.clock();
  await deps.db.batch([
    deps.db
      .insert(voteWindows)
      .values({ editionId, opensAt, closesAt, demo: false, updatedAt: now, updatedBy: actorId })
      .onConflictDoUpdate({
        target: voteWindows.editionId,
        // `demo` is not set: a demo window moved by a manager is still the demo's (pages keep saying so).
        set: { opensAt, closesAt, updatedAt: now, updatedBy: actorId },
      }),
    audit(
      deps.db,
      {
        actorId,
        action: 'votes.window.saved',
        objectType: 'edition',
        objectId: editionId,
        details: { opensAt: input.opensAt, closesAt: input.closesAt },
      },
      now,
    ),
  ]);
}

/**
 * Forgets what voting leaves behind once it has served (run by the scheduled handler): links used
 * a day before or expired, and the vote-link mails already sent (the outbox holds the address until then).
 * @returns how many links and mails were deleted
 */
export async function purgeVoteLinks(deps: Pick<Deps, 'db' | 'clock'>): Promise<{ links: number; mails: number }> {
  const now = deps.clock();
  const [links, mails] = await deps.db.batch([
    deps.db
      .delete(voteRequests)
      // A used link answers "already counted" for a day, then it is forgotten like an expired one.
      .where(or(lt(voteRequests.usedAt, new Date(now.getTime() - 24 * 60 * 60_000)), lt(voteRequests.expiresAt, now)))
      .returning({ tokenHash: voteRequests.tokenHash }),
    deps.db
      .delete(outbox)
      .where(and(eq(outbox.kind, VOTE_MAIL_KIND), isNotNull(outbox.sentAt)))
      .returning({ id: outbox.id }),
  ]);
  return { links: links.length, mails: mails.length };
}

/** Categories of an edition in order (for the results). */
export const categoriesOf = (db: Db, editionId: string) =>
  db.select().from(categories).where(eq(categories.editionId, editionId)).orderBy(asc(categories.position));
