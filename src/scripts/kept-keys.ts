/**
 * Everything this site keeps of a person's typing in the browser's localStorage, by key prefix:
 * the scoring screen's review drafts (review-autosave.ts) and the entry steps' typed copies
 * (keep-typed.ts). Both prefixes live here so that the sign-out and account-deletion pages
 * (forget-drafts.ts) forget every kind; a new kind of kept copy must add its prefix here.
 */
export const keptPrefixes = {
  /** `spotlight-review:<juror>:<round>:<entry>`: a juror's unsent scores and comments. */
  review: 'spotlight-review:',
  /** `spotlight-keep:<entry>:<step>`: what an entrant typed into a step the server has not saved. */
  typed: 'spotlight-keep:',
} as const;

/** The keys among `keys` that hold a person's kept typing (any prefix above); others are left alone. */
export function keptKeys(keys: readonly string[]): string[] {
  const prefixes = Object.values(keptPrefixes);
  return keys.filter((k) => prefixes.some((p) => k.startsWith(p)));
}
