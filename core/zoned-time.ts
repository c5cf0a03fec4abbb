// Wall-clock time ↔ instant in a named zone, by Temporal (the runtime's where it has one, else
// temporal-polyfill): the competition's deadlines and the lunches' sign-up deadlines follow the same
// rules. A time that does not exist in the calendar (30 February) is refused; a time that happens
// twice (the autumn hour, 02:30 on 31 October 2027 in Bratislava) means the EARLIER instant; a time
// that is skipped (the spring hour, 02:30 on 28 March 2027) is refused, so nobody gets a deadline an
// hour off without being told.
import { Temporal as Polyfill } from 'temporal-polyfill';

/** The runtime's Temporal where present (same API), else the polyfill. */
const Temporal: typeof Polyfill = (globalThis as { Temporal?: typeof Polyfill }).Temporal ?? Polyfill;

/** Why a wall-clock time has no instant: not such a time at all, or skipped by a clock change. */
export type WallTimeProblem = 'impossible' | 'skipped';

/** The answer of {@link wallTimeToInstant}: the instant, or why there is none. */
export type WallTimeResult = { ok: true; instant: Date } | { ok: false; problem: WallTimeProblem };

const WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Parses `YYYY-MM-DDTHH:MM` strictly (no overflow into the next month); null when impossible. */
function plainDateTime(local: string): Polyfill.PlainDateTime | null {
  if (!WALL_TIME.test(local)) return null;
  try {
    return Temporal.PlainDateTime.from(local, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/**
 * The instant a wall-clock time (`2027-03-31T23:59`, as a datetime-local field sends it) means in
 * `timeZone` (an IANA name, e.g. `Europe/Bratislava`).
 * - `{ ok: false, problem: 'impossible' }` for text that is not such a time or a day that does not
 *   exist (`2027-02-30T10:00`, `2027-01-01T24:00`);
 * - `{ ok: false, problem: 'skipped' }` for a time inside a spring-forward gap (`2027-03-28T02:30`);
 * - an ambiguous time (`2027-10-31T02:30`) gives the earlier of its two instants (`00:30Z`, not `01:30Z`).
 */
export function wallTimeToInstant(local: string, timeZone: string): WallTimeResult {
  const wall = plainDateTime(local);
  if (!wall) return { ok: false, problem: 'impossible' };
  const zoned = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  // In a gap Temporal moves the time; a time that exists comes back unchanged.
  if (!zoned.toPlainDateTime().equals(wall)) return { ok: false, problem: 'skipped' };
  return { ok: true, instant: new Date(zoned.epochMilliseconds) };
}

/** The wall-clock time of an instant in `timeZone`, as a datetime-local field shows it (`2027-03-31T23:59`). */
export function instantToWallTime(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

/** Whether `day` is a calendar day that exists, written `YYYY-MM-DD` (`2027-02-30` is not). */
export function isCalendarDay(day: string): boolean {
  if (!CALENDAR_DAY.test(day)) return false;
  try {
    Temporal.PlainDate.from(day, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`: 2027-03-31T22:30Z is `2027-04-01` in Bratislava. */
export function dayInZone(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/**
 * The first instant of a calendar day (`YYYY-MM-DD`) in `timeZone` (midnight, or the first time that
 * exists where a zone skips midnight).
 * @throws RangeError when `day` is not a calendar day that exists (check with {@link isCalendarDay})
 */
export function startOfDayInZone(day: string, timeZone: string): Date {
  const date = Temporal.PlainDate.from(day, { overflow: 'reject' });
  return new Date(date.toZonedDateTime({ timeZone }).epochMilliseconds);
}

/**
 * The last millisecond of a calendar day (`YYYY-MM-DD`) in `timeZone`: a deadline date covers the
 * whole day there. `2027-05-14` in Bratislava → 2027-05-14T21:59:59.999Z.
 * @throws RangeError when `day` is not a calendar day that exists
 */
export function endOfDayInZone(day: string, timeZone: string): Date {
  const next = Temporal.PlainDate.from(day, { overflow: 'reject' }).add({ days: 1 });
  return new Date(next.toZonedDateTime({ timeZone }).epochMilliseconds - 1);
}
