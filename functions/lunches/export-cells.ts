// The coordinators' CSV shows lists and counts as text a person reads, not JSON: the export's
// header is in English, so are these cells. Pure, no I/O.
import { languageName } from '../../core/language-name.ts';
import { type ChildBand, childBands, type Cooking } from '../db/schema/lunches.ts';

const cookingNames: Record<Cooking, string> = {
  vegetarian: 'vegetarian',
  vegan: 'vegan',
  halal: 'halal',
  kosher: 'kosher',
  noPork: 'no pork',
  allergies: 'allergen-free',
};

/** Language codes as English names: `['uk', 'en']` → "Ukrainian, English". */
export const languagesText = (codes: readonly string[]): string =>
  codes.map((code) => languageName('en', code)).join(', ');

/** Diets (or what a host can cook for) as words: `['halal', 'noPork']` → "halal, no pork". */
export const dietsText = (values: readonly Cooking[]): string =>
  values.map((value) => cookingNames[value] ?? value).join(', ');

/**
 * Children per age band, in band order, bands with none left out: `{ '3-5': 1, '6-11': 2 }` →
 * "1 aged 3–5, 2 aged 6–11"; no children → "".
 */
export const childrenText = (children: Partial<Record<ChildBand, number>>): string =>
  childBands
    .filter((band) => (children[band] ?? 0) > 0)
    .map((band) => `${children[band]} aged ${band.replace('-', '–')}`)
    .join(', ');
