// Pure rules of publishing results (issue 13 items 7 and 8): the state machine, which places a
// category may hold, what an entrant is told, and when jurors' names may be shown. No I/O.
import type { FieldError } from '../errors.ts';
import { type Place, places, type PublicationState, singlePlaces } from '../db/schema/publication.ts';

/** What managers do to an edition's results. */
export const publicationActions = ['edit', 'lock', 'unlock', 'publish'] as const;
export type PublicationAction = (typeof publicationActions)[number];

/**
 * The state after `action` from `state`, or null when the action is not allowed there:
 * edits only in a draft; lock a draft; publish only from locked; unlock locked or published
 * results back to a draft (which takes a published page down).
 * @example nextState('locked', 'publish') // 'published'
 * @example nextState('draft', 'publish') // null
 */
export function nextState(state: PublicationState, action: PublicationAction): PublicationState | null {
  switch (action) {
    case 'edit':
      return state === 'draft' ? 'draft' : null;
    case 'lock':
      return state === 'draft' ? 'locked' : null;
    case 'publish':
      return state === 'locked' ? 'published' : null;
    case 'unlock':
      return state === 'draft' ? null : 'draft';
  }
}

/** Order places are shown in (winner first, the rest of the shortlist last). */
export const placeOrder = (place: Place): number => places.indexOf(place);

/**
 * Problems with the places chosen for one category: an entry that is not one of the category's
 * candidates (`place.<id>` → `publication.notCandidate`), and a single place (winner, second,
 * third) given to more than one entry (each such entry's field → `publication.placeTaken`).
 * Empty when the choice is fine.
 * @param candidates the ids of the entries the form listed (the last round's entries of the category)
 * @param chosen entry id → its place (entries left out are not placed)
 */
export function placementProblems(
  candidates: readonly string[],
  chosen: Readonly<Record<string, Place>>,
): FieldError[] {
  const problems: FieldError[] = [];
  const known = new Set(candidates);
  const holders = new Map<Place, string[]>();
  for (const [entryId, place] of Object.entries(chosen)) {
    if (!known.has(entryId)) {
      problems.push({ field: `place.${entryId}`, code: 'publication.notCandidate' });
      continue;
    }
    holders.set(place, [...(holders.get(place) ?? []), entryId]);
  }
  for (const single of singlePlaces) {
    const ids = holders.get(single) ?? [];
    if (ids.length > 1) for (const id of ids) problems.push({ field: `place.${id}`, code: 'publication.placeTaken' });
  }
  return problems;
}

/** What an entrant is told about their entry: its place, or that it was not placed. */
export type Outcome = Place | 'notPlaced';
export const outcomeOf = (place: Place | null | undefined): Outcome => place ?? 'notPlaced';

/**
 * Whether an edition is blind towards entrants: jurors' names are never shown next to their
 * comments unless a round of the edition was run with names shown (`namesShown`). The edition
 * records nothing else, so an edition without rounds is blind too.
 */
export const isBlindEdition = (rounds: readonly { namesShown: boolean }[]): boolean =>
  !rounds.some((r) => r.namesShown);

/** A localized text with every value trimmed and empty locales dropped. */
export function cleanText(text: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(text)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );
}
