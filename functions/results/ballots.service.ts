// The juror's ranked ballots: in a `ranked` round, one ballot per category holding every entry of
// the round in that category the juror may reach (assigned to them, never one in conflict: S08,
// S10), blind (S09: only `blindView`'s fields), versioned like reviews (S11).
import { and, asc, eq, sql } from 'drizzle-orm';
import { blindView } from '../competition/blind.ts';
import { auditLog, ballots, categories, rounds } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError, type FieldError } from '../errors.ts';
import { type JurorContext, reachableEntries } from '../jury/access.ts';
import { roundState } from '../jury/rules.ts';
import type { BallotInput, BallotView } from './ballots.schemas.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;
type BallotRow = typeof ballots.$inferSelect;

const notFound = () => new AppError('request.notFound', 404);

/** The ranked round of the juror's edition. @throws AppError `request.notFound` (404) otherwise */
async function rankedRound(deps: ServiceDeps, juror: JurorContext, roundId: string) {
  const round = await deps.db
    .select()
    .from(rounds)
    .where(and(eq(rounds.id, roundId), eq(rounds.editionId, juror.editionId)))
    .get();
  if (round?.kind !== 'ranked') throw notFound();
  return round;
}

const ballotView = (b: BallotRow, onBallot: readonly string[]): BallotView => ({
  version: b.version,
  state: b.state,
  // Only entries still on the ballot (a conflict recorded since hides its entry here too).
  ranks: Object.fromEntries(onBallot.map((id) => [id, b.ranks[id] ?? null])),
  updatedAt: b.updatedAt.toISOString(),
});

const ownBallot = (deps: ServiceDeps, juror: JurorContext, roundId: string, categoryId: string) =>
  deps.db
    .select()
    .from(ballots)
    .where(and(eq(ballots.roundId, roundId), eq(ballots.categoryId, categoryId), eq(ballots.jurorId, juror.id)))
    .get();

/**
 * The juror's ballots in a ranked round: one per category they have entries of (categories in the
 * edition's order), with how many entries are on it and the ballot's state.
 * @throws AppError `request.notFound` (404) when the round is not a ranked round of the juror's edition
 */
export async function myBallots(deps: ServiceDeps, juror: JurorContext, roundId: string) {
  const round = await rankedRound(deps, juror, roundId);
  const [list, cats, mine] = await Promise.all([
    reachableEntries(deps.db, juror, roundId),
    deps.db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(eq(categories.editionId, juror.editionId))
      .orderBy(asc(categories.position), asc(categories.slug)),
    deps.db
      .select({ categoryId: ballots.categoryId, state: ballots.state, version: ballots.version })
      .from(ballots)
      .where(and(eq(ballots.roundId, roundId), eq(ballots.jurorId, juror.id))),
  ]);
  return {
    round: {
      id: round.id,
      name: round.name,
      closesAt: round.closesAt.toISOString(),
      state: roundState(round, deps.clock()),
    },
    ballots: cats
      .map((c) => {
        const b = mine.find((x) => x.categoryId === c.id);
        return {
          categoryId: c.id,
          name: c.name,
          entries: list.filter((e) => e.categoryId === c.id).length,
          ballot: b ? { state: b.state, version: b.version } : null,
        };
      })
      .filter((c) => c.entries > 0),
  };
}

/**
 * One ballot page: the round, the category, the entries on the juror's ballot (blind view, entry
 * number order) and the juror's stored ballot.
 * @throws AppError `request.notFound` (404) when the round is not ranked or the juror has no entry of the category in it
 */
export async function ballotForJuror(deps: ServiceDeps, juror: JurorContext, roundId: string, categoryId: string) {
  const round = await rankedRound(deps, juror, roundId);
  const [list, category, own] = await Promise.all([
    reachableEntries(deps.db, juror, roundId),
    deps.db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(and(eq(categories.id, categoryId), eq(categories.editionId, juror.editionId)))
      .get(),
    ownBallot(deps, juror, roundId, categoryId),
  ]);
  const onBallot = list.filter((e) => e.categoryId === categoryId);
  if (!category || onBallot.length === 0) throw notFound();
  return {
    round: {
      id: round.id,
      name: round.name,
      closesAt: round.closesAt.toISOString(),
      state: roundState(round, deps.clock()),
    },
    category,
    entries: onBallot.map((e) => blindView(e)),
    ballot: own
      ? ballotView(
          own,
          onBallot.map((e) => e.id),
        )
      : null,
  };
}

