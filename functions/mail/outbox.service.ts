import { and, eq, inArray, isNull, lt, lte, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AnySQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import { encoded, ph, preparedQuery } from '../db/prepared.ts';
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

// The outbox's insert, claim and mark are built once (../db/prepared.ts): every sign-up and many
// other write requests queue a mail and kick its delivery.
const insertMail = preparedQuery<
  {
    id: string;
    recipient: string;
    subject: string;
    bodyText: string;
    headers: Record<string, string>;
    kind: string;
    now: Date;
  },
  unknown
>((db) =>
  db.insert(outbox).values({
    id: ph('id'),
    recipient: ph('recipient'),
    subject: ph('subject'),
    bodyText: ph('bodyText'),
    headers: ph('headers'),
    kind: ph('kind'),
    createdAt: ph('now'),
    nextAttemptAt: ph('now'),
  }),
);

/** The insert for one outbox row; callers add it to their `db.batch([...])`. */
export function enqueueMail(db: Db, mail: NewMail, now: Date) {
  return insertMail(db, {
    id: crypto.randomUUID(),
    recipient: mail.recipient,
    subject: mail.subject,
    bodyText: mail.bodyText,
    headers: mail.headers ?? {},
    kind: mail.kind,
    now,
  });
}

/** A field of a conditional mail: a value (bound as a parameter) or SQL over the row `where` finds (e.g. its address column). */
export type MailField = string | SQLWrapper;

/** A mail queued by {@link enqueueMailIf}: any text field may be SQL over the source row. */
export interface ConditionalMail {
  recipient: MailField;
  subject: MailField;
  bodyText: MailField;
  /** Extra mail headers (e.g. `Content-Language`); none when left out. */
  headers?: Record<string, string>;
  /** What the mail is about, e.g. `lunch.offer`; erasure and purges select by it. */
  kind: string;
}

/**
 * The insert for one outbox row that exists only if `where` finds a row of `from`: the
 * conditional half of a `db.batch([...])`, so a mail goes out only when the change before it in
 * the same batch took effect. One `INSERT … SELECT`, a query builder (D1's batch takes no raw
 * statements). `where` must find at most one row (the mail's id is made here, once).
 */
export function enqueueMailIf(db: Db, mail: ConditionalMail, from: AnySQLiteTable, where: SQL, now: Date) {
  const field = (value: MailField) => sql<string>`${value}`;
  return db.insert(outbox).select(
    db
      .select({
        id: sql<string>`${crypto.randomUUID()}`.as('id'),
        recipient: field(mail.recipient).as('recipient'),
        subject: field(mail.subject).as('subject'),
        bodyText: field(mail.bodyText).as('body_text'),
        headers: sql<string>`${JSON.stringify(mail.headers ?? {})}`.as('headers'),
        kind: sql<string>`${mail.kind}`.as('kind'),
        createdAt: sql<Date>`${now.getTime()}`.as('created_at'),
        claimedUntil: sql<null>`NULL`.as('claimed_until'),
        nextAttemptAt: sql<Date>`${now.getTime()}`.as('next_attempt_at'),
        attempts: sql<number>`0`.as('attempts'),
        lastError: sql<null>`NULL`.as('last_error'),
        sentAt: sql<null>`NULL`.as('sent_at'),
      })
      .from(from)
      .where(where),
  );
}

/** How long a sender may hold a claimed mail before another sender may take it over. */
const CLAIM_MS = 2 * 60_000;

const markSentQuery = preparedQuery<{ id: string; at: Date }, unknown>((db) =>
  db
    .update(outbox)
    .set({ sentAt: encoded('at', outbox.sentAt), claimedUntil: null, lastError: null })
    .where(eq(outbox.id, ph('id'))),
);
const markSent = (db: Db, id: string, at: Date) => markSentQuery(db, { id, at });

/** Claims up to `limit` due mails (unsent, due by `now`, unclaimed or with a lapsed claim) until `until`; returns them. */
const claimDue = preparedQuery<{ now: Date; until: Date; limit: number }, (typeof outbox.$inferSelect)[]>((db) => {
  const unclaimed = or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, ph('now')));
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lte(outbox.nextAttemptAt, ph('now')), unclaimed))
    .orderBy(outbox.nextAttemptAt)
    .limit(ph('limit'));
  return db
    .update(outbox)
    .set({ claimedUntil: encoded('until', outbox.claimedUntil) })
    .where(and(inArray(outbox.id, due), unclaimed))
    .returning();
});

