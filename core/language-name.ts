const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A language's name in another language (Intl.DisplayNames, CLDR): `languageName('en', 'uk')` →
 * "Ukrainian", `languageName('sk', 'uk')` → "ukrajinčina"; `languageName(code, code)` gives the
 * language's own name. Codes Intl does not know come back as given.
 */
export function languageName(locale: string, code: string): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    // A malformed code (not a BCP 47 tag) throws a RangeError.
    return code;
  }
}

const knownNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * Whether `code` is a language the portal can name: two lower-case letters (ISO 639-1) that
 * Intl.DisplayNames (CLDR) knows, so every page can show its name. `sk`, `uk`, `ps` are; `xx`,
 * `qa` (reserved for local use), `SK`, `slk` are not.
 * @param code what was typed
 * @returns true for a known language code
 */
export function isKnownLanguage(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && knownNames.of(code) !== undefined;
}