/** The refusal of a save based on an older version: 409 with the stored ballot, so the juror can compare. */
const versionConflict = (current: BallotRow, onBallot: readonly string[]) =>
  new AppError('ballot.versionConflict', 409, [], undefined, { current: ballotView(current, onBallot) });

/**
 * Saves the juror's ballot for a category of a ranked round. `ranks` may name only entries on the
 * ballot (any other id answers 404, as for a missing one); entries not named are stored as not
 * ranked. Versioned like reviews: the save names the version it edits (0 for the first); a save on
 * an older version is refused with the stored one, and of two saves at once exactly one is stored
 * (S11: unique index, conditional write). Only while the round is open. Audited in the same batch,
 * only when the save took effect. Returns the stored ballot.
 * @throws AppError `request.notFound` (404) for a round, category or entry the juror may not reach
 * @throws AppError `jury.roundClosed` (409) outside the round's open–close interval
 * @throws AppError `validation.failed` (422, field `ranks.<entryId>`, `ballot.rankInvalid`) for a rank above the number of entries on the ballot
 * @throws AppError `ballot.empty` (422) when submitting a ballot that ranks nothing
 * @throws AppError `ballot.versionConflict` (409, details.current) when the ballot was saved since `version`
 */
export async function saveBallot(
  deps: ServiceDeps,
  juror: JurorContext,
  roundId: string,
  categoryId: string,
  input: BallotInput,
): Promise<BallotView> {
  const round = await rankedRound(deps, juror, roundId);
  const onBallot = (await reachableEntries(deps.db, juror, roundId))
    .filter((e) => e.categoryId === categoryId)
    .map((e) => e.id);
  if (onBallot.length === 0) throw notFound();
  for (const id of Object.keys(input.ranks)) if (!onBallot.includes(id)) throw notFound();
  const now = deps.clock();
  if (roundState(round, now) !== 'open') throw new AppError('jury.roundClosed', 409);
  const problems: FieldError[] = Object.entries(input.ranks)
    .filter(([, rank]) => rank !== null && rank > onBallot.length)
    .map(([id]) => ({ field: `ranks.${id}`, code: 'ballot.rankInvalid' }));
  if (problems.length) throw new AppError('validation.failed', 422, problems);
  const ranks = Object.fromEntries(onBallot.map((id) => [id, input.ranks[id] ?? null]));
  if (input.submit && Object.values(ranks).every((r) => r === null)) throw new AppError('ballot.empty', 422);
  const state = input.submit ? ('submitted' as const) : ('draft' as const);
  const version = input.version + 1;
  const saveId = crypto.randomUUID();
  const values = { ranks, state, version, saveId, updatedAt: now, submittedAt: input.submit ? now : null };
  const mine = and(eq(ballots.roundId, roundId), eq(ballots.categoryId, categoryId), eq(ballots.jurorId, juror.id));
  const write =
    input.version === 0
      ? deps.db
          .insert(ballots)
          .values({ id: crypto.randomUUID(), roundId, categoryId, jurorId: juror.id, createdAt: now, ...values })
          .onConflictDoNothing()
      : deps.db
          .update(ballots)
          .set(values)
          .where(and(mine, eq(ballots.version, input.version)));
  // The write and its audit entry in one batch; the audit row exists only if the write did.
  await deps.db.batch([
    write,
    deps.db.insert(auditLog).select(
      deps.db
        .select({
          id: sql<string>`${crypto.randomUUID()}`.as('id'),
          at: sql<Date>`${now.getTime()}`.as('at'),
          actorId: sql<string>`${juror.userId}`.as('actor_id'),
          action: sql<string>`'jury.ballot.saved'`.as('action'),
          objectType: sql<string>`'ballot'`.as('object_type'),
          objectId: ballots.id,
          details: sql<string>`${JSON.stringify({ version, state })}`.as('details'),
        })
        .from(ballots)
        .where(and(mine, eq(ballots.saveId, saveId))),
    ),
  ]);
  const stored = await ownBallot(deps, juror, roundId, categoryId);
  if (!stored) throw new AppError('ballot.versionConflict', 409);
  if (stored.saveId !== saveId) throw versionConflict(stored, onBallot);
  return ballotView(stored, onBallot);
}
