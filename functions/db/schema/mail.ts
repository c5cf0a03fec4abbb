import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * Mails waiting to be sent. Rows are written in the same batch as the change that causes
 * them, and sent later by the scheduled handler, so a mail provider outage loses nothing.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    /** Extra headers (stored as JSON), e.g. List-Unsubscribe. */
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
    /** What caused the mail, for the dev mailbox and for erasure (e.g. `subscription.confirm`). */
    kind: text('kind').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** A sender holds the row until this time, so two senders never send one mail twice. */
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('outbox_due').on(t.sentAt, t.nextAttemptAt)],
);
