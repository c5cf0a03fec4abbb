import { facetNames, type FacetName } from '../../../functions/materials/facets.schemas.ts';

/** What the catalogue filter knows about one material: its id and its values per facet. */
export interface FacetedItem {
  id: string;
  facets: Record<FacetName, readonly string[]>;
}

/** The values ticked per facet; a facet with nothing ticked does not filter. */
export type Selection = Partial<Record<FacetName, readonly string[]>>;

/**
 * The items the selection lets through: within a facet any ticked value may match (age 13–15
 * or 16–19), across facets all must (that age and that subject). Order is kept.
 */
export function filterItems<T extends FacetedItem>(items: readonly T[], selection: Selection): T[] {
  const active = facetNames.filter((facet) => (selection[facet]?.length ?? 0) > 0);
  return items.filter((item) =>
    active.every((facet) => selection[facet]!.some((value) => item.facets[facet].includes(value))),
  );
}

/**
 * The selection a URL query holds, as the plain GET form sends it (`?age=13-15&age=16-19`).
 * Unknown parameters and values no item has are dropped, so a stale shared link still works.
 */
export function selectionFromQuery(query: URLSearchParams, items: readonly FacetedItem[]): Selection {
  const selection: Selection = {};
  for (const facet of facetNames) {
    const known = new Set(items.flatMap((item) => item.facets[facet]));
    const values = [...new Set(query.getAll(facet))].filter((value) => known.has(value));
    if (values.length > 0) selection[facet] = values;
  }
  return selection;
}

/** The query string for a selection, facets in form order: `age=13-15&subject=ethics`. */
export function queryFromSelection(selection: Selection): string {
  const query = new URLSearchParams();
  for (const facet of facetNames) for (const value of selection[facet] ?? []) query.append(facet, value);
  return query.toString();
}
