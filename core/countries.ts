// Countries for forms: the ISO 3166-1 alpha-2 codes (stored) from the maintained `iso-3166` list,
// named in the reader's language by Intl.DisplayNames (CLDR). Intl names regions but cannot list
// them, hence the package.
import { iso31661 } from 'iso-3166';

/** Every assigned ISO 3166-1 alpha-2 code (`AD` … `ZW`), 249 of them. */
export const countryCodes: readonly string[] = iso31661.map((c) => c.alpha2);

const codeSet: ReadonlySet<string> = new Set(countryCodes);

/** Whether a value is an assigned ISO 3166-1 alpha-2 code (`SK` yes; `ZZ`, `sk`, `EU` no). */
export const isCountryCode = (value: unknown): value is string => typeof value === 'string' && codeSet.has(value);

const displayNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the locale: `countryName('en', 'UA')` → "Ukraine", `countryName('sk', 'DE')` → "Nemecko". Unknown codes come back as given. */
export function countryName(locale: string, code: string): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // not a region subtag at all (a RangeError)
  }
}

/** Every country as a select's options in the locale: `{ value: 'SK', label: 'Slovensko' }`, sorted by the label in the locale's collation. */
export function countryOptions(locale: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(locale);
  return countryCodes
    .map((value) => ({ value, label: countryName(locale, value) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
