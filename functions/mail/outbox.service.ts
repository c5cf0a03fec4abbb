import { and, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';
import type { MailTransport } from './transport.ts';
import { retryDelayMs } from './retry.ts';

/** A mail to put in the outbox, in the same batch as the change that causes it. */
export interface NewMail {
  recipient: string;
  subject: string;
  bodyText: string;
  headers?: Record<string, string>;
  kind: string;
}

/** The insert for one outbox row; callers add it to their `db.batch([...])`. */
export function enqueueMail(db: Db, mail: NewMail, now: Date) {
  return db.insert(outbox).values({
    id: crypto.randomUUID(),
    recipient: mail.recipient,
    subject: mail.subject,
    bodyText: mail.bodyText,
    headers: JSON.stringify(mail.headers ?? {}),
    kind: mail.kind,
    createdAt: now,
    nextAttemptAt: now,
  });
}

/** How long a sender may hold a claimed mail before another sender may take it over. */
const CLAIM_MS = 2 * 60_000;

/**
 * Sends the mails that are due. Rows are claimed by one conditional UPDATE, so the cron and a
 * request that kicks delivery never send the same mail twice; a failed send is kept and retried.
 */
export async function deliverDueMail(
  deps: { db: Db; mail: MailTransport; clock: () => Date; config: { mailFrom: string } },
  limit = 25,
): Promise<{ sent: number; failed: number }> {
  const { db } = deps;
  const now = deps.clock();
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        isNull(outbox.sentAt),
        lte(outbox.nextAttemptAt, now),
        or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now)),
      ),
    )
    .orderBy(outbox.nextAttemptAt)
    .limit(limit);
  const claimed = await db
    .update(outbox)
    .set({ claimedUntil: new Date(now.getTime() + CLAIM_MS) })
    .where(and(inArray(outbox.id, due), or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now))))
    .returning();

  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      await deps.mail.send({
        id: row.id,
        from: deps.config.mailFrom,
        to: row.recipient,
        subject: row.subject,
        text: row.bodyText,
        headers: JSON.parse(row.headers) as Record<string, string>,
        date: now,
      });
      await db
        .update(outbox)
        .set({ sentAt: deps.clock(), claimedUntil: null, lastError: null })
        .where(eq(outbox.id, row.id));
      sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      await db
        .update(outbox)
        .set({
          attempts,
          claimedUntil: null,
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
          nextAttemptAt: new Date(deps.clock().getTime() + retryDelayMs(attempts)),
        })
        .where(eq(outbox.id, row.id));
      failed++;
    }
  }
  return { sent, failed };
}
