import { describe, expect, it } from 'vitest';
import { cutAt } from './shortlist.ts';

describe('cutAt: the top N of a category by mean score', () => {
  const entries = [
    { id: 'e1', mean: 0.5 },
    { id: 'e2', mean: 0.9 },
    { id: 'e3', mean: 0.7 },
    { id: 'e4', mean: null },
    { id: 'e5', mean: 0.7 },
    { id: 'e6', mean: 0.3 },
  ];

  it('takes the best n when the cut falls between two different means; ties share a place', () => {
    expect(cutAt(entries, 3)).toEqual({
      ranked: [
        { id: 'e2', place: 1 },
        { id: 'e3', place: 2 },
        { id: 'e5', place: 2 },
        { id: 'e1', place: 4 },
        { id: 'e6', place: 5 },
        { id: 'e4', place: null },
      ],
      above: ['e2', 'e3', 'e5'],
      tied: [],
      placesLeft: 0,
    });
  });

  it('shows the entries tied at the cut and the places left for the manager to fill', () => {
    const cut = cutAt(entries, 2);
    expect(cut.above).toEqual(['e2']);
    expect(cut.tied).toEqual(['e3', 'e5']);
    expect(cut.placesLeft).toBe(1);
  });

  it('treats means equal up to rounding as equal ((0.7 + 0.8) / 2 and 0.75)', () => {
    const cut = cutAt(
      [
        { id: 'a', mean: (0.7 + 0.8) / 2 },
        { id: 'b', mean: 0.75 },
        { id: 'c', mean: 0.1 },
      ],
      1,
    );
    expect(cut.tied).toEqual(['a', 'b']);
    expect(cut.placesLeft).toBe(1);
  });

  it('never takes an unscored entry; fewer scored entries than places: all of them', () => {
    expect(cutAt(entries, 10)).toMatchObject({ above: ['e2', 'e3', 'e5', 'e1', 'e6'], tied: [], placesLeft: 0 });
    expect(cutAt([{ id: 'x', mean: null }], 1)).toEqual({
      ranked: [{ id: 'x', place: null }],
      above: [],
      tied: [],
      placesLeft: 0,
    });
  });
});
