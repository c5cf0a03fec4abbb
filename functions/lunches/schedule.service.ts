import { and, eq, gte, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Locale } from '../../core/locales.ts';
import { auditLog, lunchDays, lunchHouseholds, lunchIdempotency, lunchPairs, outbox } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { DAY_MS, isoDay } from './dates.ts';
import type { LunchDay } from './days.service.ts';
import { type HouseholdMail, localeOf, mailIf } from './household-mail.ts';
import { tookEffect } from '../db/took-effect.ts';
import { capabilityUrl, purposes } from './links.ts';
import { reminderMail, surveyMail } from './mails.ts';
import { IDEMPOTENCY_TTL_MS, offerNext } from './signups.service.ts';

// The lunches' scheduled work (cron): lapsed offers, reminders, surveys, the retention purge.
type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** Reminders go out this long before the lunch day, in milliseconds (3 days). */
export const REMINDER_BEFORE_MS = 3 * 24 * 60 * 60_000;

/** Offers that were not accepted in time lapse, and the place moves on to the next household. Returns how many lapsed. */
export async function expireOffers(deps: ServiceDeps): Promise<number> {
  const { db } = deps;
  const now = deps.clock();
  const lapsed = await db
    .select({ id: lunchHouseholds.id, role: lunchHouseholds.role, day: lunchDays })
    .from(lunchHouseholds)
    .innerJoin(lunchDays, eq(lunchDays.id, lunchHouseholds.dayId))
    .where(and(eq(lunchHouseholds.status, 'offered'), lte(lunchHouseholds.offerExpiresAt, now)));
  for (const row of lapsed) {
    await db.batch([
      db
        .update(lunchHouseholds)
        .set({ status: 'expired', offerTokenHash: null })
        .where(
          and(
            eq(lunchHouseholds.id, row.id),
            eq(lunchHouseholds.status, 'offered'),
            lte(lunchHouseholds.offerExpiresAt, now),
          ),
        ),
      ...(await offerNext(deps, row.day, row.role, now)),
    ]);
  }
  return lapsed.length;
}

/**
 * Mails each due confirmed household with an address once, marking `mark` (reminder, survey):
 * the mark and the mail in one batch, the mail only if this run set the mark.
 */
async function mailOnce(
  deps: ServiceDeps,
  mark: 'reminderSentAt' | 'surveySentAt',
  whenDue: SQL,
  compose: (locale: Locale, day: LunchDay, id: string, name: string) => Promise<HouseholdMail>,
): Promise<number> {
  const { db } = deps;
  const now = deps.clock();
  const marked = lunchHouseholds[mark];
  const due = await db
    .select({
      id: lunchHouseholds.id,
      locale: lunchHouseholds.locale,
      name: lunchHouseholds.contactName,
      day: lunchDays,
    })
    .from(lunchHouseholds)
    .innerJoin(lunchDays, eq(lunchDays.id, lunchHouseholds.dayId))
    .where(and(eq(lunchHouseholds.status, 'confirmed'), isNull(marked), sql`${lunchHouseholds.email} <> ''`, whenDue));
  for (const row of due) {
    const mail = await compose(localeOf(row.locale), row.day, row.id, row.name);
    await db.batch([
      db
        .update(lunchHouseholds)
        .set({ [mark]: now })
        .where(and(eq(lunchHouseholds.id, row.id), isNull(marked))),
      // Only if this run's mark took effect (another run in the same millisecond meets `marked = now` too).
      mailIf(db, mail, and(eq(lunchHouseholds.id, row.id), tookEffect())!, now),
    ]);
  }
  return due.length;
}

/** Reminder mails, with the one-click "we can't come" link, for lunches in the next 3 days. Returns how many were queued. */
export function sendReminders(deps: ServiceDeps): Promise<number> {
  const now = deps.clock();
  return mailOnce(
    deps,
    'reminderSentAt',
    and(gte(lunchDays.date, isoDay(now)), lte(lunchDays.date, isoDay(new Date(now.getTime() + REMINDER_BEFORE_MS))))!,
    async (locale, day, id, name) =>
      reminderMail(
        locale,
        day,
        await capabilityUrl(deps, purposes.cantCome, id, locale),
        await capabilityUrl(deps, purposes.manage, id, locale),
        name,
      ),
  );
}

/** The day after a lunch, each confirmed household with an address gets the survey link, once. Returns how many were queued. */
export function sendSurveys(deps: ServiceDeps): Promise<number> {
  return mailOnce(deps, 'surveySentAt', lt(lunchDays.date, isoDay(deps.clock())), async (locale, day, id, name) =>
    surveyMail(locale, day, await capabilityUrl(deps, purposes.survey, id, locale), name),
  );
}

/**
 * The retention purge (S19): once a day's retention period after the lunch has passed, its
 * households, their lunch mails and the audit entries about them are deleted; the day stays
 * (without personal data) for statistics. Old idempotency answers go too. Returns how many days were purged.
 */
export async function purgeExpiredLunchData(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const { db } = deps;
  const now = deps.clock();
  const days = await db
    .select({ id: lunchDays.id, date: lunchDays.date, retentionDays: lunchDays.retentionDays })
    .from(lunchDays)
    .where(isNull(lunchDays.purgedAt));
  const due = days.filter((d) => Date.parse(`${d.date}T00:00:00Z`) + (d.retentionDays + 1) * DAY_MS <= now.getTime());
  for (const day of due) {
    const ofDay = db.select({ id: lunchHouseholds.id }).from(lunchHouseholds).where(eq(lunchHouseholds.dayId, day.id));
    const addresses = db
      .select({ email: lunchHouseholds.email })
      .from(lunchHouseholds)
      .where(and(eq(lunchHouseholds.dayId, day.id), sql`${lunchHouseholds.email} <> ''`));
    await db.batch([
      db.delete(auditLog).where(and(eq(auditLog.objectType, 'lunch_household'), inArray(auditLog.objectId, ofDay))),
      db.delete(outbox).where(and(sql`${outbox.kind} LIKE 'lunch.%'`, inArray(outbox.recipient, addresses))),
      db.delete(lunchPairs).where(eq(lunchPairs.dayId, day.id)),
      db.delete(lunchHouseholds).where(eq(lunchHouseholds.dayId, day.id)),
      db.update(lunchDays).set({ purgedAt: now }).where(eq(lunchDays.id, day.id)),
    ]);
  }
  await db
    .delete(lunchIdempotency)
    .where(lte(lunchIdempotency.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)));
  return due.length;
}

/** All scheduled lunch work, in the order that frees places before reminding; how many of each were done. */
export async function runLunchSchedule(deps: ServiceDeps) {
  return {
    expired: await expireOffers(deps),
    reminded: await sendReminders(deps),
    surveyed: await sendSurveys(deps),
    purged: await purgeExpiredLunchData(deps),
  };
}
