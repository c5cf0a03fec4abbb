// Managers' shortlist: which entries of a round go on to the next one. Explicit and recorded (one
// row per entry, with how it got there and why), so the next round with source `shortlist` takes
// exactly this list (functions/jury/rounds.service.ts `roundEntries`). Moving the top N or chosen
// entries is one batch (one transaction) with its audit entries; moving again adds nothing twice.
import { and, asc, eq, gt } from 'drizzle-orm';
import { audit } from '../accounts/audit.ts';
import type { Db } from '../db/client.ts';
import { ballots, categories, entries, reviews, rounds, shortlist } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError, type FieldError } from '../errors.ts';
import { roundOf, rubricsOf } from '../jury/access.ts';
import { roundEntries } from '../jury/rounds.service.ts';
import { roundState, weightedScore } from '../jury/rules.ts';
import { normaliseRound } from './aggregate.ts';
import { chosenReason, type ShortlistInput } from './ballots.schemas.ts';
import type { ScoreKind } from './leaderboard.ts';
import { cutAt, type Scored } from './shortlist.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

/**
 * A round's mean score per entry, with how many counted: rubric rounds the weighted score in [0, 1]
 * of submitted, non-abstained reviews (functions/jury/rules.ts `weightedScore`); screening rounds the
 * share of "yes"; ranked rounds minus the mean place on submitted ballots (an entry left unranked on
 * a ballot takes the place after the last ranked one; one missing from a ballot is not counted), so
 * higher is better everywhere. (The Schulze order of a ranked round is schulze.service.ts's.)
 * `scores` (rubric rounds only): `normalised` (the default) takes each review's normalised score s′
 * in [0, 1] (per-juror z-score within the round, functions/results/aggregate.ts `normaliseRound`,
 * the leaderboard's normalisation; a juror with fewer than 3 reviews or no spread stays raw);
 * `raw` the weighted score as given. Only reviews of entries still submitted count.
 */
export async function roundMeans(
  db: Db,
  editionId: string,
  round: typeof rounds.$inferSelect,
  scores: ScoreKind = 'normalised',
) {
  if (round.kind === 'ranked') return ballotMeans(db, round.id);
  const rubricByCategory = await rubricsOf(db, editionId);
  const rows = await db
    .select({
      entryId: reviews.entryId,
      jurorId: reviews.jurorId,
      categoryId: entries.categoryId,
      scores: reviews.scores,
      verdict: reviews.verdict,
      abstained: reviews.abstained,
    })
    .from(reviews)
    .innerJoin(entries, eq(entries.id, reviews.entryId))
    .where(and(eq(reviews.roundId, round.id), eq(reviews.state, 'submitted'), eq(entries.status, 'submitted')));
  const criteriaOf = (categoryId: string | null) => rubricByCategory.get(categoryId ?? '')?.criteria ?? [];
  const categoryOf = new Map(rows.map((r) => [r.entryId, r.categoryId]));
  const normalised =
    round.kind === 'rubric' && scores === 'normalised'
      ? normaliseRound(rows, (entryId) => criteriaOf(categoryOf.get(entryId) ?? null)).reviews
      : null;
  const sums = new Map<string, { sum: number; n: number }>();
  for (const [i, r] of rows.entries()) {
    let value: number | null = null;
    if (r.abstained) value = null;
    else if (round.kind === 'screening') value = r.verdict === 'yes' ? 1 : r.verdict === 'no' ? 0 : null;
    else if (normalised) value = normalised[i]?.normalisedScore ?? null;
    else value = weightedScore(criteriaOf(r.categoryId), r.scores);
    if (value === null) continue;
    const s = sums.get(r.entryId) ?? { sum: 0, n: 0 };
    sums.set(r.entryId, { sum: s.sum + value, n: s.n + 1 });
  }
  return new Map([...sums].map(([id, s]) => [id, { mean: s.sum / s.n, reviews: s.n }]));
}

/** Minus the mean place per entry on a ranked round's submitted ballots (see `roundMeans`). */
async function ballotMeans(db: Db, roundId: string) {
  const rows = await db
    .select({ ranks: ballots.ranks })
    .from(ballots)
    .where(and(eq(ballots.roundId, roundId), eq(ballots.state, 'submitted')));
  const sums = new Map<string, { sum: number; n: number }>();
  for (const { ranks } of rows) {
    const last = Math.max(0, ...Object.values(ranks).map((r) => r ?? 0));
    for (const [entryId, rank] of Object.entries(ranks)) {
      const s = sums.get(entryId) ?? { sum: 0, n: 0 };
      sums.set(entryId, { sum: s.sum - (rank ?? last + 1), n: s.n + 1 });
    }
  }
  return new Map([...sums].map(([id, s]) => [id, { mean: s.sum / s.n, reviews: s.n }]));
}

