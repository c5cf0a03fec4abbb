/** One bar of the monthly chart. */
export interface MonthCount {
  /** `YYYY-MM` */
  month: string;
  count: number;
}

/**
 * The last `months` calendar months up to `now` (UTC), oldest first, each with its downloads;
 * months without downloads are there with 0 so the chart's axis has no gaps.
 */
export function monthlySeries(days: readonly { day: string; count: number }[], now: Date, months = 12): MonthCount[] {
  const totals = new Map<string, number>();
  for (const { day, count } of days) totals.set(day.slice(0, 7), (totals.get(day.slice(0, 7)) ?? 0) + count);
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1 - i), 1));
    const month = d.toISOString().slice(0, 7);
    return { month, count: totals.get(month) ?? 0 };
  });
}
