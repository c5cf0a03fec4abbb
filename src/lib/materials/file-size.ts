/**
 * A file size as people read it, in the locale's number format: "24,6 kB" in Slovak,
 * "24.6 kB" in English. Decimal units (1 kB = 1000 B), as operating systems show them now.
 */
export function humanSize(bytes: number, locale: string): string {
  const [value, unit] =
    bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(
    value,
  );
}
