import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/permissions.ts';
import { lunchDays, lunchHouseholds } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { endOfDay, isoDay } from './dates.ts';
import type { LunchDayInput } from './lunches.schemas.ts';
import { placesHeld, placesLeft } from './places.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;
/** A lunch day as stored. */
export type LunchDay = typeof lunchDays.$inferSelect;

/** Creates a lunch day, recorded in the audit log in the same batch; returns its id. */
export async function createDay(deps: ServiceDeps, actor: Actor, input: LunchDayInput): Promise<string> {
  const { db } = deps;
  const now = deps.clock();
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(lunchDays).values({
      id,
      city: input.city,
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      format: input.format,
      venue: input.venue,
      hostPlaces: input.hostPlaces,
      guestPlaces: input.guestPlaces,
      languages: input.languages,
      signupDeadline: endOfDay(input.signupDeadline),
      retentionDays: input.retentionDays,
      createdBy: actor.userId,
      createdAt: now,
    }),
    audit(db, { actorId: actor.userId, action: 'lunch.day.created', objectType: 'lunch_day', objectId: id }, now),
  ]);
  return id;
}

const ofListedDay = sql`lunch_days.id`;
const waiting = sql<number>`(SELECT count(*) FROM lunch_households h WHERE h.day_id = lunch_days.id AND h.status = 'waitlisted')`;

/**
 * Lunch days with their places left, by date then town; `upcoming` keeps those from today (in Europe/Bratislava)
 * on. `signupDeadline` is an ISO instant; `open` says whether sign-ups are still taken.
 */
export async function listDays(deps: ServiceDeps, { upcoming }: { upcoming: boolean }) {
  const rows = await deps.db
    .select({
      day: lunchDays,
      hostsTaken: placesHeld(ofListedDay, 'host'),
      guestsTaken: placesHeld(ofListedDay, 'guest'),
      waitlisted: waiting,
    })
    .from(lunchDays)
    .where(upcoming ? gte(lunchDays.date, isoDay(deps.clock())) : undefined)
    .orderBy(asc(lunchDays.date), asc(lunchDays.city));
  const now = deps.clock();
  return rows.map(({ day, hostsTaken, guestsTaken, waitlisted }) => ({
    id: day.id,
    city: day.city,
    /** The lunch, YYYY-MM-DD. */
    date: day.date,
    /** When the lunch starts and ends, `HH:MM` in Europe/Bratislava. */
    startTime: day.startTime,
    endTime: day.endTime,
    format: day.format,
    venue: day.venue,
    languages: day.languages,
    signupDeadline: day.signupDeadline.toISOString(),
    open: now <= day.signupDeadline,
    retentionDays: day.retentionDays,
    hostPlaces: day.hostPlaces,
    guestPlaces: day.guestPlaces,
    hostPlacesLeft: placesLeft(day.hostPlaces, hostsTaken),
    guestPlacesLeft: placesLeft(day.guestPlaces, guestsTaken),
    /** Households waiting for a place, both roles. */
    waitlisted,
  }));
}
/** One day as the public list and the coordinators' pages show it. */
export type LunchDayView = Awaited<ReturnType<typeof listDays>>[number];

/**
 * A lunch day as stored, while it is not purged (its calendar file).
 * @throws AppError `lunch.dayNotFound` (404) when there is no such day or it was purged
 */
export async function findDay(deps: Pick<Deps, 'db'>, dayId: string): Promise<LunchDay> {
  const day = await deps.db.select().from(lunchDays).where(eq(lunchDays.id, dayId)).get();
  if (!day || day.purgedAt) throw new AppError('lunch.dayNotFound', 404);
  return day;
}

/**
 * The day, if it still takes sign-ups.
 * @throws AppError `lunch.dayNotFound` (404) when there is no such day or it was purged
 * @throws AppError `lunch.signupClosed` (409) after the sign-up deadline
 */
export async function openDay(deps: ServiceDeps, dayId: string): Promise<LunchDay> {
  return openOrThrow(await deps.db.select().from(lunchDays).where(eq(lunchDays.id, dayId)).get(), deps.clock());
}

/**
 * {@link openDay} on a day row already read (undefined when there is none).
 * @throws AppError `lunch.dayNotFound` (404) when there is no such day or it was purged
 * @throws AppError `lunch.signupClosed` (409) after the sign-up deadline
 */
export function openOrThrow(day: LunchDay | undefined, now: Date): LunchDay {
  if (!day || day.purgedAt) throw new AppError('lunch.dayNotFound', 404);
  if (now > day.signupDeadline) throw new AppError('lunch.signupClosed', 409);
  return day;
}

/**
 * Households of a day that hold or wait for a place (confirmed, offered, wait-listed), hosts
 * first, each side in arrival order: for the coordinators' export and the matcher.
 * @throws AppError `lunch.dayNotFound` (404) when there is no such day
 */
export async function householdsOfDay(deps: Pick<Deps, 'db'>, dayId: string) {
  const day = await deps.db.select().from(lunchDays).where(eq(lunchDays.id, dayId)).get();
  if (!day) throw new AppError('lunch.dayNotFound', 404);
  const households = await deps.db
    .select()
    .from(lunchHouseholds)
    .where(
      and(eq(lunchHouseholds.dayId, dayId), inArray(lunchHouseholds.status, ['confirmed', 'offered', 'waitlisted'])),
    )
    .orderBy(asc(lunchHouseholds.role), asc(lunchHouseholds.queueSeq));
  return { day, households };
}
