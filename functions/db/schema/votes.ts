import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { categories, editions, entries } from './competition.ts';

/**
 * States of an edition's people's-choice vote, declared once: no window set, set but not yet
 * open, open (links may be asked for and votes cast), closed. Derived from the window and the
 * server's clock by `voteState` (functions/votes/window.ts), never stored.
 */
export const voteStates = ['unset', 'upcoming', 'open', 'closed'] as const;
export type VoteState = (typeof voteStates)[number];

/**
 * The people's-choice window of an edition: one per edition, for all its categories. Instants
 * (UTC); managers enter them as wall-clock times in Europe/Bratislava (core/zoned-time.ts).
 */
export const voteWindows = sqliteTable('peoples_choice_windows', {
  editionId: text('edition_id')
    .primaryKey()
    .references(() => editions.id, { onDelete: 'cascade' }),
  opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
  /** Exclusive: a vote cast at this instant is refused. */
  closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
  /** A demo window seeded for the local portal (scripts/seed-votes.ts); pages mark it as a demo. */
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  /** Who last set the window (a user id), or `demo`. */
  updatedBy: text('updated_by').notNull(),
});

/**
 * A mailed verification link that is not yet used: which entry the visitor chose, for which
 * address (as its keyed hash only). The token itself is only in the mail; its SHA-256 is the key.
 * Used and expired rows are purged by the scheduled handler.
 */
export const voteRequests = sqliteTable(
  'peoples_choice_requests',
  {
    tokenHash: text('token_hash').primaryKey(),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    /** HMAC-SHA-256 of the normalised address (functions/votes/voter-hash.ts); never the address. */
    voterHash: text('voter_hash').notNull(),
    /** Language of the form; the thank-you page is in it. */
    locale: text('locale').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set by the one POST that used the link; a used link casts nothing more. */
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('peoples_choice_requests_expiry').on(t.expiresAt)],
);

/**
 * The people's-choice votes, kept apart from the jury's reviews: one row per verified address
 * (keyed hash) and category — the primary key makes a second vote of the same address in the same
 * category one row, whatever the race. A voter may change the vote until the window closes
 * (the row's entry is replaced; `changes` counts how often).
 */
export const votes = sqliteTable(
  'peoples_choice_votes',
  {
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    voterHash: text('voter_hash').notNull(),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    castAt: integer('cast_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    changes: integer('changes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.voterHash] }), index('peoples_choice_votes_entry').on(t.entryId)],
);
