import { describe, expect, it } from 'vitest';
import { monthlySeries } from './monthly.ts';

describe('monthly download series', () => {
  it('sums days into months, fills empty months with 0 and spans year ends', () => {
    const series = monthlySeries(
      [
        { day: '2026-11-02', count: 3 },
        { day: '2026-11-20', count: 4 },
        { day: '2026-09-30', count: 1 },
        { day: '2025-12-31', count: 9 },
        { day: '2025-11-30', count: 100 },
      ],
      new Date('2026-11-23T10:00:00Z'),
      12,
    );
    expect(series).toHaveLength(12);
    expect(series[0]).toEqual({ month: '2025-12', count: 9 });
    expect(series.slice(-3)).toEqual([
      { month: '2026-09', count: 1 },
      { month: '2026-10', count: 0 },
      { month: '2026-11', count: 7 },
    ]);
  });
});
