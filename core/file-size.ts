// File sizes for people, in one unit system for the whole portal: decimal SI (1 kB = 1000 B,
// 1 MB = 1000 kB, 1 GB = 1000 MB), as file managers and operating systems show them today.
// Limits meant to read round (a category's "20 MB") are stated in decimal bytes (20_000_000).

const units = [
  { size: 1e3, unit: 'kilobyte' },
  { size: 1e6, unit: 'megabyte' },
  { size: 1e9, unit: 'gigabyte' },
] as const;

/**
 * A file size in the locale's number format: "24.6 kB", "850 kB", "12.6 MB", "2 GB" (English),
 * "24,6 kB" (Slovak), "12,6 МБ" (Ukrainian). Below 1 kB it is still shown in kB ("0.2 kB"), so one
 * list never mixes bytes and kilobytes; one decimal below 100 of a unit, none from 100 up.
 */
export function formatFileSize(bytes: number, locale: string): string {
  // The largest unit that makes at least one after rounding (999,999 B is "1 MB", not "1,000 kB").
  const { size, unit } = units.findLast((u) => bytes >= u.size * 0.9995) ?? units[0];
  const value = bytes === 0 ? 0 : Math.max(0.1, bytes / size);
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 99.95 ? 1 : 0,
  }).format(value);
}
