import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** States of a "Stay informed" subscription, declared once. */
export const subscriptionStatuses = ['pending', 'active'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/**
 * One row per e-mail address that asked for news (double opt-in). Unsubscribing deletes the
 * row, and pending rows are purged when their link expires: we keep no address we may not use.
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    /** Lower-cased and trimmed, so one person is one row. */
    email: text('email').notNull(),
    /** Locale of the form the visitor used; mails go out in it. */
    locale: text('locale').notNull(),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    /** SHA-256 of the pending confirmation token; the token itself is only ever in the mail. */
    confirmTokenHash: text('confirm_token_hash'),
    confirmExpiresAt: integer('confirm_expires_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('subscriptions_email_unique').on(t.email),
    uniqueIndex('subscriptions_confirm_token_unique').on(t.confirmTokenHash),
  ],
);