/** How many mails {@link deliverDueMail} sends at the same time. */
const SEND_CONCURRENCY = 6;

/** How many mails one pass of {@link deliverSoon} claims. */
const DELIVERY_PASS = 25;

/** Deliveries running per database, for {@link deliverSoon}. */
const running = new WeakMap<object, { again: boolean; done: Promise<unknown> }>();

/**
 * {@link deliverDueMail} after a request queued a mail, coalesced: while a delivery runs on the same
 * database, a new call only asks it to run once more when it is done (and returns its promise), so
 * under load one pass claims many mails instead of every request starting its own; passes go on
 * while they find a full claim, so a backlog is sent now rather than by the next cron. Never rejects.
 */
export function deliverSoon(deps: Parameters<typeof deliverDueMail>[0]): Promise<unknown> {
  const current = running.get(deps.db);
  if (current) {
    current.again = true;
    return current.done;
  }
  const state = { again: true, done: Promise.resolve() as Promise<unknown> };
  running.set(deps.db, state);
  state.done = (async () => {
    try {
      while (state.again) {
        state.again = false;
        const pass = await deliverDueMail(deps, DELIVERY_PASS).catch(() => undefined);
        // A full claim means more may be due: go on until the backlog is gone. Running only once
        // more per kick left a backlog under load (a bench of sign-ups at 16 connections ended
        // with 900 unsent), and nothing sent it until the cron once the kicks stopped.
        if (pass && pass.sent + pass.failed >= DELIVERY_PASS) state.again = true;
      }
    } finally {
      running.delete(deps.db);
    }
  })();
  return state.done;
}

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
  const claimed = await claimDue(db, { now, until: new Date(now.getTime() + CLAIM_MS), limit });

  let sent = 0;
  let failed = 0;
  // Each mail's outcome is written once the whole claim is sent, in one batch (one write
  // transaction instead of one per mail); a crash before it leaves the rows claimed, and they are
  // sent again once the claim lapses — as a crash between a send and its own update did.
  const outcomes: Parameters<Db['batch']>[0][number][] = [];
  const sendOne = async (row: (typeof claimed)[number]) => {
    try {
      await deps.mail.send({
        id: row.id,
        from: deps.config.mailFrom,
        to: row.recipient,
        subject: row.subject,
        text: row.bodyText,
        headers: row.headers,
        date: now,
      });
      outcomes.push(markSent(db, row.id, deps.clock()));
      sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      outcomes.push(
        db
          .update(outbox)
          .set({
            attempts,
            claimedUntil: null,
            lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
            nextAttemptAt: new Date(deps.clock().getTime() + retryDelayMs(attempts)),
          })
          .where(eq(outbox.id, row.id)),
      );
      failed++;
    }
  };
  // A few sends at a time, not one after another: under load every await of a send waits behind
  // the requests being served, and one by one a pass of 25 took longer than 25 sign-ups took to
  // arrive (a bench at 16 connections ended with nearly every mail still unsent). At most
  // SEND_CONCURRENCY at once: a Worker opens 6 connections at a time, and mail APIs limit rates.
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) await sendOne(claimed[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, claimed.length) }, lane));
  const [first, ...rest] = outcomes;
  if (first) await db.batch([first, ...rest]);
  return { sent, failed };
}
