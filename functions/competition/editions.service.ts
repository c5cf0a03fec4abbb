import { asc, desc, eq } from 'drizzle-orm';
import { EDITION_ZONE } from '../../core/dates.ts';
import { audit } from '../accounts/audit.ts';
import { categories, editions } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { CategoryInput, EditionInput } from './competition.schemas.ts';
import { editionState, instantOfField } from './timeline.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

export type Edition = typeof editions.$inferSelect;
export type Category = typeof categories.$inferSelect;

/** Every edition, newest first. */
export async function listEditions(deps: ServiceDeps) {
  const rows = await deps.db.select().from(editions).orderBy(desc(editions.id));
  return rows.map((e) => ({ ...e, state: editionState(e, deps.clock()) }));
}

/**
 * An edition with its categories and live state, or 404.
 * @throws AppError `request.notFound` (404) when no edition has this id
 */
export async function readEdition(deps: ServiceDeps, id: string) {
  const edition = await deps.db.select().from(editions).where(eq(editions.id, id)).get();
  if (!edition) throw new AppError('request.notFound', 404);
  const cats = await deps.db
    .select()
    .from(categories)
    .where(eq(categories.editionId, id))
    .orderBy(asc(categories.position), asc(categories.slug));
  return { edition, categories: cats, state: editionState(edition, deps.clock()) };
}

/**
 * Creates or updates an edition (by year), with its audit entry in the same batch.
 * @throws AppError `validation.failed` (422, field `submissionsOpenAt` or `submissionsCloseAt`, code
 *   `time.impossible` or `time.skipped`) when a time is not a wall-clock time that exists in Europe/Bratislava;
 *   an ambiguous one (the autumn hour) means the earlier instant
 */
export async function saveEdition(deps: ServiceDeps, actorId: string, input: EditionInput): Promise<void> {
  const now = deps.clock();
  const openAt = instantOfField(input.submissionsOpenAt, EDITION_ZONE, 'submissionsOpenAt');
  const closeAt = instantOfField(input.submissionsCloseAt, EDITION_ZONE, 'submissionsCloseAt');
  if (closeAt <= openAt)
    throw new AppError('validation.failed', 422, [{ field: 'submissionsCloseAt', code: 'competition.order' }]);
  const values = {
    name: input.name,
    rules: input.rules,
    prizes: input.prizes,
    submissionsOpenAt: openAt,
    submissionsCloseAt: closeAt,
    publishedFrom: input.publishedFrom,
    publishedUntil: input.publishedUntil,
    updatedAt: now,
  };
  await deps.db.batch([
    deps.db
      .insert(editions)
      .values({ id: input.id, timeZone: EDITION_ZONE, createdAt: now, ...values })
      .onConflictDoUpdate({ target: editions.id, set: values }),
    audit(deps.db, { actorId, action: 'competition.edition.saved', objectType: 'edition', objectId: input.id }, now),
  ]);
}

/**
 * Creates or updates a category of an edition (by slug).
 * @throws AppError `request.notFound` (404) when the edition does not exist
 */
export async function saveCategory(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  input: CategoryInput,
): Promise<void> {
  await readEdition(deps, editionId);
  const { slug, ...values } = input;
  await deps.db.batch([
    deps.db
      .insert(categories)
      .values({ id: crypto.randomUUID(), editionId, slug, ...values })
      .onConflictDoUpdate({ target: [categories.editionId, categories.slug], set: values }),
    audit(
      deps.db,
      { actorId, action: 'competition.category.saved', objectType: 'edition', objectId: editionId, details: { slug } },
      deps.clock(),
    ),
  ]);
}
