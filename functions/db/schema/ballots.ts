import { integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import { categories, entries } from './competition.ts';
import { jurors, reviewStates, rounds } from './jury.ts';

/** How an entry came onto a round's shortlist: the top N by mean score, or chosen by a manager (with a reason). */
export const shortlistWays = ['top', 'chosen'] as const;
export type ShortlistWay = (typeof shortlistWays)[number];

/**
 * The explicit shortlist of a round: the entries managers moved on from `roundId` (the round whose
 * scores were read). The next round (by position) with source `shortlist` takes exactly these
 * entries. One row per round and entry (moving again is idempotent); a removal deletes the row and
 * is audited with its reason.
 */
export const shortlist = sqliteTable(
  'jury_shortlist',
  {
    id: text('id').primaryKey(),
    /** The round the entry is shortlisted from. */
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    way: text('way', { enum: shortlistWays }).notNull(),
    /** Why a manager chose it ('' for the top N). */
    reason: text('reason').notNull().default(''),
    /** Its mean score in `roundId` when it was moved (null: no submitted review). */
    meanScore: real('mean_score'),
    addedBy: text('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('jury_shortlist_entry').on(t.roundId, t.entryId)],
);

/**
 * A juror's ranked ballot for one category of a ranked round: one per juror, round and category
 * (S11: unique index, conditional writes). `ranks` maps each entry on the ballot to the juror's rank
 * (1 = best; equal ranks are ties) or null (on the ballot but not ranked: below every ranked entry).
 * Entries the juror may not reach (conflicts) are never keys. Every save names the version it edits.
 */
export const ballots = sqliteTable(
  'jury_ballots',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    jurorId: text('juror_id')
      .notNull()
      .references(() => jurors.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Random id of the save that wrote this version: tells two saves in the same millisecond apart. */
    saveId: text('save_id').notNull(),
    state: text('state', { enum: reviewStates }).notNull(),
    ranks: text('ranks', { mode: 'json' }).$type<Record<string, number | null>>().notNull().default({}),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
  },
  // Also serves reading a round's ballots per category (its leading columns).
  (t) => [uniqueIndex('jury_ballots_one').on(t.roundId, t.categoryId, t.jurorId)],
);
