// A lunch day as a calendar file (RFC 5545), made with the maintained `ics` library (pure
// JavaScript, no Node built-ins: it runs in Workers, checked by lunches.workers.test.ts). Times are
// written in UTC (`DTSTART:20261212T110000Z`), which RFC 5545 allows for any event and every calendar
// reads in its own zone; the instants come from the day's Europe/Bratislava wall times by Temporal
// (dates.ts), so a lunch across a clock change is still right. No VTIMEZONE is needed then.
import { createEvent, type EventAttributes } from 'ics';
import { formatTimeRange } from '../../core/dates.ts';
import type { Locale } from '../../core/locales.ts';
import { organisation } from '../../core/organisation.ts';
import { useTranslations } from '../../core/t.ts';
import { localizedPath } from '../../core/urls.ts';
import { startsAndEnds } from './dates.ts';
import type { DayFacts } from './mails.ts';

/**
 * The `.ics` text (CRLF lines, folded at 75 octets) of one lunch day in `locale`: one VEVENT with
 * a stable UID (`lunch-<day id>@<host>`, so a second download updates the same entry), the title,
 * the place, the times in UTC, and the lunches page's link. `stamp` is the file's DTSTAMP (now).
 * Names no household. Null when the day's times do not exist (they are checked when it is planned).
 */
export function lunchCalendar(day: DayFacts, locale: Locale, origin: string, stamp: Date): string | null {
  const times = startsAndEnds(day);
  if (!times) return null;
  const t = useTranslations(locale);
  const utc = (d: Date) =>
    [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()] as [
      number,
      number,
      number,
      number,
      number,
    ];
  const event: EventAttributes & { timestamp: number } = {
    uid: `lunch-${day.id}@${new URL(origin).hostname}`,
    productId: '-//Spotlight//Next Door Family//EN',
    title: t('lunches.calendar.title', { city: day.city }),
    description: t('lunches.calendar.description', {
      organisation: organisation.shortName[locale],
      time: formatTimeRange(locale, day.startTime, day.endTime),
    }),
    location: day.venue ? `${day.venue}, ${day.city}` : `${t(`lunches.format.${day.format}`)}, ${day.city}`,
    url: `${origin}${localizedPath(locale, '/lunches/')}`,
    start: utc(times.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(times.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    timestamp: stamp.getTime(),
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('calendar file not made');
  return value;
}
