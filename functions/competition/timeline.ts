// The edition's live state and the time-zone arithmetic its forms need; pure, no I/O.

export type EditionState = 'notOpen' | 'open' | 'closed';

/** Where the edition stands at `now` (server clock). Closing is exclusive: at the close it is closed. */
export function editionState(edition: { submissionsOpenAt: Date; submissionsCloseAt: Date }, now: Date): EditionState {
  if (now < edition.submissionsOpenAt) return 'notOpen';
  return now < edition.submissionsCloseAt ? 'open' : 'closed';
}

/**
 * Whether an entrant may still change entries: the edition is open, or their redeemed extension
 * has not run out yet.
 */
export function mayChange(
  edition: { submissionsOpenAt: Date; submissionsCloseAt: Date },
  extensionUntil: Date | null,
  now: Date,
): boolean {
  const state = editionState(edition, now);
  if (state === 'open') return true;
  return state === 'closed' && extensionUntil !== null && now < extensionUntil;
}

/** The zone's offset from UTC at an instant, in minutes (Europe/Bratislava: +60 or +120). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/**
 * The instant a wall-clock time (`2027-03-31T23:59`, as a datetime-local field sends it) means in
 * `timeZone`. Null when the text is not such a time.
 */
export function zonedToInstant(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset on either side of a daylight-saving change.
  let instant = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  instant = wall - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** The wall-clock time of an instant in `timeZone`, as a datetime-local field shows it. */
export function instantToZoned(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
