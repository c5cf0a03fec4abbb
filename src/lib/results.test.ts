import { describe, expect, it } from 'vitest';
import { formatNumber, formatP, leaderboardHref, leaderboardQuery, linearScale, rankLabel, ticks } from './results.ts';

describe('results page helpers', () => {
  it('numbers and p-values in the page’s language', () => {
    expect(formatNumber('en', 11 / 3)).toBe('3.67');
    expect(formatNumber('sk', 11 / 3)).toBe('3,67');
    expect(formatNumber('uk', 4)).toBe('4');
    expect(formatNumber('en', null)).toBe('—');
    expect(formatP('en', 1 / 56)).toBe('0.018');
    expect(formatP('sk', 0.5)).toBe('0,500');
    expect(formatP('en', 0.0001)).toBe('< 0.001');
    expect(formatP('en', null)).toBe('—');
  });

  it('ties show as "2="', () => {
    expect(rankLabel(2, true)).toBe('2=');
    expect(rankLabel(1, false)).toBe('1');
    expect(rankLabel(null, false)).toBe('—');
  });

  it('reads the leaderboard query, falling back on unknown values, and writes its links', () => {
    expect(leaderboardQuery(new URLSearchParams('sort=disagreement&scores=normalised'))).toEqual({
      sort: 'disagreement',
      scores: 'normalised',
    });
    expect(leaderboardQuery(new URLSearchParams('sort=<x>&scores=1'))).toEqual({ sort: 'total', scores: 'raw' });
    expect(leaderboardHref('normalised', 'normalised')).toBe('?sort=normalised&scores=normalised');
  });

  it('chart scales and ticks', () => {
    const x = linearScale(1, 5, 100, 500);
    expect([x(1), x(3), x(5), x(0), x(9)]).toEqual([100, 300, 500, 100, 500]);
    expect(linearScale(2, 2, 0, 10)(2)).toBe(0);
    expect(ticks(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(ticks(0, 100)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });
});