/** The round after `round` by position (the one a shortlist feeds), or null. */
async function nextRound(db: Db, round: typeof rounds.$inferSelect) {
  return (
    (await db
      .select()
      .from(rounds)
      .where(and(eq(rounds.editionId, round.editionId), gt(rounds.position, round.position)))
      .orderBy(asc(rounds.position))
      .get()) ?? null
  );
}

/**
 * Whether the round a shortlist feeds has started: a review or a ballot saved in it. Its shortlist
 * is then fixed (a ballot counted without an entry added later would skew the count).
 */
async function nextStarted(db: Db, next: typeof rounds.$inferSelect | null) {
  if (!next) return false;
  const [review, ballot] = await Promise.all([
    db.select({ id: reviews.id }).from(reviews).where(eq(reviews.roundId, next.id)).get(),
    db.select({ id: ballots.id }).from(ballots).where(eq(ballots.roundId, next.id)).get(),
  ]);
  return Boolean(review || ballot);
}

/**
 * The managers' shortlist view of a round: per category (in the edition's order), the round's
 * entries ranked by mean score (ties share a place; entries without a submitted review last), which
 * are on the shortlist (how, why, by whom, the mean when moved), and for `n` per category where the
 * cut falls: the entries above it, those tied at it (the manager decides), the places left.
 * Also the round the shortlist feeds and whether it has started (then the list is fixed). `scores`:
 * which mean ranks a rubric round (`normalised` by default, or `raw`; see `roundMeans`); the answer
 * says which (`scores`, null for screening and ranked rounds, which have no normalisation).
 * @throws AppError `request.notFound` (404) when the round is not of this edition
 */
export async function shortlistView(
  deps: ServiceDeps,
  editionId: string,
  roundId: string,
  n?: number,
  scores: ScoreKind = 'normalised',
) {
  const round = await roundOf(deps.db, editionId, roundId);
  const [list, means, rows, cats, next] = await Promise.all([
    roundEntries(deps.db, round),
    roundMeans(deps.db, editionId, round, scores),
    deps.db.select().from(shortlist).where(eq(shortlist.roundId, roundId)),
    deps.db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(eq(categories.editionId, editionId))
      .orderBy(asc(categories.position), asc(categories.slug)),
    nextRound(deps.db, round),
  ]);
  const size = n ?? next?.shortlistSize ?? 3;
  const onList = new Map(rows.map((r) => [r.entryId, r]));
  const byCategory = cats.map((c) => {
    const mine: Scored[] = list
      .filter((e) => e.categoryId === c.id)
      .map((e) => ({ id: e.id, mean: means.get(e.id)?.mean ?? null }));
    const cut = cutAt(mine, size);
    return {
      categoryId: c.id,
      name: c.name,
      cut,
      entries: cut.ranked.map(({ id, place }) => {
        const e = list.find((x) => x.id === id);
        const row = onList.get(id);
        return {
          entryId: id,
          number: e?.number ?? null,
          title: e?.title ?? '',
          language: e?.language ?? '',
          place,
          mean: means.get(id)?.mean ?? null,
          reviews: means.get(id)?.reviews ?? 0,
          shortlisted: row
            ? { way: row.way, reason: row.reason, meanScore: row.meanScore, addedAt: row.addedAt.toISOString() }
            : null,
        };
      }),
    };
  });
  return {
    round: { id: round.id, kind: round.kind, name: round.name, state: roundState(round, deps.clock()) },
    next: next
      ? {
          id: next.id,
          name: next.name,
          kind: next.kind,
          source: next.source,
          started: await nextStarted(deps.db, next),
        }
      : null,
    n: size,
    scores: round.kind === 'rubric' ? scores : null,
    categories: byCategory.filter((c) => c.entries.length > 0),
    total: rows.length,
  };
}

/**
 * Moves entries of a round onto its shortlist in one action (one batch: the rows and their audit
 * entries together). `top`: the best `n` per category by mean score (normalised or raw, `scores`:
 * see `roundMeans`; the mean kept with each row is that one); where the cut falls inside a
 * tie, the manager's `ties` decide (exactly the places left, or every tied entry). `chosen`: the
 * named entries, each with a reason (logged). Entries already on the list stay as they are
 * (idempotent). Returns the entry ids added now.
 * @throws AppError `request.notFound` (404) when the round is not of this edition, or a chosen entry is not in the round
 * @throws AppError `shortlist.nextRoundStarted` (409) when the round the shortlist feeds has reviews or ballots
 * @throws AppError `validation.failed` (422, field `ties.<categoryId>`, `shortlist.tieUndecided`) for a tie at the cut not decided
 * @throws AppError `validation.failed` (422, field `reasons.<entryId>`, `shortlist.reasonRequired`/`shortlist.reasonTooLong`) for a chosen entry without a reason
 */
