// Dates and times as people read them, in both halves (pages and mails). Every instant is shown
// as wall-clock time in Europe/Bratislava, the zone the competition's deadlines and the lunches
// are set in, whatever zone the server or the reader is in.

/** The zone every time on the portal is shown in (and named next to deadlines). */
export const EDITION_ZONE = 'Europe/Bratislava';

// Making an Intl.DateTimeFormat costs far more than formatting with one (about a tenth of a lunch
// sign-up's CPU went to the two its confirmation mail makes): each kind is made once per locale.
// The portal's three locales make 9 entries; the bound is in case a caller passes others.
const formatters = boundedCache<string, Intl.DateTimeFormat>(64);
const formatter = (kind: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached(formatters, `${kind}\n${locale}`, () => new Intl.DateTimeFormat(locale, options));

/**
 * An instant as Europe/Bratislava wall-clock time in the locale's long form:
 * "31. marca 2027 o 23:59" (sk), "March 31, 2027 at 11:59 PM" (en).
 */

import { boundedCache, cached } from './bounded-cache.ts';
export const formatInstant = (locale: string, instant: string | Date): string =>
  formatter('instant', locale, { dateStyle: 'long', timeStyle: 'short', timeZone: EDITION_ZONE }).format(
    new Date(instant),
  );

/**
 * A deadline or opening time (an edition's submissions, a jury round): {@link formatInstant} with
 * the zone named in the locale's words, summer or winter time as it falls on that day, so nobody
 * reads it in their own zone: "31. marca 2027 o 23:59 stredoeurópsky letný čas" (sk),
 * "March 31, 2027 at 11:59 PM Central European Summer Time" (en).
 */
export const formatZonedInstant = (locale: string, instant: string | Date): string =>
  new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'long',
    timeZone: EDITION_ZONE,
  }).format(new Date(instant));

/**
 * A calendar day (`YYYY-MM-DD`, a date without a zone: a lunch day, a publication window) in the
 * locale's long form: "15. mája 2027" (sk), "May 15, 2027" (en). The day is not shifted by any zone.
 */
export const formatDay = (locale: string, day: string): string =>
  formatter('day', locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/**
 * A span of wall-clock times of one day (`HH:MM`, already Europe/Bratislava times: a lunch from
 * `12:00` to `15:30`) in the locale's short form: "12:00 – 15:30" (sk), "12:00 – 3:30 PM" (en).
 */
export const formatTimeRange = (locale: string, start: string, end: string): string =>
  formatter('timeRange', locale, { timeStyle: 'short', timeZone: 'UTC' }).formatRange(
    new Date(`2000-01-01T${start}:00Z`),
    new Date(`2000-01-01T${end}:00Z`),
  );

/**
 * How far an instant is from `now`, in the locale: "in 3 days", "5 hours ago", "in 20 minutes".
 * Minutes under an hour, hours under two days, days beyond.
 */
export function relativeTime(locale: string, instant: string | Date, now: Date): string {
  const ms = new Date(instant).getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const hours = ms / 3_600_000;
  if (Math.abs(hours) < 1) return rtf.format(Math.round(ms / 60_000), 'minute');
  if (Math.abs(hours) < 48) return rtf.format(Math.round(hours), 'hour');
  return rtf.format(Math.round(hours / 24), 'day');
}
