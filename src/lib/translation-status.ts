/** What a translated page says about how current it is. */
export type TranslationStatus = { state: 'original' } | { state: 'current' } | { state: 'stale'; reviewed?: Date };

/**
 * A translation is stale when the Slovak original was updated after the version it translates,
 * or when it has no record of the version at all. `translation` is the page's own record,
 * `sourceUpdated` the original's `updated` date.
 */
export function translationStatus(
  isOriginal: boolean,
  translation: { sourceUpdated: Date; reviewed: Date } | undefined,
  sourceUpdated: Date | undefined,
): TranslationStatus {
  if (isOriginal) return { state: 'original' };
  if (!translation) return { state: 'stale' };
  if (sourceUpdated && sourceUpdated.getTime() > translation.sourceUpdated.getTime())
    return { state: 'stale', reviewed: translation.reviewed };
  return { state: 'current' };
}