export async function moveToShortlist(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  roundId: string,
  input: ShortlistInput,
): Promise<string[]> {
  const round = await roundOf(deps.db, editionId, roundId);
  if (await nextStarted(deps.db, await nextRound(deps.db, round)))
    throw new AppError('shortlist.nextRoundStarted', 409);
  const [list, means, existing] = await Promise.all([
    roundEntries(deps.db, round),
    roundMeans(deps.db, editionId, round, input.way === 'top' ? input.scores : 'normalised'),
    deps.db.select({ entryId: shortlist.entryId }).from(shortlist).where(eq(shortlist.roundId, roundId)),
  ]);
  const already = new Set(existing.map((r) => r.entryId));
  const now = deps.clock();
  const picks: { entryId: string; reason: string }[] = [];
  if (input.way === 'top') {
    const problems: FieldError[] = [];
    const categoryIds = [...new Set(list.map((e) => e.categoryId ?? ''))];
    for (const categoryId of categoryIds) {
      const mine = list
        .filter((e) => (e.categoryId ?? '') === categoryId)
        .map((e) => ({ id: e.id, mean: means.get(e.id)?.mean ?? null }));
      const cut = cutAt(mine, input.n);
      const taken = cut.tied.filter((id) => input.ties.includes(id));
      if (cut.tied.length && taken.length !== cut.placesLeft && taken.length !== cut.tied.length)
        problems.push({ field: `ties.${categoryId}`, code: 'shortlist.tieUndecided' });
      for (const id of [...cut.above, ...taken]) picks.push({ entryId: id, reason: '' });
    }
    if (problems.length) throw new AppError('validation.failed', 422, problems);
  } else {
    const inRound = new Set(list.map((e) => e.id));
    const problems: FieldError[] = [];
    for (const entryId of new Set(input.entries)) {
      if (!inRound.has(entryId)) throw new AppError('request.notFound', 404);
      const checked = chosenReason.safeParse(input.reasons[entryId] ?? '');
      if (!checked.success) {
        const code =
          checked.error.issues[0]?.message === 'shortlist.reasonTooLong'
            ? 'shortlist.reasonTooLong'
            : 'shortlist.reasonRequired';
        problems.push({ field: `reasons.${entryId}`, code });
      } else picks.push({ entryId, reason: checked.data });
    }
    if (problems.length) throw new AppError('validation.failed', 422, problems);
  }
  const fresh = picks.filter((p) => !already.has(p.entryId));
  const statements = [
    ...fresh.map((p) =>
      deps.db
        .insert(shortlist)
        .values({
          id: crypto.randomUUID(),
          roundId,
          entryId: p.entryId,
          way: input.way,
          reason: p.reason,
          meanScore: means.get(p.entryId)?.mean ?? null,
          addedBy: actorId,
          addedAt: now,
        })
        .onConflictDoNothing(),
    ),
    ...(input.way === 'chosen'
      ? fresh.map((p) =>
          audit(
            deps.db,
            {
              actorId,
              action: 'jury.shortlist.chosen',
              objectType: 'entry',
              objectId: p.entryId,
              details: { round: roundId, reason: p.reason },
            },
            now,
          ),
        )
      : []),
    audit(
      deps.db,
      {
        actorId,
        action: 'jury.shortlist.moved',
        objectType: 'round',
        objectId: roundId,
        details: {
          way: input.way,
          ...(input.way === 'top' ? { n: input.n, scores: input.scores } : {}),
          added: fresh.length,
          entries: fresh.map((p) => p.entryId).join(','),
        },
      },
      now,
    ),
  ];
  const [first, ...rest] = statements;
  await deps.db.batch([first!, ...rest]);
  return fresh.map((p) => p.entryId);
}

/**
 * Takes one entry off a round's shortlist, with a reason (audited in the same batch).
 * @throws AppError `request.notFound` (404) when the round is not of this edition or the entry is not on its shortlist
 * @throws AppError `shortlist.nextRoundStarted` (409) when the round the shortlist feeds has reviews or ballots
 */
export async function removeFromShortlist(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  roundId: string,
  input: { entryId: string; reason: string },
) {
  const round = await roundOf(deps.db, editionId, roundId);
  if (await nextStarted(deps.db, await nextRound(deps.db, round)))
    throw new AppError('shortlist.nextRoundStarted', 409);
  const where = and(eq(shortlist.roundId, roundId), eq(shortlist.entryId, input.entryId));
  const row = await deps.db.select({ id: shortlist.id }).from(shortlist).where(where).get();
  if (!row) throw new AppError('request.notFound', 404);
  const now = deps.clock();
  await deps.db.batch([
    deps.db.delete(shortlist).where(where),
    audit(
      deps.db,
      {
        actorId,
        action: 'jury.shortlist.removed',
        objectType: 'entry',
        objectId: input.entryId,
        details: { round: roundId, reason: input.reason },
      },
      now,
    ),
  ]);
}
