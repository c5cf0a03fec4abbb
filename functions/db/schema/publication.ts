import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { categories, editions, entries, type LocalizedText } from './competition.ts';

// The results of an edition as published (issue 13 items 7 and 8): who placed, the jury's
// statement, the state draft → locked → published, and the feedback mail sent to each entrant.
// States and places are declared once (re-exported by functions/results/publication.schemas.ts).

/** Where an edition's results stand: managers edit a draft, lock it, and publish only from locked. */
export const publicationStates = ['draft', 'locked', 'published'] as const;
export type PublicationState = (typeof publicationStates)[number];

/**
 * An entry's place in its category. `winner`, `second` and `third` are held by at most one entry
 * per category; special mentions and the rest of the public shortlist by any number.
 */
export const places = ['winner', 'second', 'third', 'special', 'shortlist'] as const;
export type Place = (typeof places)[number];
/** Places held by one entry at most per category. */
export const singlePlaces = ['winner', 'second', 'third'] as const satisfies readonly Place[];

/**
 * One row per edition that has results (none: nothing recorded yet, read as a draft). Changing
 * the state is one conditional UPDATE (`WHERE state = …`), so two managers cannot both lock or
 * publish; every change is audit-logged in the same batch.
 */
export const publications = sqliteTable('results_publications', {
  editionId: text('edition_id')
    .primaryKey()
    .references(() => editions.id, { onDelete: 'cascade' }),
  state: text('state', { enum: publicationStates }).notNull().default('draft'),
  /** The jury's statement on the whole edition, `{ sk, en, uk }` (a locale may be empty). */
  statement: text('statement', { mode: 'json' }).$type<LocalizedText>().notNull().default({}),
  lockedAt: integer('locked_at', { mode: 'timestamp_ms' }),
  lockedBy: text('locked_by'),
  publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  publishedBy: text('published_by'),
  /** Random id of the publish that moved the state last; its feedback rows and mails carry it. */
  publishRun: text('publish_run'),
  /** Demo results (`npm start`): the winners page says the entries and jurors are invented. */
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** The jury's statement on one category, `{ sk, en, uk }`. */
export const categoryStatements = sqliteTable('results_category_statements', {
  categoryId: text('category_id')
    .primaryKey()
    .references(() => categories.id, { onDelete: 'cascade' }),
  editionId: text('edition_id')
    .notNull()
    .references(() => editions.id, { onDelete: 'cascade' }),
  statement: text('statement', { mode: 'json' }).$type<LocalizedText>().notNull().default({}),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * An entry's place, as the managers recorded it from the last round (one per entry). The unique
 * index on `(category, single)` keeps one winner, one second and one third per category even
 * when two managers save at once (`single` is the place for those, null for the others).
 */
export const placements = sqliteTable(
  'results_placements',
  {
    entryId: text('entry_id')
      .primaryKey()
      .references(() => entries.id, { onDelete: 'cascade' }),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    place: text('place', { enum: places }).notNull(),
    /** `place` when it is one of {@link singlePlaces}, else null (unique per category). */
    single: text('single'),
    recordedBy: text('recorded_by').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('results_placements_single').on(t.categoryId, t.single),
    index('results_placements_edition').on(t.editionId),
  ],
);

/**
 * The feedback mail to an entrant, once per entry (item 8): written by the publish that mailed
 * it (`publishRun`), so publishing again, or twice at once, mails nobody twice.
 */
export const feedbackMails = sqliteTable('results_feedback_mails', {
  entryId: text('entry_id')
    .primaryKey()
    .references(() => entries.id, { onDelete: 'cascade' }),
  editionId: text('edition_id')
    .notNull()
    .references(() => editions.id, { onDelete: 'cascade' }),
  publishRun: text('publish_run').notNull(),
  queuedAt: integer('queued_at', { mode: 'timestamp_ms' }).notNull(),
});
