// Reminders before a round closes: N days before and on the last day, once each per juror, in the
// juror's language (the scheduled handler runs this every minute).
import { and, eq, gt, lte } from 'drizzle-orm';
import { reminders, rounds } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueMailIf } from '../mail/outbox.service.ts';
import { acceptedJurors, reminderFor, unfinishedCount } from './rounds.service.ts';

/** The first reminder goes out this many days before a round closes; the second on its last day. */
export const REMINDER_DAYS = 3;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Mails every juror with unfinished reviews in an open round `REMINDER_DAYS` days before it closes
 * and again in its last 24 hours, each kind once per juror and round (the reminder row's unique
 * index; the mail is queued only from the run that wrote the row). Returns how many were queued.
 */
export async function runJuryReminders(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<number> {
  const now = deps.clock();
  const due = await deps.db
    .select()
    .from(rounds)
    .where(
      and(
        lte(rounds.opensAt, now),
        gt(rounds.closesAt, now),
        lte(rounds.closesAt, new Date(now.getTime() + REMINDER_DAYS * DAY_MS)),
      ),
    );
  // One id for this run: a reminder row carries it only if this run wrote it.
  const runId = crypto.randomUUID();
  let tried = 0;
  for (const round of due) {
    const kind = round.closesAt.getTime() - now.getTime() <= DAY_MS ? 'lastDay' : 'days';
    for (const juror of await acceptedJurors(deps.db, round.editionId)) {
      const count = await unfinishedCount(deps.db, juror, round.id);
      if (count === 0) continue;
      const mail = reminderFor(deps, juror, round, count);
      const mine = and(
        eq(reminders.roundId, round.id),
        eq(reminders.jurorId, juror.id),
        eq(reminders.kind, kind),
        eq(reminders.runId, runId),
      );
      tried++;
      await deps.db.batch([
        deps.db
          .insert(reminders)
          .values({ roundId: round.id, jurorId: juror.id, kind, runId, sentAt: now })
          .onConflictDoNothing(),
        enqueueMailIf(deps.db, mail, reminders, mine ?? eq(reminders.runId, runId), now),
      ]);
    }
  }
  if (tried === 0) return 0;
  const written = await deps.db.select({ runId: reminders.runId }).from(reminders).where(eq(reminders.runId, runId));
  return written.length;
}
