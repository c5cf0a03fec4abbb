/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60_000;

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** The last millisecond of a YYYY-MM-DD date (UTC): a deadline date covers the whole day. */
export const endOfDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1);
