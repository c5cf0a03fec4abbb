import { describe, expect, it } from 'vitest';
import { filterItems, queryFromSelection, selectionFromQuery, type FacetedItem } from './filter.ts';

const item = (id: string, facets: Partial<FacetedItem['facets']>): FacetedItem => ({
  id,
  facets: { age: [], subject: [], language: [], format: [], licence: [], ...facets },
});

const items = [
  item('plan', {
    age: ['13-15', '16-19'],
    subject: ['civic-education', 'geography'],
    language: ['sk', 'en', 'uk'],
    format: ['lesson-plan'],
    licence: ['cc-by-nc-4.0'],
  }),
  item('sheet', {
    age: ['10-12', '13-15'],
    subject: ['geography', 'languages'],
    language: ['sk', 'uk'],
    format: ['worksheet'],
    licence: ['cc-by-4.0'],
  }),
  item('guide', { age: ['adults'], subject: ['ethics'], language: ['sk'], format: ['guide'], licence: ['cc-by-4.0'] }),
];
const ids = (list: FacetedItem[]) => list.map((i) => i.id);

describe('filterItems', () => {
  it('lets everything through when nothing is ticked, in the original order', () => {
    expect(ids(filterItems(items, {}))).toEqual(['plan', 'sheet', 'guide']);
    expect(ids(filterItems(items, { age: [], subject: [] }))).toEqual(['plan', 'sheet', 'guide']);
  });

  it('matches any ticked value within one facet', () => {
    expect(ids(filterItems(items, { age: ['10-12'] }))).toEqual(['sheet']);
    expect(ids(filterItems(items, { age: ['10-12', 'adults'] }))).toEqual(['sheet', 'guide']);
    expect(ids(filterItems(items, { subject: ['geography'] }))).toEqual(['plan', 'sheet']);
  });

  it('needs every facet with a ticked value to match', () => {
    expect(ids(filterItems(items, { age: ['13-15'], language: ['uk'] }))).toEqual(['plan', 'sheet']);
    expect(ids(filterItems(items, { age: ['13-15'], licence: ['cc-by-4.0'] }))).toEqual(['sheet']);
    expect(ids(filterItems(items, { format: ['guide'], language: ['en'] }))).toEqual([]);
  });
});

describe('the selection in the URL query', () => {
  it('reads repeated parameters, dropping unknown facets, unknown values and repeats', () => {
    const query = new URLSearchParams('age=13-15&age=16-19&age=13-15&subject=astrology&colour=red&language=uk');
    expect(selectionFromQuery(query, items)).toEqual({ age: ['13-15', '16-19'], language: ['uk'] });
  });

  it('writes facets in form order, so the same selection gives the same URL', () => {
    expect(queryFromSelection({ licence: ['cc-by-4.0'], age: ['10-12', 'adults'] })).toBe(
      'age=10-12&age=adults&licence=cc-by-4.0',
    );
    expect(queryFromSelection({})).toBe('');
  });

  it('round-trips', () => {
    const selection = { age: ['10-12'], format: ['worksheet', 'guide'] };
    expect(selectionFromQuery(new URLSearchParams(queryFromSelection(selection)), items)).toEqual(selection);
  });
});
