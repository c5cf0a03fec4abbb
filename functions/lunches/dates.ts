// Lunch days and their sign-up deadlines are calendar days in Europe/Bratislava, read by the same
// rules as the competition's times (core/zoned-time.ts, Temporal): a deadline date covers the whole
// day there, and "today" is the day it is there, whatever zone the server runs in.
import { EDITION_ZONE } from '../../core/dates.ts';
import { dayInZone, endOfDayInZone, wallTimeToInstant } from '../../core/zoned-time.ts';

/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60_000;

/** The calendar day (YYYY-MM-DD) an instant falls on in Europe/Bratislava. */
export const isoDay = (d: Date): string => dayInZone(d, EDITION_ZONE);

/**
 * The last millisecond of a YYYY-MM-DD day in Europe/Bratislava (`2026-12-05` → 2026-12-05T22:59:59.999Z):
 * a deadline date covers the whole day there.
 * @throws RangeError when the day does not exist (the schemas refuse such days first)
 */
export const endOfDay = (date: string): Date => endOfDayInZone(date, EDITION_ZONE);

/** A lunch day's date and its wall-clock times (`HH:MM`) in Europe/Bratislava. */
export interface LunchTimes {
  date: string;
  startTime: string;
  endTime: string;
}

/**
 * The instants a lunch starts and ends (`2026-12-12`, `12:00`, `15:00` → 11:00Z and 14:00Z); null
 * when either time does not exist that day (not a time, or skipped by the spring clock change).
 * An hour that happens twice means its earlier instant (core/zoned-time.ts).
 */
export function startsAndEnds(day: LunchTimes): { start: Date; end: Date } | null {
  const start = wallTimeToInstant(`${day.date}T${day.startTime}`, EDITION_ZONE);
  const end = wallTimeToInstant(`${day.date}T${day.endTime}`, EDITION_ZONE);
  return start.ok && end.ok ? { start: start.instant, end: end.instant } : null;
}
