/** A file size for people, in decimal units as file managers show them: "850 kB", "12.6 MB". */
export function formatFileSize(bytes: number, locale: string): string {
  if (bytes < 1_000_000) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
      bytes === 0 ? 0 : Math.max(1, Math.round(bytes / 1000)),
    );
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / 1_000_000,
  );
}
