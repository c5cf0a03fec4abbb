// What a juror can reach: their juror row, their conflicts, and the entries of a round assigned to
// them that are not in conflict. Every juror-facing service goes through here, so a conflicted
// entry is absent everywhere (S08, S10) and answers exactly like a missing id.
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../accounts/permissions.ts';
import type { Db } from '../db/client.ts';
import {
  assignments,
  categories,
  entries,
  entryConflicts,
  jurorConflicts,
  jurors,
  rounds,
  rubrics,
  users,
} from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { type ConflictEntry, type ConflictJuror, inConflict } from './rules.ts';

/** The one answer for an entry a juror may not reach, whether it exists or not (S08, S10). */
export const notFound = () => new AppError('request.notFound', 404);

/** An accepted juror of an edition, with what the conflict rules need. */
export type JurorContext = ConflictJuror & {
  editionId: string;
  locale: string;
  languages: (typeof jurors.$inferSelect)['languages'];
  expertise: string[];
  bio: string;
  cap: number | null;
};

/** Loads the conflict data of juror rows (declared conflicts, recorded entry conflicts, name, address). */
export async function conflictJurors(db: Db, rows: (typeof jurors.$inferSelect)[]): Promise<JurorContext[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [people, declared, recorded] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
      .from(users)
      .where(
        inArray(
          users.id,
          rows.map((r) => r.userId),
        ),
      ),
    db.select().from(jurorConflicts).where(inArray(jurorConflicts.jurorId, ids)),
    db
      .select({ jurorId: entryConflicts.jurorId, entryId: entryConflicts.entryId })
      .from(entryConflicts)
      .where(inArray(entryConflicts.jurorId, ids)),
  ]);
  return rows.map((r) =>
    jurorContextOf(
      r,
      people.find((p) => p.id === r.userId),
      declared.filter((d) => d.jurorId === r.id),
      recorded.filter((c) => c.jurorId === r.id).map((c) => c.entryId),
    ),
  );
}

/**
 * A juror's context from rows already read: the juror row, the person (name, address, language),
 * the conflicts they declared and the entries recorded as conflicts for them.
 */
export function jurorContextOf(
  r: typeof jurors.$inferSelect,
  person: { email: string; displayName: string | null; locale: string } | undefined,
  declared: readonly { kind: (typeof jurorConflicts.$inferSelect)['kind']; name: string }[],
  entryConflictIds: readonly string[],
): JurorContext {
  return {
    id: r.id,
    userId: r.userId,
    editionId: r.editionId,
    email: person?.email ?? '',
    displayName: person?.displayName ?? null,
    locale: person?.locale ?? 'en',
    employer: r.employer,
    declared: declared.map((d) => ({ kind: d.kind, name: d.name })),
    entryConflicts: [...entryConflictIds],
    languages: r.languages,
    expertise: r.expertise,
    bio: r.bio,
    cap: r.cap,
  };
}

/**
 * The signed-in juror of `editionId` (accepted invitation).
 * @throws AppError `auth.forbidden` (403) when the actor is not an accepted juror of the edition
 */
export async function jurorOf(db: Db, actor: Actor, editionId: string): Promise<JurorContext> {
  const row = await db
    .select()
    .from(jurors)
    .where(and(eq(jurors.editionId, editionId), eq(jurors.userId, actor.userId)))
    .get();
  if (!row?.acceptedAt) throw new AppError('auth.forbidden', 403);
  const [context] = await conflictJurors(db, [row]);
  return context as JurorContext;
}

/**
 * A round of the edition.
 * @throws AppError `request.notFound` (404) when the round does not exist or belongs to another edition
 */
export async function roundOf(db: Db, editionId: string, roundId: string) {
  const round = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.id, roundId), eq(rounds.editionId, editionId)))
    .get();
  if (!round) throw new AppError('request.notFound', 404);
  return round;
}

/** The entry columns the jury services read; identifying ones are used for conflicts only, never sent. */
export const entryColumns = {
  id: entries.id,
  number: entries.number,
  editionId: entries.editionId,
  categoryId: entries.categoryId,
  title: entries.title,
  language: entries.language,
  publishedOn: entries.publishedOn,
  summary: entries.summary,
  summaryTranslation: entries.summaryTranslation,
  entrantId: entries.entrantId,
  outlet: entries.outlet,
  authors: entries.authors,
  conflicts: entries.conflicts,
};
export type JuryEntryRow = {
  [K in keyof typeof entryColumns]: (typeof entries.$inferSelect)[K];
};

const asConflictEntry = (e: JuryEntryRow): ConflictEntry => ({
  id: e.id,
  entrantId: e.entrantId,
  outlet: e.outlet,
  authors: e.authors,
  conflicts: e.conflicts,
});

/** Whether a juror is in conflict with an entry row. */
export const conflicted = (juror: JurorContext, entry: JuryEntryRow) => inConflict(juror, asConflictEntry(entry));

/**
 * The entries of `roundId` assigned to `juror`, without those in conflict (S08, S10), in entry
 * number order. Only submitted entries of the round's edition count.
 */
export async function reachableEntries(db: Db, juror: JurorContext, roundId: string): Promise<JuryEntryRow[]> {
  const rows = await db
    .select(entryColumns)
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .where(
      and(
        eq(assignments.roundId, roundId),
        eq(assignments.jurorId, juror.id),
        eq(entries.status, 'submitted'),
        eq(entries.editionId, juror.editionId),
      ),
    )
    .orderBy(entries.number, entries.id);
  return rows.filter((e) => !conflicted(juror, e));
}

/**
 * One entry of the round that `juror` may reach. The same query and the same answer for an
 * entry in conflict, one not assigned, and an id that does not exist.
 * @throws AppError `request.notFound` (404) for any entry the juror may not reach
 */
export async function reachableEntry(
  db: Db,
  juror: JurorContext,
  roundId: string,
  entryId: string,
): Promise<JuryEntryRow> {
  const row = await db
    .select(entryColumns)
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .where(
      and(
        eq(assignments.roundId, roundId),
        eq(assignments.jurorId, juror.id),
        eq(assignments.entryId, entryId),
        eq(entries.status, 'submitted'),
        eq(entries.editionId, juror.editionId),
      ),
    )
    .get();
  if (!row || conflicted(juror, row)) throw notFound();
  return row;
}

/** The rubric (criteria, summary languages) of each category of an edition, by category id. */
export async function rubricsOf(db: Db, editionId: string) {
  const rows = await db
    .select({
      categoryId: categories.id,
      criteria: rubrics.criteria,
      summaryLanguages: rubrics.summaryLanguages,
    })
    .from(categories)
    .leftJoin(rubrics, eq(rubrics.categoryId, categories.id))
    .where(eq(categories.editionId, editionId));
  return new Map(
    rows.map((r) => [r.categoryId, { criteria: r.criteria ?? [], summaryLanguages: r.summaryLanguages ?? [] }]),
  );
}
