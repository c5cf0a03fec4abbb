import type { Deps } from './deps.ts';
import { purgeRedeemed } from './anti-bot/pow.service.ts';
import { runJuryReminders } from './jury/reminders.service.ts';
import { runLunchSchedule } from './lunches/schedule.service.ts';
import { deliverDueMail } from './mail/outbox.service.ts';
import { purgeExpiredPending } from './newsletter/newsletter.service.ts';
import { abortStaleUploads } from './uploads/uploads.service.ts';
import { purgeVoteLinks } from './votes/votes.service.ts';

/** Mails sent per scheduled run (the cron runs every minute; the rest waits for the next run). */
const MAILS_PER_RUN = 100;

/**
 * The scheduled work (the Worker's cron, every minute): lunch offers, reminders and surveys,
 * and jury reminders before a round closes, first, so the mails they queue go out in the same run; then the outbox and the purges
 * (unconfirmed subscriptions, used proof-of-work challenges, uploads left unfinished, used or expired vote links and sent vote-link mails).
 * Composed here, beside `createApp`, so the Worker entry imports one function of the API.
 */
export async function runScheduled(deps: Deps): Promise<void> {
  await runLunchSchedule(deps);
  await runJuryReminders(deps);
  await Promise.all([
    deliverDueMail(deps, MAILS_PER_RUN),
    purgeExpiredPending(deps),
    purgeRedeemed(deps),
    abortStaleUploads(deps),
    purgeVoteLinks(deps),
  ]);
}
