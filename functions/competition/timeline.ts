// The edition's live state, and reading its forms' wall-clock times (by Temporal, core/zoned-time.ts); pure, no I/O.
import { wallTimeToInstant } from '../../core/zoned-time.ts';
import { AppError } from '../errors.ts';

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

/**
 * The instant a wall-clock time typed into field `field` means in `timeZone` (core/zoned-time.ts:
 * an ambiguous autumn time takes the earlier instant).
 * @throws AppError `validation.failed` (422) with field `field` and code `time.impossible` when the text
 *   is not a `YYYY-MM-DDTHH:MM` time that exists (`2027-02-30T10:00`), or `time.skipped` when the clocks
 *   jump over it (`2027-03-28T02:30` in Europe/Bratislava)
 */
export function instantOfField(local: string, timeZone: string, field: string): Date {
  const result = wallTimeToInstant(local, timeZone);
  if (result.ok) return result.instant;
  throw new AppError('validation.failed', 422, [{ field, code: `time.${result.problem}` }]);
}
